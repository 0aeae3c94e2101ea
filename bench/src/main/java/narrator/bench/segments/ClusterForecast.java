package narrator.bench.segments;

import java.util.List;

/**
 * The speed-up to expect from N real machines, each with this machine's cores, taken from one measured segmented
 * run on one node that drew its segments one at a time: the job's serial part (speech, audio, join, mux, thumbnail,
 * upload: the job's time less its segments') stays, and the k segments are drawn ceil(k / N) rounds deep, each
 * round as long as the median segment. Moving segments between machines is not in it: here the store is a local
 * directory.
 *
 * @param onePassSeconds the one-pass job on one node, what the speed-up is against
 * @param serialSeconds  the segmented job's wall time less the sum of its segments' draw times
 * @param segmentSeconds every segment's draw time
 */
record ClusterForecast(double onePassSeconds, double serialSeconds, List<Double> segmentSeconds) {
    static final String FORMULA = "S(N) = T_one_pass / (T_serial + ceil(k / N) * t_segment_median)";

    ClusterForecast {
        segmentSeconds = List.copyOf(segmentSeconds);
        if (segmentSeconds.isEmpty()) {
            throw new IllegalArgumentException("a forecast needs the segments' draw times");
        }
    }

    /** From a run's job time and its segments' draw times. */
    static ClusterForecast of(double onePassSeconds, double segmentedJobSeconds, List<Double> segmentSeconds) {
        double drawing = segmentSeconds.stream().mapToDouble(Double::doubleValue).sum();
        return new ClusterForecast(onePassSeconds, Math.max(0, segmentedJobSeconds - drawing), segmentSeconds);
    }

    double medianSegmentSeconds() {
        return median(segmentSeconds);
    }

    /** The job's expected wall time on {@code machines} machines. */
    double jobSeconds(int machines) {
        int rounds = (segmentSeconds.size() + machines - 1) / machines;
        return serialSeconds + rounds * medianSegmentSeconds();
    }

    double speedUp(int machines) {
        return onePassSeconds / jobSeconds(machines);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
