package narrator.app.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import narrator.app.db.Database;
import narrator.app.db.DatabaseUrl;
import narrator.app.testing.PostgresServer;

/**
 * A measurement, not a test: the time from submitting a job to a worker starting it, on a quiet queue (one job at a
 * time). PostgreSQL: submitted through one store, run by a scheduler on another (as two nodes), woken by NOTIFY;
 * SQLite: one node, woken by its own doorbell. Polling stays at its default (1 s). Prints p50/p99/max in ms.
 * Run with the test classpath: {@code java -cp ... narrator.app.jobs.SubmitLatency [jobs]}.
 */
public final class SubmitLatency {
    private SubmitLatency() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = Files.createTempDirectory("narrator-latency-");
        System.out.println("| database | jobs | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|");
        measure("PostgreSQL, 2 nodes (NOTIFY)", PostgresServer.shared().createDatabase(), dir.resolve("pg"), jobs, true);
        measure("SQLite, 1 node", new DatabaseUrl.Sqlite(dir.resolve("narrator.db")), dir.resolve("sqlite"), jobs, false);
        System.exit(0);
    }

    private static void measure(String label, DatabaseUrl url, Path work, int jobs, boolean twoNodes) throws Exception {
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        JobScheduler.Settings settings = JobScheduler.Settings.of("latency-node", 2, Duration.ofMinutes(5), work,
                Duration.ofMinutes(1));
        try (Database workerDb = Database.open(url); Database submitDb = twoNodes ? Database.open(url) : null) {
            JobScheduler scheduler = new JobScheduler(new JobStore(workerDb, Clock.systemUTC(), 3), settings,
                    (job, context) -> {
                        startedAt.put(job.id(), System.nanoTime());
                        return new JobResult("{}");
                    }, new JobEvents() { });
            scheduler.start();
            try (AutoCloseable listening = workerDb.listen(JobStore.CHANNEL, scheduler::wake)) {
                JobStore submitter = twoNodes ? new JobStore(submitDb, Clock.systemUTC(), 3) : null;
                long[] latencies = new long[jobs];
                for (int i = -20; i < jobs; i++) { // the first 20 warm up
                    NewJob job = new NewJob(JobKind.VOICEOVER, "{}", null, null, null);
                    long submitted = System.nanoTime();
                    String id = (twoNodes ? submitter.enqueue(job) : scheduler.submit(job)).job().id();
                    long deadline = submitted + Duration.ofSeconds(10).toNanos();
                    while (!startedAt.containsKey(id)) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("job " + id + " did not start within 10 s");
                        }
                        Thread.onSpinWait();
                    }
                    if (i >= 0) {
                        latencies[i] = startedAt.get(id) - submitted;
                    }
                }
                Arrays.sort(latencies);
                System.out.printf("| %s | %d | %.1f | %.1f | %.1f |%n", label, jobs, ms(latencies[jobs / 2]),
                        ms(latencies[(int) Math.ceil(jobs * 0.99) - 1]), ms(latencies[jobs - 1]));
            } finally {
                scheduler.close();
            }
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
