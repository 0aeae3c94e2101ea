package narrator.bench.segments;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Amdahl's law, S(p) = 1 / (s + (1 - s) / p), read backwards: the serial fraction {@code s} that measured
 * speed-ups imply. Written as 1/S - 1/p = s (1 - 1/p), each run is a point (x = 1 - 1/p, y = 1/S - 1/p) on a
 * line through the origin of slope s, so one run gives s = y / x and several give the least-squares slope
 * s = sum(x y) / sum(x^2). A run with one worker (x = 0) says nothing about s.
 */
final class Amdahl {
    /** A measured run: {@code workers} in parallel, {@code speedUp} over the one-pass job. */
    record Point(int workers, double speedUp) {
        double x() {
            return 1 - 1.0 / workers;
        }

        double y() {
            return 1 / speedUp - 1.0 / workers;
        }
    }

    private Amdahl() {
    }

    /** The serial fraction of one run; empty for one worker. */
    static OptionalDouble serialFraction(Point run) {
        return run.workers() < 2 ? OptionalDouble.empty() : OptionalDouble.of(run.y() / run.x());
    }

    /** The least-squares serial fraction over {@code runs}; empty when none has two workers or more. */
    static OptionalDouble serialFraction(List<Point> runs) {
        double xy = 0;
        double xx = 0;
        for (Point run : runs) {
            xy += run.x() * run.y();
            xx += run.x() * run.x();
        }
        return xx == 0 ? OptionalDouble.empty() : OptionalDouble.of(xy / xx);
    }

    /** The speed-up Amdahl's law gives {@code workers} with serial fraction {@code s}. */
    static double speedUp(double s, int workers) {
        return 1 / (s + (1 - s) / workers);
    }
}
