package narrator.bench.segments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured job, from its own records.
 *
 * @param label       what ran, as the table names it
 * @param workers     segments drawn at once: RENDER_PARALLELISM on one node, the worker nodes in a cluster, 1 for
 *                    one pass
 * @param jobMillis   submit to end ({@code created_at} to {@code finished_at}), the nodes already running
 * @param stageMillis the job's {@code timings_ms}, by stage
 * @param segments    the segments' draw times from the manifest, in segment order; empty for one pass
 */
record SegmentRun(String label, int workers, long jobMillis, Map<String, Long> stageMillis, List<Segment> segments) {
    /** One segment's draw as the manifest recorded it: its start and end (epoch ms) and the node that drew it. */
    record Segment(int index, long startedAt, long endedAt, String node) {
        long drawMillis() {
            return endedAt - startedAt;
        }
    }

    SegmentRun {
        stageMillis = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
        segments = List.copyOf(segments);
    }

    double jobSeconds() {
        return jobMillis / 1000.0;
    }

    /** A stage's time in seconds; 0 when the job did not record it. */
    double stageSeconds(String stage) {
        return stageMillis.getOrDefault(stage, 0L) / 1000.0;
    }

    List<Double> drawSeconds() {
        return segments.stream().map(s -> s.drawMillis() / 1000.0).toList();
    }

    /**
     * The render stage less the span from the first segment's start to the last one's end: the render's work
     * outside the segments (the audio mixed once, the join, the mux); 0 without segments.
     */
    double outsideSegmentsSeconds() {
        if (segments.isEmpty()) {
            return 0;
        }
        long first = segments.stream().mapToLong(Segment::startedAt).min().orElseThrow();
        long last = segments.stream().mapToLong(Segment::endedAt).max().orElseThrow();
        return Math.max(0, stageSeconds("rendering") - (last - first) / 1000.0);
    }

    /** Segments by the node that drew them, in order of first appearance. */
    Map<String, Long> segmentsPerNode() {
        Map<String, Long> counts = new LinkedHashMap<>();
        segments.forEach(s -> counts.merge(s.node(), 1L, Long::sum));
        return counts;
    }
}
