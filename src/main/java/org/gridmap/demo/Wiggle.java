package org.gridmap.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Shapes of drawn roads: gently bending lines (midpoint displacement) and hillside switchbacks.
 * Results are the interior vertices only; the caller owns the end nodes.
 */
final class Wiggle {
    private Wiggle() {
    }

    /**
     * A line from a to b that bends sideways by up to {@code amplitude} × its length, with vertices about
     * {@code step} metres apart.
     */
    static List<double[]> between(double ax, double ay, double bx, double by, double amplitude, double step, Rng rng) {
        List<double[]> out = new ArrayList<>();
        split(ax, ay, bx, by, amplitude, step, rng, out);
        return out;
    }

    private static void split(double ax, double ay, double bx, double by, double amp, double step, Rng rng,
                              List<double[]> out) {
        double len = Math.hypot(bx - ax, by - ay);
        if (len <= step) return;
        double off = rng.range(-amp, amp) * len;
        double mx = (ax + bx) / 2 - (by - ay) / len * off;
        double my = (ay + by) / 2 + (bx - ax) / len * off;
        split(ax, ay, mx, my, amp * 0.6, step, rng, out);
        out.add(new double[] {mx, my});
        split(mx, my, bx, by, amp * 0.6, step, rng, out);
    }

    /**
     * A switchback path from a to b of about {@code length} metres (at least the straight distance): legs cross
     * the straight line alternately left and right, like a path climbing a slope.
     */
    static List<double[]> switchbacks(double ax, double ay, double bx, double by, double length, Rng rng) {
        double d = Math.hypot(bx - ax, by - ay);
        List<double[]> out = new ArrayList<>();
        if (length <= d * 1.05) return between(ax, ay, bx, by, 0.05, 30, rng);
        int legs = Math.max(2, (int) Math.round(length / 70));
        double advance = d / legs;
        double leg = length / legs;
        double side = Math.sqrt(Math.max(0, leg * leg - advance * advance)) / 2;
        double ux = (bx - ax) / d;
        double uy = (by - ay) / d;
        for (int i = 1; i < legs; i++) {
            double s = (i % 2 == 0 ? 1 : -1) * side * rng.range(0.85, 1.15);
            double t = advance * i;
            out.add(new double[] {ax + ux * t - uy * s, ay + uy * t + ux * s});
        }
        return out;
    }
}
