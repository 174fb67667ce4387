package org.gridmap.rings.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * Speeds per road class in km/h (indexed by {@link RoadClass#ordinal()}); a speed of 0 forbids the class.
 * {@code respectsOneway}: one-way edges may then only be used from→to. {@code pedestrian}: the mode takes an
 * edge's walk-speed override instead of its class speed (a steep path surveyed as slower than the class says).
 * The three-argument constructor treats a mode that ignores one-way as pedestrian, which is what walking is.
 */
public record TravelMode(String name, double[] kmhByClass, boolean respectsOneway, boolean pedestrian) {
    /** Stairs climb at this share of the flat walking speed; ~0.7 matches common pedestrian routing profiles. */
    public static final double STAIRS_FACTOR = 0.7;

    public TravelMode {
        Objects.requireNonNull(name, "name");
        if (kmhByClass == null || kmhByClass.length != RoadClass.values().length)
            throw new IllegalArgumentException("kmhByClass needs one speed per road class");
        kmhByClass = kmhByClass.clone(); // the graph caches costs per mode, so a mode must not change afterwards
        for (double v : kmhByClass)
            if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("speed must be finite and >= 0: " + v);
    }

    public TravelMode(String name, double[] kmhByClass, boolean respectsOneway) {
        this(name, kmhByClass, respectsOneway, !respectsOneway);
    }

    /** Walking at {@code kmh} on main roads, village roads and paths, and at {@link #STAIRS_FACTOR}×kmh on stairs. */
    public static TravelMode walk(double kmh) {
        return new TravelMode("walk", new double[] {kmh, kmh, kmh, kmh * STAIRS_FACTOR}, false, true);
    }

    /** Walking at the same speed on every class, stairs included. */
    public static TravelMode walkFlat(double kmh) {
        return new TravelMode("walk", new double[] {kmh, kmh, kmh, kmh}, false, true);
    }

    /** A vehicle mode: keeps one-way, ignores walk overrides; pass 0 for classes it cannot use. */
    public static TravelMode drive(String name, double mainKmh, double villageKmh, double pathKmh, double stairsKmh) {
        return new TravelMode(name, new double[] {mainKmh, villageKmh, pathKmh, stairsKmh}, true, false);
    }

    public TravelMode withSpeed(RoadClass cls, double kmh) {
        double[] s = kmhByClass.clone();
        s[cls.ordinal()] = kmh;
        return new TravelMode(name, s, respectsOneway, pedestrian);
    }

    @Override
    public double[] kmhByClass() {
        return kmhByClass.clone();
    }

    public double kmh(RoadClass cls) {
        return kmhByClass[cls.ordinal()];
    }

    /** Whether this mode may use a road of this class with this override at all (in either direction). */
    public boolean allows(RoadClass cls, double walkKmhOverride) {
        return edgeKmh(cls.ordinal(), walkKmhOverride) > 0;
    }

    /**
     * Speed on one edge: 0 when the class is forbidden; for a pedestrian mode a finite override replaces the class
     * speed (an override of 0 makes the edge impassable on foot).
     */
    double edgeKmh(int classOrdinal, double walkKmhOverride) {
        double v = kmhByClass[classOrdinal];
        if (v <= 0) return 0;
        if (pedestrian && !Double.isNaN(walkKmhOverride)) return Math.max(0, walkKmhOverride);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TravelMode m && name.equals(m.name) && Arrays.equals(kmhByClass, m.kmhByClass)
                && respectsOneway == m.respectsOneway && pedestrian == m.pedestrian;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(kmhByClass), respectsOneway, pedestrian);
    }

    @Override
    public String toString() {
        return "TravelMode[" + name + " " + Arrays.toString(kmhByClass) + (respectsOneway ? " oneway" : "")
                + (pedestrian ? " pedestrian" : "") + "]";
    }
}
