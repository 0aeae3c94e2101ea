package narrator.bench.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one soak run, and their rendering as a table or JSON.
 *
 * @param rssSamplesKb          the service's VmRSS, one sample a second
 * @param statusMs              the time of each {@code GET /status} call
 * @param outcomes              jobs and requests by "what was asked: how it ended"
 * @param workFiles             files left under DATA_DIR/work once every job ended
 * @param childProcesses        processes (FFmpeg) the service still runs then
 * @param rowsPastRetention     job rows that ended more than RETENTION ago and are still there
 * @param rowsPastRetentionSweep the same, more than RETENTION plus one sweep period ago (should be 0)
 * @param storageFiles          stored outputs left (deleted with their job, RETENTION_DELETE_OBJECTS=true)
 */
public record SoakReport(SoakBenchmark.Options options, Duration took, long startRssKb, long peakRssKb, long endRssKb,
                         List<Long> rssSamplesKb, List<Double> statusMs, Map<String, Integer> outcomes,
                         long workFiles, long childProcesses, int rowsPastRetention, int rowsPastRetentionSweep,
                         long storageFiles) {

    /** The median RSS of the first and of the last quarter of the run, in kB: growth shows as a rise. */
    public long[] quarterMediansKb() {
        int quarter = Math.max(1, rssSamplesKb.size() / 4);
        if (rssSamplesKb.isEmpty()) {
            return new long[] {0, 0};
        }
        return new long[] {median(rssSamplesKb.subList(0, quarter)),
                median(rssSamplesKb.subList(rssSamplesKb.size() - quarter, rssSamplesKb.size()))};
    }

    public String table() {
        long[] quarters = quarterMediansKb();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "soak: %d jobs of %s, voice %s, MAX_CONCURRENT_JOBS=1, %s, %.1f min",
                options.jobs(), options.size(), options.voice(), String.join(" ", ServiceJvm.JVM_FLAGS),
                took.toMillis() / 60_000.0));
        lines.add(String.format(Locale.ROOT, "%-22s %s", "service RSS (MB)", String.format(Locale.ROOT,
                "start %.1f  peak %.1f  end %.1f  | median 1st quarter %.1f  last quarter %.1f",
                mb(startRssKb), mb(peakRssKb), mb(endRssKb), mb(quarters[0]), mb(quarters[1]))));
        lines.add(String.format(Locale.ROOT, "%-22s n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms", "GET /status",
                statusMs.size(), percentile(statusMs, 50), percentile(statusMs, 99), percentile(statusMs, 100)));
        lines.add("jobs by outcome");
        outcomes.forEach((outcome, n) -> lines.add(String.format(Locale.ROOT, "  %-45s %5d", outcome, n)));
        lines.add(String.format(Locale.ROOT, "%-22s work files %d  child processes %d  stored outputs %d", "leftovers",
                workFiles, childProcesses, storageFiles));
        lines.add(String.format(Locale.ROOT, "%-22s ended > RETENTION (%ds) ago: %d  > RETENTION + sweep period (%ds): %d",
                "job rows", SoakBenchmark.RETENTION.toSeconds(), rowsPastRetention,
                SoakBenchmark.RETENTION.plus(SoakBenchmark.SWEEP_PERIOD).toSeconds(), rowsPastRetentionSweep));
        return String.join("\n", lines) + "\n";
    }

    public String json() {
        long[] quarters = quarterMediansKb();
        StringBuilder out = new StringBuilder("{");
        out.append(String.format(Locale.ROOT, "\"jobs\": %d, \"size\": \"%s\", \"voice\": \"%s\", \"seconds\": %.1f, ",
                options.jobs(), options.size(), options.voice(), took.toMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "\"rss_mb\": {\"start\": %.1f, \"peak\": %.1f, \"end\": %.1f, "
                        + "\"first_quarter_median\": %.1f, \"last_quarter_median\": %.1f}, ",
                mb(startRssKb), mb(peakRssKb), mb(endRssKb), mb(quarters[0]), mb(quarters[1])));
        out.append(String.format(Locale.ROOT, "\"status_ms\": {\"n\": %d, \"p50\": %.2f, \"p99\": %.2f, \"max\": %.2f}, ",
                statusMs.size(), percentile(statusMs, 50), percentile(statusMs, 99), percentile(statusMs, 100)));
        out.append("\"outcomes\": {");
        List<String> entries = new ArrayList<>();
        outcomes.forEach((outcome, n) -> entries.add("\"" + outcome.replace("\"", "'") + "\": " + n));
        out.append(String.join(", ", entries)).append("}, ");
        out.append(String.format(Locale.ROOT, "\"leftovers\": {\"work_files\": %d, \"child_processes\": %d, "
                        + "\"stored_outputs\": %d, \"rows_past_retention\": %d, \"rows_past_retention_and_sweep\": %d}}",
                workFiles, childProcesses, storageFiles, rowsPastRetention, rowsPastRetentionSweep));
        return out.append("\n").toString();
    }

    /** The nearest-rank percentile; 0 for no values. */
    static double percentile(List<Double> values, double p) {
        return values.isEmpty() ? 0 : ApiBenchmark.percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), p);
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double mb(long kb) {
        return kb / 1024.0;
    }
}
