package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import narrator.app.testing.S3Admin;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code kill -9} of the service, run as its own JVM on S3 storage (s3proxy) with a real webhook
 * receiver, at seeded random points inside each stage: speech synthesis, the loudness measurement,
 * the encode, the upload (a multipart one included) and a webhook delivery in flight. After each kill
 * no FFmpeg of the service is left; after each restart the killed process's multipart uploads are
 * gone, an ended job stays as it ended, and only the running attempt has a work directory. At the end
 * every job completed once, the bucket holds exactly each job's outputs, DATA_DIR holds nothing but
 * the service's own files, and the receiver saw each event id with one body only, every expected
 * event, and progress that only rises.
 *
 * <p>The seed is printed; {@code -Dnarrator.crash.seed=N} replays a run's kill delays.
 */
class CrashProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BUCKET = "crash-bucket";
    private static final String KEY_ID = "crash-key-id";
    private static final String SECRET = "crash-secret-Zr81";
    /** Long enough for the whole run on two busy cores; each wait below has its own, shorter deadline. */
    private static final Duration STAGE_DEADLINE = Duration.ofSeconds(60);
    private static final List<String> RENDER_SENTENCES = List.of("Narrator turns a script into a narrated video.",
            "Each sentence is spoken, timed and burned in as a subtitle.", "A crash must lose nothing and repeat nothing.",
            "The receiver counts every event it is sent.", "This is the last sentence of the render.");
    /** Over 16 MiB of 22 kHz speech, so its upload goes in parts. */
    private static final String LONG_SCRIPT = "A long voiceover is uploaded to the bucket in several parts. ".repeat(120);

    /** How many kills may be aimed at one point of a job's plan. */
    private static final int MAX_AIMS = 3;

    /** Where a kill is aimed. */
    enum Point { TTS, LOUDNESS, ENCODE, UPLOAD, WEBHOOK }

    /** A job and the points at which its attempts are killed, in the order its stages come. */
    record Plan(String endpoint, List<Point> kills) {
    }

    private static final List<Plan> PLANS = List.of(
            new Plan("/render", List.of(Point.TTS, Point.WEBHOOK, Point.LOUDNESS, Point.ENCODE, Point.UPLOAD)),
            new Plan("/voiceover", List.of(Point.TTS, Point.UPLOAD, Point.WEBHOOK)),
            new Plan("/render", List.of(Point.LOUDNESS, Point.ENCODE, Point.WEBHOOK, Point.UPLOAD)),
            new Plan("/voiceover", List.of(Point.UPLOAD, Point.UPLOAD)),
            new Plan("/render", List.of(Point.TTS, Point.ENCODE, Point.LOUDNESS, Point.UPLOAD)),
            new Plan("/render", List.of(Point.WEBHOOK, Point.ENCODE)));

    @RegisterExtension
    final S3ProxyExtension s3 = S3ProxyExtension.builder()
            .withCredentials(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET)
            .build();

    @TempDir
    Path data;
    private Path logs;

    private S3Client admin;
    private Receiver receiver;
    private volatile HeldDelivery held;
    private Map<String, String> env;
    private URI base;
    private Process jvm;
    private int starts;
    /** The multipart uploads open when the service was last killed. */
    private List<String> staleUploads = List.of();

    /** Holds the receiver's answer to the next event of one job, so that a delivery is in flight. */
    private static final class HeldDelivery {
        final String jobId;
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldDelivery(String jobId) {
            this.jobId = jobId;
        }
    }

    @BeforeEach
    void start() throws IOException {
        admin = S3Admin.client(s3.getUri(), KEY_ID, SECRET);
        admin.createBucket(b -> b.bucket(BUCKET));
        receiver = new Receiver();
        receiver.answer(hook -> {
            HeldDelivery hold = held;
            if (hold != null && hold.jobId.equals(hook.jobId())) {
                hold.arrived.countDown();
                try {
                    hold.release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 200;
        });
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = URI.create("http://127.0.0.1:" + port);
        env = TestService.settings(data, Map.of("PORT", Integer.toString(port), "STORAGE", "s3",
                "BACKBLAZE_BUCKET_NAME", BUCKET, "BACKBLAZE_KEY_ID", KEY_ID, "BACKBLAZE_APPLICATION_KEY", SECRET,
                "BACKBLAZE_ENDPOINT_URL", s3.getUri().toString(), "WEBHOOK_URL", receiver.url(),
                "WEBHOOK_PROGRESS_INTERVAL_SECONDS", "1", "JOB_MAX_ATTEMPTS", "20", "DEFAULT_SIZE", "360x640"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (jvm != null) {
            jvm.destroyForcibly();
            jvm.waitFor(10, TimeUnit.SECONDS);
        }
        HeldDelivery hold = held;
        if (hold != null) {
            hold.release.countDown();
        }
        receiver.close();
        admin.close();
    }

    @Test
    void killNineAtRandomPointsOfEveryStageLosesAndRepeatsNothing() throws Exception {
        long seed = Long.getLong("narrator.crash.seed", System.nanoTime());
        logs = Files.createDirectories(Path.of("target", "crash-logs", Long.toString(seed)));
        System.out.println("CrashProcessTest seed " + seed + " (replay with -Dnarrator.crash.seed=" + seed
                + "); service logs in " + logs.toAbsolutePath());
        Random random = new Random(seed);
        long began = System.nanoTime();
        Map<String, String> ended = new HashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        Map<Point, Integer> landed = new EnumMap<>(Point.class);
        int kills = 0;
        startService();
        for (Plan plan : PLANS) {
            String id = submit(plan.endpoint(), kinds.keySet());
            kinds.put(id, plan.endpoint());
            for (Point point : plan.kills()) {
                // A kill that missed its point while the job still runs is aimed again at its next attempt.
                for (int aim = 1; aim <= MAX_AIMS; aim++) {
                    String where = aimAndKill(id, point, random);
                    kills++;
                    System.out.printf("kill %2d at %6d ms: job %s (%s) aimed at %s, landed %s%n", kills,
                            millisSince(began), id, plan.endpoint(), point, where);
                    afterKill();
                    startService();
                    afterRestart(kinds.keySet(), ended);
                    if (where.startsWith(point.name())) {
                        landed.merge(point, 1, Integer::sum);
                        break;
                    }
                    if (Set.of("completed", "failed", "cancelled").contains(job(id).path("status").asText())) {
                        break;
                    }
                }
            }
            JsonNode job = awaitEnded(id);
            assertEquals("completed", job.path("status").asText(), job.toString());
            ended.put(id, job.path("status").asText() + " " + job.path("finished_at").asText());
        }
        assertTrue(kills >= 20, kills + " kills");
        afterRestart(kinds.keySet(), ended);
        checkEverythingEndedOnce(kinds);
        for (Point point : Point.values()) {
            assertTrue(landed.getOrDefault(point, 0) > 0, "no kill landed in " + point + ": " + landed);
        }
        System.out.printf("CrashProcessTest: %d kills in %d ms, landed per point %s%n", kills, millisSince(began), landed);
    }

    // --- aiming --------------------------------------------------------------------------------------

    /**
     * Watches the job until it is at {@code point}, waits a random moment within it and kills the JVM.
     * Returns where the kill landed: the point's name when it was still there, else what was seen. A
     * job that went past the point unseen is killed there and then (still a random point of its life).
     */
    private String aimAndKill(String id, Point point, Random random) throws InterruptedException {
        HeldDelivery hold = point == Point.WEBHOOK ? new HeldDelivery(id) : null;
        held = hold;
        long end = System.nanoTime() + STAGE_DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            String seen = at(id, point, hold);
            if (seen.equals(point.name())) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(delayMillis(point) + 1)));
                String still = at(id, point, hold);
                kill();
                return still.equals(point.name()) ? point.name() : point.name() + " (then " + still + ")";
            }
            if (!seen.isEmpty()) {
                kill();
                return "past it: " + seen;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        throw new AssertionError("job " + id + " never reached " + point + ": " + job(id));
    }

    /** How long a kill may wait inside a point: about the point's shortest length here. */
    private static int delayMillis(Point point) {
        return switch (point) {
            case TTS, ENCODE -> 150;
            case LOUDNESS -> 10;
            case UPLOAD, WEBHOOK -> 40;
        };
    }

    /** The point's name while the job is there, a description once it has gone past it, else "". */
    private String at(String id, Point point, HeldDelivery hold) {
        List<String> ffmpegs = childCommandLines();
        boolean loudness = ffmpegs.stream().anyMatch(c -> c.contains("ebur128"));
        boolean encode = ffmpegs.stream().anyMatch(c -> c.contains("libx264"));
        if (point == Point.LOUDNESS && loudness || point == Point.ENCODE && encode
                || point == Point.WEBHOOK && hold.arrived.getCount() == 0) {
            return point.name();
        }
        if (point == Point.LOUDNESS && encode) {
            return "encode";
        }
        JsonNode job = job(id);
        String status = job.path("status").asText();
        String stage = job.path("stage").isTextual() ? job.path("stage").asText() : ""; // null before the first stage
        boolean voiceover = "voiceover".equals(job.path("kind").asText());
        double progress = job.path("progress").asDouble();
        if (point == Point.WEBHOOK) {
            // An ended job's events may still be on their way (after a kill mid-send, when its claim expires).
            String last = voiceover ? "voiceover_uploaded" : "video_completed";
            return receiver.delivered(id).contains(last) ? "all delivered" : "";
        }
        if (!status.equals("processing") && !status.equals("queued")) {
            return status;
        }
        if (!status.equals("processing")) {
            return "";
        }
        return switch (point) {
            case TTS -> stage.equals("synthesizing") ? point.name()
                    : (stage.equals("downloading") || stage.isEmpty() ? "" : stage);
            case LOUDNESS, ENCODE -> stage.equals("thumbnail") || stage.equals("uploading") && progress >= 90 ? stage : "";
            case UPLOAD -> voiceover
                    ? (openUploads().isEmpty() ? "" : point.name())
                    : (stage.equals("uploading") && progress >= 95 ? point.name() : "");
            case WEBHOOK -> throw new IllegalStateException("handled above");
        };
    }

    // --- the service's JVM ---------------------------------------------------------------------------

    private void startService() throws IOException {
        starts++;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "narrator.app.cli.Main", "serve")
                .redirectErrorStream(true).redirectOutput(logs.resolve("service-" + starts + ".log").toFile());
        builder.environment().putAll(env);
        long asked = System.nanoTime();
        jvm = builder.start();
        Await.until("the service to answer (start " + starts + ", log " + logs + ")", Duration.ofSeconds(30),
                () -> jvm.isAlive() && health() == 200);
        System.out.printf("start %d answered in %d ms%n", starts, millisSince(asked));
    }

    private void kill() throws InterruptedException {
        jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertTrue(jvm.waitFor(10, TimeUnit.SECONDS), "the killed JVM is gone");
    }

    /** What a kill may leave must be gone, or be handled by the next start. */
    private void afterKill() {
        Await.until("no FFmpeg of the killed service to run", Duration.ofSeconds(5),
                () -> ffmpegsNaming(data).isEmpty());
        HeldDelivery hold = held;
        held = null;
        if (hold != null) {
            hold.release.countDown();
        }
        staleUploads = openUploads();
    }

    /**
     * Right after a restart: the killed process's multipart uploads are aborted, ended jobs stayed
     * as they ended, and the work directory holds only the current attempt of unfinished jobs.
     */
    private void afterRestart(Set<String> ids, Map<String, String> ended) {
        List<String> stillOpen = openUploads().stream().filter(staleUploads::contains).toList();
        assertEquals(List.of(), stillOpen, "multipart uploads of the killed process are aborted at start");
        for (Map.Entry<String, String> job : ended.entrySet()) {
            JsonNode now = job(job.getKey());
            assertEquals(job.getValue(), now.path("status").asText() + " " + now.path("finished_at").asText(),
                    "an ended job stays as it ended: " + now);
        }
        Await.until("only current attempts to have work directories", Duration.ofSeconds(20), () -> {
            Set<String> expected = new TreeSet<>();
            for (String id : ids) {
                JsonNode job = job(id);
                if (job.path("status").asText().equals("processing")) {
                    expected.add(id + "-" + job.path("attempts").asInt());
                }
            }
            return expected.containsAll(workDirs());
        });
    }

    // --- the end -------------------------------------------------------------------------------------

    private void checkEverythingEndedOnce(Map<String, String> kinds) throws IOException {
        Set<String> expectedKeys = new TreeSet<>();
        for (Map.Entry<String, String> job : kinds.entrySet()) {
            String id = job.getKey();
            expectedKeys.add("uploads/voiceovers/" + id + "-voice.wav");
            expectedKeys.add("uploads/voiceovers/" + id + "-timings.json");
            if (job.getValue().equals("/render")) {
                expectedKeys.addAll(List.of("uploads/subtitles/" + id + "-subs.ass", "uploads/subtitles/" + id + "-subs.srt",
                        "uploads/subtitles/" + id + "-subs.vtt", "uploads/renders/" + id + "-final.mp4",
                        "uploads/thumbnails/" + id + "-thumbnail.jpg"));
            }
        }
        List<S3Object> objects = admin.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().toList();
        assertEquals(expectedKeys, objects.stream().map(S3Object::key).collect(Collectors.toCollection(TreeSet::new)),
                "the bucket holds each job's outputs and nothing else");
        assertTrue(objects.stream().allMatch(o -> o.size() > 0), objects.toString());
        assertEquals(List.of(), openUploads(), "no multipart upload is left open");
        assertEquals(List.of(), ffmpegsNaming(data), "no FFmpeg is left running");
        Await.until("every work directory to be gone", Duration.ofSeconds(10), () -> workDirs().isEmpty());
        assertEquals(Set.of("cache", "narrator.db", "narrator.db-shm", "narrator.db-wal", "native", "work"),
                entries(data), "DATA_DIR holds only the service's own files");
        assertEquals(Set.of("speech"), entries(data.resolve("cache")));
        assertEquals(Set.of(), entries(data.resolve("cache/speech")).stream().filter(n -> n.endsWith(".tmp"))
                .collect(Collectors.toSet()), "no half-written speech cache entry is left");
        assertEquals(1, entries(data.resolve("native")).stream().filter(n -> !n.endsWith(".lck")).count(),
                "one copy of SQLite's library, the running one's: " + entries(data.resolve("native")));

        // Deliveries still pending settle; then each event of each job was received with one body.
        for (String id : kinds.keySet()) {
            String finalEvent = kinds.get(id).equals("/render") ? "video_completed" : "voiceover_uploaded";
            receiver.await(id, finalEvent, Duration.ofSeconds(30));
        }
        Map<String, Set<String>> bodies = new HashMap<>();
        for (Receiver.Hook hook : receiver.hooks()) {
            assertTrue(hook.signed(), "signed: " + hook.body());
            bodies.computeIfAbsent(hook.eventId(), k -> new LinkedHashSet<>()).add(hook.body());
        }
        bodies.forEach((eventId, sent) -> assertEquals(1, sent.size(), "event " + eventId + " sent with different bodies: " + sent));
        for (String id : kinds.keySet()) {
            List<Receiver.Hook> delivered = receiver.hooks(id).stream().filter(h -> h.answered() / 100 == 2).toList();
            Map<String, Receiver.Hook> firstOfEach = new LinkedHashMap<>();
            receiver.hooks(id).forEach(h -> firstOfEach.putIfAbsent(h.eventId(), h));
            List<String> events = firstOfEach.values().stream().map(Receiver.Hook::event)
                    .filter(Predicate.not("job_progress"::equals)).toList();
            List<String> expected = kinds.get(id).equals("/render")
                    ? List.of("job_started", "voiceover_uploaded", "video_completed")
                    : List.of("job_started", "voiceover_uploaded");
            assertEquals(expected, events, "job " + id + ": each event once, in order");
            Set<String> deliveredIds = delivered.stream().map(Receiver.Hook::eventId).collect(Collectors.toSet());
            assertEquals(firstOfEach.keySet(), deliveredIds, "job " + id + ": every event was at last delivered");
            List<Double> progress = firstOfEach.values().stream().filter(h -> h.event().equals("job_progress"))
                    .map(h -> h.payload().path("progress").asDouble()).toList();
            assertEquals(progress.stream().distinct().sorted().toList(), progress, "job " + id + ": progress only rises");
        }
    }

    // --- looking -------------------------------------------------------------------------------------

    private String submit(String endpoint, Set<String> known) {
        Map<String, Object> body = new LinkedHashMap<>();
        // Each render speaks its own sentences: the speech cache would make a repeated script's synthesis instant.
        String take = ", take " + (known.size() + 1) + ".";
        body.put("script", endpoint.equals("/render") ? RENDER_SENTENCES.stream()
                .map(s -> s.substring(0, s.length() - 1) + take).collect(Collectors.joining(" ")) : LONG_SCRIPT);
        if (endpoint.equals("/render")) {
            body.put("size", "360x640");
            HttpResponse<String> reply = send(HttpRequest.newBuilder(base.resolve(endpoint))
                    .header("Content-Type", "application/json").POST(bodyOf(body)).build());
            assertEquals(202, reply.statusCode(), reply.body());
            return read(reply.body()).path("job_id").asText();
        }
        // /voiceover answers when the job ends, which a kill may prevent: follow the job by its id instead.
        HTTP.sendAsync(HttpRequest.newBuilder(base.resolve(endpoint)).header("Content-Type", "application/json")
                .POST(bodyOf(body)).build(), HttpResponse.BodyHandlers.discarding());
        return Await.until("the voiceover job to be queued", Duration.ofSeconds(10), () -> {
            List<String> ids = new ArrayList<>();
            get("/jobs?limit=100").path("jobs").forEach(j -> ids.add(j.path("job_id").asText()));
            return ids.stream().filter(i -> !known.contains(i)).findFirst().orElse("");
        }, id -> !id.isEmpty());
    }

    private JsonNode awaitEnded(String id) {
        return Await.until("job " + id + " to end", STAGE_DEADLINE, () -> job(id),
                j -> Set.of("completed", "failed", "cancelled").contains(j.path("status").asText()));
    }

    private JsonNode job(String id) {
        return get("/jobs/" + id);
    }

    private JsonNode get(String path) {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build());
        return reply == null ? JSON.createObjectNode() : read(reply.body());
    }

    private int health() {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(base.resolve("/health")).build());
        return reply == null ? -1 : reply.statusCode();
    }

    /** The reply, or null when the service is not there (starting, or just killed). */
    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }

    private List<String> openUploads() {
        return admin.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
                .map(u -> u.key() + " " + u.uploadId()).toList();
    }

    /** The command lines of the service JVM's children (FFmpeg runs under setpriv and nice, same PID). */
    private List<String> childCommandLines() {
        return jvm.children().map(p -> commandLine(p.pid())).toList();
    }

    /** Every FFmpeg or ffprobe on the machine whose command line names {@code dir}, whoever its parent. */
    private static List<String> ffmpegsNaming(Path dir) throws UncheckedIOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> commandLine(Long.parseLong(p.getFileName().toString())))
                    .filter(c -> (c.startsWith("ffmpeg") || c.startsWith("ffprobe") || c.contains("/ffmpeg ")
                            || c.contains("ffprobe ") || c.startsWith("setpriv") || c.startsWith("nice"))
                            && c.contains(dir.toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return ""; // it ended meanwhile
        }
    }

    private List<String> workDirs() {
        Path work = data.resolve("work");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(work)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of("unreadable: " + e);
        }
    }

    private static Set<String> entries(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
