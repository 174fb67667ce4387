package org.gridmap.demo;

/**
 * What sort of place a town of a synthetic city is, and the distributions its size and settlement are drawn from.
 *
 * <p>Chongqing's districts mix three kinds of township-level units: urban subdistricts (街道) — small, dense, cut
 * into many small community grids along a street grid —, ordinary towns (镇) like Taojia, and mountain townships
 * (乡) — large, sparse, with long roads and scattered hamlets. Areas and household densities are log-normal
 * (sizes of settlements are), with medians and spreads of that order; the bounds keep every town inside its
 * lattice cell.
 */
enum TownKind {
    /** The published Taojia town: its facts are fixed, its layout is the original one, nothing is drawn. */
    PUBLISHED("镇", " Town", 0, 36, 0, 36, 36, 420, 0, 0, 0, 0, 0, 0, 0),
    URBAN("街道", " Subdistrict", 0.2, 9, 0.3, 5, 16, 2_600, 0.25, 6, 10, 7, 11, 0, 0),
    ORDINARY("镇", " Town", 0.5, 32, 0.2, 20, 48, 450, 0.25, 6, 12, 8, 14, 0.35, 0.25),
    MOUNTAIN("乡", " Township", 0.3, 62, 0.2, 40, 88, 70, 0.3, 5, 9, 4, 7, 0.9, 0.45);

    final String suffix;
    final String suffixEn;
    /** Share of the city's towns of this kind. */
    final double share;
    final double medianKm2;
    final double sigmaKm2;
    final double minKm2;
    final double maxKm2;
    final double medianHouseholdsPerKm2;
    final double sigmaDensity;
    final int minUnits;
    final int maxUnits;
    final int minGridsPerUnit;
    final int maxGridsPerUnit;
    /** Hamlets per km² of land far from every service point (farmsteads on the hills). */
    final double hamletsPerKm2;
    /** Weight of slope in the cost of walking when growing the outline: hills make boundaries. */
    final double ridgeWeight;

    TownKind(String suffix, String suffixEn, double share, double medianKm2, double sigmaKm2, double minKm2,
             double maxKm2, double medianHouseholdsPerKm2, double sigmaDensity, int minUnits, int maxUnits,
             int minGridsPerUnit, int maxGridsPerUnit, double hamletsPerKm2, double ridgeWeight) {
        this.suffix = suffix;
        this.suffixEn = suffixEn;
        this.share = share;
        this.medianKm2 = medianKm2;
        this.sigmaKm2 = sigmaKm2;
        this.minKm2 = minKm2;
        this.maxKm2 = maxKm2;
        this.medianHouseholdsPerKm2 = medianHouseholdsPerKm2;
        this.sigmaDensity = sigmaDensity;
        this.minUnits = minUnits;
        this.maxUnits = maxUnits;
        this.minGridsPerUnit = minGridsPerUnit;
        this.maxGridsPerUnit = maxGridsPerUnit;
        this.hamletsPerKm2 = hamletsPerKm2;
        this.ridgeWeight = ridgeWeight;
    }

    /** A kind drawn by its share. */
    static TownKind draw(Rng rng) {
        double r = rng.nextDouble();
        for (TownKind k : values()) {
            if (k == PUBLISHED) continue;
            r -= k.share;
            if (r < 0) return k;
        }
        return ORDINARY;
    }

    double drawArea(Rng rng) {
        return clamp(medianKm2 * Math.exp(sigmaKm2 * gaussian(rng)), minKm2, maxKm2);
    }

    int drawHouseholds(Rng rng, double km2) {
        double density = medianHouseholdsPerKm2 * Math.exp(sigmaDensity * clamp(gaussian(rng), -2, 2));
        return (int) Math.round(density * km2);
    }

    /** Urban subdistricts consist of communities (社区) only; other kinds have one community and villages. */
    boolean allCommunities() {
        return this == URBAN;
    }

    /** Streets run on a lattice in urban subdistricts; grids are the blocks between them. */
    boolean hasStreetGrid() {
        return this == URBAN;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Standard normal by Box–Muller, from the deterministic stream. */
    static double gaussian(Rng rng) {
        double u = Math.max(1e-12, rng.nextDouble());
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }
}
