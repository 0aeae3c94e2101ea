package narrator.bench.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import narrator.bench.api.ApiBenchmark;

/** The figures of one {@code bench cluster} run, computed from the jobs' stored times, as a table or JSON. */
public record ClusterReport(ClusterBenchmark.Options options, List<Run> runs) {
    public ClusterReport {
        runs = List.copyOf(runs);
    }

    /**
     * One cluster's jobs as the database recorded them.
     *
     * @param database {@code sqlite} or {@code postgresql}
     * @param workers  nodes that render (on SQLite the one {@code all} node)
     * @param spaced   jobs submitted one at a time onto idle workers
     * @param burst    jobs submitted all at once
     */
    public record Run(String database, int workers, List<JobRecord> spaced, List<JobRecord> burst) {
        public Run {
            spaced = List.copyOf(spaced);
            burst = List.copyOf(burst);
        }

        /** Submit to start of the spaced jobs, in ms: p50, p99, max. */
        double[] startMillis() {
            double[] waits = spaced.stream().filter(job -> job.startedAt() > 0).mapToDouble(JobRecord::waitMillis).toArray();
            return waits.length == 0 ? new double[] {0, 0, 0}
                    : new double[] {ApiBenchmark.percentile(waits, 50), ApiBenchmark.percentile(waits, 99),
                            ApiBenchmark.percentile(waits, 100)};
        }

        /** Burst jobs per second from the first submit to the last job's {@code event} time (created, started or finished). */
        double perSecond(ToLongFunction<JobRecord> event) {
            if (burst.isEmpty()) {
                return 0;
            }
            long first = burst.stream().mapToLong(JobRecord::createdAt).min().orElseThrow();
            long last = burst.stream().mapToLong(event).max().orElseThrow();
            return burst.size() / (Math.max(1, last - first) / 1000.0);
        }

        /** The median claim-to-end time of the burst's jobs, in ms: what one job costs a worker. */
        double runMillisP50() {
            double[] runs = burst.stream().filter(job -> job.finishedAt() > 0).mapToDouble(JobRecord::runMillis).toArray();
            return runs.length == 0 ? 0 : ApiBenchmark.percentile(runs, 50);
        }

        long completed() {
            return burst.stream().filter(job -> job.status().equals("completed")).count();
        }

        /** Burst jobs by the node that finished them. */
        Map<String, Long> perNode() {
            return burst.stream().filter(job -> !job.node().isEmpty())
                    .collect(Collectors.groupingBy(JobRecord::node, TreeMap::new, Collectors.counting()));
        }

        String label() {
            return database.equals("sqlite") ? "1 (all)" : Integer.toString(workers);
        }
    }

    public String table() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "bench cluster: %d spaced + %d burst voiceover jobs (%s, one sentence each), "
                + "MAX_CONCURRENT_JOBS=1 per worker; times from the jobs table", options.spaced(), options.jobs(),
                ClusterBenchmark.VOICE));
        lines.add(String.format(Locale.ROOT, "%-10s %-8s | %-26s | %-42s |", "", "", "spaced: submit-to-start ms",
                "burst: jobs/s from the first submit"));
        lines.add(String.format(Locale.ROOT, "%-10s %-8s | %8s %8s %8s | %10s %10s %10s %9s | %-9s %s", "database",
                "workers", "p50", "p99", "max", "submitted", "claimed", "completed", "run p50", "completed", "jobs per node"));
        for (Run run : runs) {
            double[] start = run.startMillis();
            lines.add(String.format(Locale.ROOT, "%-10s %-8s | %8.0f %8.0f %8.0f | %10.1f %10.1f %10.1f %7.0fms | %4d/%-4d %s",
                    run.database(), run.label(), start[0], start[1], start[2], run.perSecond(JobRecord::createdAt),
                    run.perSecond(JobRecord::startedAt), run.perSecond(JobRecord::finishedAt), run.runMillisP50(),
                    run.completed(), run.burst().size(), run.perNode().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        }
        return String.join("\n", lines) + "\n";
    }

    public String json() {
        List<String> entries = new ArrayList<>();
        for (Run run : runs) {
            double[] start = run.startMillis();
            String perNode = run.perNode().entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                    .collect(Collectors.joining(", "));
            entries.add(String.format(Locale.ROOT, "{\"database\": \"%s\", \"workers\": %d, "
                            + "\"start_ms\": {\"p50\": %.0f, \"p99\": %.0f, \"max\": %.0f}, "
                            + "\"burst\": {\"submitted_per_s\": %.1f, \"claimed_per_s\": %.1f, \"completed_per_s\": %.1f, "
                            + "\"run_ms_p50\": %.0f, \"completed\": %d, \"jobs\": %d, \"per_node\": {%s}}}",
                    run.database(), run.workers(), start[0], start[1], start[2], run.perSecond(JobRecord::createdAt),
                    run.perSecond(JobRecord::startedAt), run.perSecond(JobRecord::finishedAt), run.runMillisP50(),
                    run.completed(), run.burst().size(), perNode));
        }
        return String.format(Locale.ROOT, "{\"spaced\": %d, \"jobs\": %d, \"voice\": \"%s\", \"runs\": [%s]}%n",
                options.spaced(), options.jobs(), ClusterBenchmark.VOICE, String.join(", ", entries));
    }
}
