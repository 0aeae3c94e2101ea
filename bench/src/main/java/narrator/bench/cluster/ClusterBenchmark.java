package narrator.bench.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import narrator.bench.api.ServiceJvm;

/**
 * {@code narrator bench cluster}: the job queue shared by nodes, each its own JVM with the production flags. First
 * one {@code all} node on SQLite, then one {@code api} node taking the submits plus 1, 2 and 3 {@code worker} nodes
 * ({@code MAX_CONCURRENT_JOBS=1} each) on one PostgreSQL, with local storage in one directory they all share. Each
 * cluster gets a warm-up burst (not counted), then {@code spaced} voiceover jobs submitted one at a time, each
 * after the previous one ended, so every submit finds the workers idle (submit-to-start latency), then {@code jobs}
 * submitted all at once (jobs per second and how they spread over the nodes). Jobs are short espeak-ng
 * voiceovers, so the queue rather than the CPU is measured; every figure comes from the database's records.
 */
public final class ClusterBenchmark {
    static final String VOICE = "espeak:en-us";
    /** The worker nodes measured on PostgreSQL. */
    static final List<Integer> WORKERS = List.of(1, 2, 3);
    /** Warm-up jobs per worker node, so each JVM has run the claim and the job before the measurement. */
    private static final int WARM_UP_PER_WORKER = 4;
    /** A client's pause between spaced jobs, after the previous one's answer. */
    private static final Duration SPACING = Duration.ofMillis(100);
    private static final Duration DEADLINE = Duration.ofMinutes(15);
    private static final Pattern JOB_ID = Pattern.compile("\"job_id\":\"([^\"]+)\"");

    /**
     * @param jobs     jobs submitted at once
     * @param spaced   jobs submitted one at a time onto idle workers
     * @param database an empty PostgreSQL database for the nodes; empty: the benchmark starts a throwaway server
     */
    public record Options(int jobs, int spaced, Optional<PostgresTarget> database) {
        public static final int DEFAULT_JOBS = 300;
        public static final int DEFAULT_SPACED = 100;
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Options options;
    private final PrintStream progress;

    /** {@code progress}: a line per step, so a run of several minutes shows it is alive. */
    public ClusterBenchmark(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    public ClusterReport run(Path jar, Map<String, String> env) throws IOException, InterruptedException {
        Path storage = Files.createTempDirectory("narrator-bench-cluster-storage");
        try {
            List<ClusterReport.Run> runs = new ArrayList<>();
            try (ThrowawayPostgres server = options.database().isPresent() ? null : throwawayServer()) {
                PostgresTarget target = options.database().orElseGet(() -> server.target());
                JobRecords records = JobRecords.of(target);
                if (records.jobCount() > 0) {
                    throw new IOException("the database of --database-url already holds jobs: give the benchmark an "
                            + "empty database that no node uses");
                }
                runs.add(sqlite(jar, env, storage));
                for (int workers : WORKERS) {
                    runs.add(postgres(jar, env, storage, target, records, workers));
                }
            }
            return new ClusterReport(options, runs);
        } finally {
            deleteTree(storage);
        }
    }

    /** PostgreSQL with its default durability: the queue is measured as a cluster would run it. */
    private ThrowawayPostgres throwawayServer() throws IOException, InterruptedException {
        progress.println("cluster: starting a throwaway PostgreSQL server");
        try {
            return ThrowawayPostgres.start(List.of());
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; or give the benchmark an empty database: --database-url "
                    + "postgresql://user:pass@host:5432/db", e);
        }
    }

    private ClusterReport.Run sqlite(Path jar, Map<String, String> env, Path storage)
            throws IOException, InterruptedException {
        progress.println("cluster: sqlite, one all node: starting");
        try (ServiceJvm node = node(jar, env, storage, "all-1", "all", "")) {
            JobRecords records = new JobRecords("jdbc:sqlite:" + node.dataDir().resolve("narrator.db"), null, null);
            return measure("sqlite", 1, node, records);
        }
    }

    private ClusterReport.Run postgres(Path jar, Map<String, String> env, Path storage, PostgresTarget target,
                                       JobRecords records, int workers) throws IOException, InterruptedException {
        progress.printf("cluster: postgresql, one api node and %d worker node(s): starting%n", workers);
        List<ServiceJvm> nodes = new ArrayList<>();
        try {
            // The api node first: it migrates the schema while the workers are not yet starting.
            ServiceJvm api = node(jar, env, storage, "api", "api", target.databaseUrl());
            nodes.add(api);
            for (int i = 1; i <= workers; i++) {
                nodes.add(node(jar, env, storage, "worker-" + i, "worker", target.databaseUrl()));
            }
            return measure("postgresql", workers, api, records);
        } finally {
            for (ServiceJvm node : nodes) {
                node.close();
            }
        }
    }

    /** A node named {@code name} with its own DATA_DIR, whose {@code storage} is the directory all nodes share. */
    private ServiceJvm node(Path jar, Map<String, String> env, Path storage, String name, String role, String databaseUrl)
            throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("narrator-bench-" + name + "-");
        Files.createSymbolicLink(data.resolve("storage"), storage);
        Map<String, String> settings = new HashMap<>(Map.of("NODE_ID", name, "ROLE", role, "DATABASE_URL", databaseUrl,
                "SHARED_STORAGE", Boolean.toString(!databaseUrl.isEmpty()), "STORAGE", "local", "TTS_PROVIDER", "espeak",
                "MAX_CONCURRENT_JOBS", "1", "WEBHOOK_URL", ""));
        settings.put("MAX_QUEUED_JOBS", Integer.toString(options.jobs() + WORKERS.size() * WARM_UP_PER_WORKER + 10));
        return ServiceJvm.start(jar, env, settings, data);
    }

    private ClusterReport.Run measure(String database, int workers, ServiceJvm submitTo, JobRecords records)
            throws IOException, InterruptedException {
        String label = "cluster: " + database + ", " + workers + " worker(s): ";
        progress.println(label + "warm-up");
        awaitEnded(records, burst(submitTo.base(), WARM_UP_PER_WORKER * workers, "Warm-up job"));
        progress.println(label + options.spaced() + " spaced jobs");
        List<String> spaced = new ArrayList<>();
        for (int i = 1; i <= options.spaced(); i++) {
            spaced.add(jobId(send(voiceover(submitTo.base(), "Spaced job " + i + "."))));
            Thread.sleep(SPACING.toMillis()); // the client's pace, not a wait for work: the job has ended
        }
        progress.println(label + options.jobs() + " jobs at once");
        List<String> burst = burst(submitTo.base(), options.jobs(), "Burst job");
        awaitEnded(records, burst);
        return new ClusterReport.Run(database, workers, records.read(spaced), records.read(burst));
    }

    /** Sends {@code count} voiceover requests at once; returns their job ids once every answer came back. */
    private List<String> burst(String base, int count, String text) throws IOException, InterruptedException {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            answers.add(sendAsync(voiceover(base, text + " " + i + ".")));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            ids.add(jobId(await(answer)));
        }
        return ids;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return await(sendAsync(request));
    }

    /**
     * Sends {@code request}, and once more if the connection fails: a pooled connection the node closed as idle
     * resets the first try. Its Idempotency-Key makes the second try return the first one's job if it had one.
     */
    private CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .exceptionallyCompose(failure -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> answer)
            throws IOException, InterruptedException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw new IOException("POST /voiceover failed twice: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Waits until the database shows every job of {@code ids} ended (the answers may precede the last writes). */
    private static void awaitEnded(JobRecords records, List<String> ids) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (records.unfinished(ids) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("jobs still unfinished after " + DEADLINE.toMinutes() + " min");
            }
            Thread.sleep(100); // polls the database for the end
        }
    }

    /** A synchronous {@code POST /voiceover} of one short sentence: it answers when its job has ended. */
    private static HttpRequest voiceover(String base, String sentence) {
        return HttpRequest.newBuilder(URI.create(base + "/voiceover")).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).timeout(DEADLINE).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"script\": \"" + sentence + "\", \"voice\": \"" + VOICE + "\"}")).build();
    }

    /** The job of an answer: 200 with the voice, or the job's error; anything else is a failed benchmark. */
    private static String jobId(HttpResponse<String> answer) throws IOException {
        Matcher id = JOB_ID.matcher(answer.body());
        if (!id.find()) {
            throw new IOException("POST /voiceover answered " + answer.statusCode() + ": " + answer.body());
        }
        return id.group(1);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
