package org.gridmap.demo;

/**
 * Small deterministic random source (SplitMix64).
 *
 * <p>Written out rather than taken from the JDK so that a seed produces the same data set on every Java version.
 * {@link #fork} derives independent streams per concern (layout, roads, households…) so that changing how one
 * concern draws numbers does not reshuffle the others.
 */
final class Rng {
    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** A stream derived from this one's seed and a label, independent of how much this stream was used. */
    static Rng derive(long seed, String label) {
        long h = seed;
        for (int i = 0; i < label.length(); i++) h = mix(h ^ label.charAt(i)) + 0x9E3779B97F4A7C15L;
        return new Rng(mix(h));
    }

    /** Stateless mixing of a seed and an index, e.g. one sub-seed per town. */
    static long subSeed(long seed, long index) {
        return mix(seed + 0x9E3779B97F4A7C15L * (index + 1));
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double range(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [0, bound). */
    int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Uniform integer in [lo, hi], both inclusive. */
    int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
