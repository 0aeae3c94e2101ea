package narrator.bench.api;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code narrator bench soak}: the service as on a 1 GB VPS (its own JVM with the production flags,
 * {@code MAX_CONCURRENT_JOBS=1}) takes a long mixed load: renders, synchronous voiceovers and
 * render-videos, cancels at random points, refused requests and inputs that fail to download. The
 * service's RSS is sampled from {@code /proc} every second, and a client polls {@code GET /status} of
 * every unfinished job all along, timing each call. At the end: RSS start/peak/end, status latency,
 * jobs by outcome, and what is left behind (work files, child processes, job rows past retention).
 */
public final class SoakBenchmark {
    /** Short so that the sweep (every 5 minutes, first after 1) removes jobs during a run. */
    static final Duration RETENTION = Duration.ofMinutes(2);
    static final Duration SWEEP_PERIOD = Duration.ofMinutes(5);
    private static final Pattern JOB_ID = Pattern.compile("\"job_id\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");
    private static final Pattern VOICE_URL = Pattern.compile("\"voice_url\":\"([^\"]+)\"");
    private static final Pattern FINISHED_AT = Pattern.compile("\"finished_at\":\"([^\"]+)\"");
    private static final Pattern QUEUED = Pattern.compile("\"queued\":(\\d+)");
    private static final List<String> SENTENCES = List.of("The soak test keeps the service busy for a while.",
            "Each job is small, so hundreds of them fit in a few minutes.",
            "Memory must stay flat from the first job to the last.",
            "A cancelled job must leave nothing behind.");

    /** @param jobs jobs to submit; {@code size} of the videos; {@code voice} of every job */
    public record Options(int jobs, String size, String voice) {
        public static final Options DEFAULT = new Options(300, "240x426", "espeak:en-us");
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Options options;
    private final PrintStream progress;
    /** Jobs by "what was asked: how it ended". */
    private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    /** Unfinished jobs polled for their status, with what was asked of each. */
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private final List<Double> statusMs = new CopyOnWriteArrayList<>();
    private final List<Long> rssKb = new CopyOnWriteArrayList<>();
    private volatile String base;
    private volatile String lastVoiceUrl;

    /** {@code progress}: a line every few dozen jobs, so a long run shows it is alive. */
    public SoakBenchmark(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    public SoakReport run(Path jar, Map<String, String> env) throws IOException, InterruptedException {
        Map<String, String> settings = Map.of("MAX_CONCURRENT_JOBS", "1", "TTS_PROVIDER", "espeak",
                "ALLOW_PRIVATE_URLS", "true", "DEFAULT_SIZE", options.size(), "STORAGE", "local",
                "RETENTION", RETENTION.toSeconds() + "s", "RETENTION_DELETE_OBJECTS", "true", "WEBHOOK_URL", "");
        long started = System.nanoTime();
        try (ServiceJvm service = ServiceJvm.start(jar, env, settings)) {
            base = service.base();
            long startRss = service.memoryKb("VmRSS");
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> rssKb.add(service.memoryKb("VmRSS")), 0, 1, TimeUnit.SECONDS);
            ExecutorService poller = Executors.newSingleThreadExecutor();
            Future<?> polling = poller.submit(this::pollStatuses);
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                // Seeds the voice the render-video jobs download.
                finishSync("voiceover", post("/voiceover", "{\"script\": " + quote(script(0)) + ", \"voice\": "
                        + quote(options.voice()) + "}"));
                List<Future<?>> sync = new ArrayList<>();
                for (int i = 0; i < options.jobs(); i++) {
                    waitForRoom();
                    int n = i;
                    switch (i % 10) {
                        case 0, 1, 2, 3, 4 -> track("render", post("/render", render(n, "")));
                        case 5, 6 -> sync.add(clients.submit(() -> finishSync("voiceover", post("/voiceover",
                                "{\"script\": " + quote(script(n)) + ", \"voice\": " + quote(options.voice()) + "}"))));
                        case 7 -> {
                            String voice = lastVoiceUrl;
                            sync.add(clients.submit(() -> finishSync("render-video", post("/render-video",
                                    render(n, ", \"voiceover_url\": " + quote(voice))))));
                        }
                        case 8 -> cancelLater(track("render + cancel", post("/render", render(n, ""))), n);
                        default -> {
                            if (i % 20 == 9) {
                                HttpResponse<String> bad = post("/render", "{\"script\": \"\"}");
                                count("empty script: refused with HTTP " + bad.statusCode());
                            } else {
                                track("render with a missing input", post("/render", render(n, ", \"base_video_url\": "
                                        + quote(base + "/files/uploads/missing-" + n + ".mp4"))));
                            }
                        }
                    }
                    if ((i + 1) % 25 == 0) {
                        progress.printf("soak: %d/%d submitted, RSS %.0f MB%n", i + 1, options.jobs(),
                                service.memoryKb("VmRSS") / 1024.0);
                    }
                }
                for (Future<?> call : sync) {
                    call.get();
                }
                awaitDrained();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("a synchronous request failed: " + e.getCause(), e.getCause());
            } finally {
                polling.cancel(true);
                poller.shutdownNow();
                clients.shutdownNow();
                sampler.shutdownNow();
            }
            long endRss = service.memoryKb("VmRSS");
            pending.values().forEach(asked -> count(asked + ": unfinished"));
            // The kernel updates VmHWM lazily: a sample may have seen more.
            long peakRss = Math.max(service.memoryKb("VmHWM"), rssKb.stream().mapToLong(Long::longValue).max().orElse(0));
            return new SoakReport(options, Duration.ofNanos(System.nanoTime() - started), startRss, peakRss, endRss, List.copyOf(rssKb), List.copyOf(statusMs), new TreeMap<>(outcomes),
                    countFiles(service.dataDir().resolve("work")), service.childProcesses(), rowsPastRetention(false),
                    rowsPastRetention(true), countFiles(service.dataDir().resolve("storage")));
        }
    }

    private String render(int n, String extra) {
        return "{\"script\": " + quote(script(n)) + ", \"voice\": " + quote(options.voice()) + ", \"size\": "
                + quote(options.size()) + extra + "}";
    }

    private static String script(int n) {
        return "Job " + n + ". " + SENTENCES.get(n % SENTENCES.size()) + " " + SENTENCES.get((n + 1) % SENTENCES.size());
    }

    /** Keeps a few jobs waiting, as a steady client would, rather than filling MAX_QUEUED_JOBS at once. */
    private void waitForRoom() throws IOException, InterruptedException {
        while (true) {
            Matcher queued = QUEUED.matcher(get("/queue/status").body());
            if (!queued.find() || Integer.parseInt(queued.group(1)) < 3) {
                return;
            }
            Thread.sleep(100); // the client's own pace, as a real one would poll
        }
    }

    private String track(String asked, HttpResponse<String> accepted) throws IOException {
        Matcher id = JOB_ID.matcher(accepted.body());
        if (accepted.statusCode() != 202 || !id.find()) {
            throw new IOException("POST /render answered " + accepted.statusCode() + ": " + accepted.body());
        }
        pending.put(id.group(1), asked);
        return id.group(1);
    }

    private void count(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    /** Cancels the job 0-3 s from now: queued, mid-speech or mid-render, wherever that falls. */
    private void cancelLater(String id, int n) {
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep((n * 7919L) % 3000); // a spread of cancel points, not a wait for work
                post("/jobs/" + id + "/cancel", "");
            } catch (IOException | InterruptedException e) {
                // the job may have finished first; its outcome says so
            }
        }, "soak-cancel");
        canceller.setDaemon(true);
        canceller.start();
    }

    /** A synchronous call answers when its job ended: 200, or the job's error. */
    private Void finishSync(String kind, HttpResponse<String> response) {
        Matcher voice = VOICE_URL.matcher(response.body());
        if (kind.equals("voiceover") && response.statusCode() == 200 && voice.find()) {
            lastVoiceUrl = voice.group(1);
        }
        count(kind + ": " + (response.statusCode() == 200 ? "completed" : "failed with HTTP " + response.statusCode()));
        return null;
    }

    /** Polls every unfinished job's status in turn, timing each call, until cancelled. */
    private void pollStatuses() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (String id : List.copyOf(pending.keySet())) {
                    long t = System.nanoTime();
                    HttpResponse<String> status = get("/status/" + id);
                    statusMs.add((System.nanoTime() - t) / 1e6);
                    Matcher m = STATUS.matcher(status.body());
                    if (m.find() && List.of("completed", "failed", "cancelled").contains(m.group(1))) {
                        count(pending.remove(id) + ": " + m.group(1));
                    }
                }
                Thread.sleep(20); // the client's polling interval
            } catch (IOException e) {
                // a refused connection under load is counted by its absence from the timings
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void awaitDrained() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200); // the poller finishes them
        }
    }

    /** Job rows still present whose end lies past RETENTION (plus one sweep period when {@code graced}). */
    private int rowsPastRetention(boolean graced) throws IOException, InterruptedException {
        Instant cutoff = Instant.now().minus(graced ? RETENTION.plus(SWEEP_PERIOD) : RETENTION);
        Matcher finished = FINISHED_AT.matcher(get("/jobs?limit=500").body());
        int count = 0;
        while (finished.find()) {
            if (Instant.parse(finished.group(1)).isBefore(cutoff)) {
                count++;
            }
        }
        return count;
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
