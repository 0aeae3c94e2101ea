package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import narrator.pipeline.testing.TestMedia;
import java.util.HashMap;
import narrator.app.testing.Engine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent submits, the concurrency limit, and cancelling jobs in each state. */
@ParameterizedClass
@EnumSource(Engine.class)
class JobControlTest {
    @Parameter
    Engine engine;
    @TempDir
    Path data;
    @TempDir
    Path media;

    /** The database settings of this run's engine, one database per test (a restart finds the same one). */
    private Map<String, String> database;

    @BeforeEach
    void pickDatabase() {
        database = engine.settings(data);
    }

    private TestService start(Map<String, String> overrides) {
        return TestService.start(data, overrides, database);
    }

    @Test
    void sameIdempotencyKeyGivesTheSameJob() {
        try (MediaServer inputs = new MediaServer();
             TestService service = start(Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            Map<String, Object> body = TestService.request(Map.of("base_video_url", inputs.status("gone.mp4", 404)));

            Reply first = service.post("/render", body, "Idempotency-Key", "order-1001");
            Reply second = service.post("/render", body, "Idempotency-Key", "order-1001");

            assertEquals(202, first.status(), first.toString());
            assertEquals(202, second.status(), second.toString());
            assertNull(first.header("Idempotent-Replayed"));
            assertEquals("true", second.header("Idempotent-Replayed"));
            String id = first.json().get("job_id").asText();
            assertEquals(id, second.json().get("job_id").asText());
            service.awaitEnded(id);
            assertEquals(1, service.jobs("").size());
            assertEquals(1, inputs.hits("gone.mp4"));
        }
    }

    @Test
    void idempotencyKeysAreScopedPerEndpointAndBoundToTheirRequest() {
        try (MediaServer inputs = new MediaServer();
             TestService service = start(Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            Map<String, Object> body = TestService.request(Map.of("base_video_url", inputs.status("gone.mp4", 404)));
            Reply render = service.post("/render", body, "Idempotency-Key", "order-7");
            String renderId = render.json().get("job_id").asText();

            Reply voiceover = service.post("/voiceover", Map.of("script", "Hello from Narrator."),
                    "Idempotency-Key", "order-7");
            Map<String, Object> changed = new HashMap<>(body);
            changed.put("script", "Something else entirely.");
            Reply mismatch = service.post("/render", changed, "Idempotency-Key", "order-7");

            assertEquals(200, voiceover.status(), voiceover.toString());
            assertNotEquals(renderId, voiceover.json().get("job_id").asText());
            assertEquals(422, mismatch.status(), mismatch.toString());
            assertEquals("IDEMPOTENCY_MISMATCH", mismatch.errorCode());
            assertEquals(renderId, mismatch.json().path("error").path("details").path("job_id").asText());
            assertEquals(2, service.jobs("").size());
        }
    }

    @Test
    void aFullQueueAnswersQueueFullWithRetryAfter() {
        try (MediaServer inputs = new MediaServer();
             TestService service = start(Map.of("ALLOW_PRIVATE_URLS", "true",
                     "MAX_QUEUED_JOBS", "2"))) {
            MediaServer.Gate gate = inputs.gated("held.mp4", TestMedia.video(media, 1, 320, 568, false));
            String running = service.submit(Map.of("base_video_url", gate.url));
            Await.until("the first job to be downloading", Duration.ofSeconds(30), () -> gate.arrived() == 1);
            Reply first = service.post("/render", TestService.request(Map.of()), "Idempotency-Key", "q-1");
            service.submit(Map.of());

            Reply full = service.post("/render", TestService.request(Map.of()));
            Reply replay = service.post("/render", TestService.request(Map.of()), "Idempotency-Key", "q-1");

            assertEquals(503, full.status(), full.toString());
            assertEquals("QUEUE_FULL", full.errorCode());
            assertTrue(Integer.parseInt(full.header("Retry-After")) > 0, full.toString());
            assertEquals(202, replay.status(), replay.toString());
            assertEquals(first.json().get("job_id").asText(), replay.json().get("job_id").asText());
            assertEquals(List.of(running), service.jobs("?status=processing").stream()
                    .map(j -> j.get("job_id").asText()).toList());
            assertEquals(3, service.jobs("").size());
        }
    }

    @Test
    void neverRunsMoreJobsThanTheLimit() {
        try (MediaServer inputs = new MediaServer();
             TestService service = start(Map.of("ALLOW_PRIVATE_URLS", "true",
                     "MAX_CONCURRENT_JOBS", "2"))) {
            Path video = TestMedia.video(media, 2, 320, 568, false);
            List<MediaServer.Gate> gates = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                MediaServer.Gate gate = inputs.gated("base-" + i + ".mp4", video);
                gates.add(gate);
                ids.add(service.submit(Map.of("base_video_url", gate.url)));
            }

            // Two jobs hold their workers in the download; the other three wait their turn.
            Await.until("two downloads to reach their gates", Duration.ofSeconds(30),
                    () -> gates.stream().mapToInt(MediaServer.Gate::arrived).sum() == 2);
            JsonNode held = service.queue();
            assertEquals(2, held.get("processing").asInt(), held.toString());
            assertEquals(3, held.get("queued").asInt(), held.toString());
            assertEquals(2, held.get("max_concurrent_jobs").asInt());
            assertTrue(held.has("estimated_wait_seconds"), held.toString());
            assertEquals(2, service.jobs("?status=processing").size());

            gates.forEach(MediaServer.Gate::open);
            AtomicInteger most = new AtomicInteger();
            Await.until("all five completed", TestService.JOB_DEADLINE, () -> {
                most.accumulateAndGet(service.queue().get("processing").asInt(), Math::max);
                most.accumulateAndGet(service.jobs("?status=processing").size(), Math::max);
                return service.jobs("?status=completed").size();
            }, completed -> completed == 5);

            assertEquals(2, most.get(), "most jobs seen processing at once");
            for (String id : ids) {
                assertEquals("completed", service.get("/status/" + id).json().get("status").asText());
            }
            assertEquals(5, gates.stream().mapToInt(MediaServer.Gate::arrived).sum());
        }
    }

    @Test
    void cancelsAQueuedJobBeforeItStartsAndARunningOneInItsDownload() throws IOException {
        try (MediaServer inputs = new MediaServer(); Receiver receiver = new Receiver();
             TestService service = start(Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            MediaServer.Gate gate = inputs.gated("held.mp4", TestMedia.video(media, 2, 320, 568, false));
            String running = service.submit(Map.of("base_video_url", gate.url, "webhook_url", receiver.url()));
            Await.until("the first job to reach its download", Duration.ofSeconds(30), () -> gate.arrived() == 1);
            String queued = service.submit(Map.of("webhook_url", receiver.url()));

            Reply cancelQueued = service.post("/jobs/" + queued + "/cancel", null);

            assertEquals(200, cancelQueued.status(), cancelQueued.toString());
            assertEquals("cancelled", cancelQueued.json().get("status").asText());
            JsonNode status = service.get("/status/" + queued).json();
            assertEquals("cancelled", status.get("status").asText());
            for (String url : List.of("voice_url", "subtitles_url", "video_url", "thumbnail_url")) {
                assertTrue(status.get(url).isNull(), url);
            }

            // The running job is stuck in a download that will not finish for a minute: cancel must not wait for it.
            long asked = System.nanoTime();
            assertEquals(200, service.post("/jobs/" + running + "/cancel", null).status());
            assertEquals("cancelled", service.awaitEnded(running).get("status").asText());
            assertTrue(Duration.ofNanos(System.nanoTime() - asked).compareTo(Duration.ofSeconds(5)) < 0,
                    "cancelled promptly");

            JsonNode never = service.job(queued);
            assertEquals(0, never.get("attempts").asInt());
            assertTrue(never.get("started_at").isNull());
            receiver.await(queued, "job_cancelled", Duration.ofSeconds(10));
            receiver.await(running, "job_cancelled", Duration.ofSeconds(10));
            assertFalse(receiver.delivered(queued).contains("job_started"));
            assertEquals(List.of(), storedFiles(queued));
            assertEquals(List.of(), storedFiles(running));
            assertEquals(List.of(), workDirs());
        }
    }

    @Test
    void cancelsARunningRenderPromptlyAndCleansUp() throws IOException {
        String script = String.join(" ", java.util.Collections.nCopies(8,
                "This sentence keeps the renderer busy for a few more seconds of narration."));
        try (MediaServer inputs = new MediaServer(); Receiver receiver = new Receiver();
             TestService service = start(Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            String video = inputs.file("base.mp4", TestMedia.video(media, 2, 320, 568, false));
            String id = service.submit(Map.of("script", script, "base_video_url", video, "webhook_url", receiver.url()));
            Await.until("the job to render", TestService.JOB_DEADLINE,
                    () -> service.job(id).path("stage").asText(), "rendering"::equals);
            assertEquals(1, workDirs().size(), "the running job's work dir");

            long asked = System.nanoTime();
            Reply cancel = service.post("/jobs/" + id + "/cancel", null);

            assertEquals(200, cancel.status(), cancel.toString());
            JsonNode ended = service.awaitEnded(id);
            assertTrue(Duration.ofNanos(System.nanoTime() - asked).compareTo(Duration.ofSeconds(5)) < 0,
                    "cancelled promptly");
            assertEquals("cancelled", ended.get("status").asText());
            assertTrue(ended.get("video_url").isNull());
            // The voice was stored and announced before the cancel: status still shows it.
            String announced = receiver.await(id, "voiceover_uploaded", Duration.ofSeconds(10))
                    .payload().get("voice_url").asText();
            assertEquals(announced, ended.get("voice_url").asText(), ended.toString());
            assertEquals(announced, service.job(id).get("voice_url").asText());
            assertEquals(List.of(), workDirs());
            receiver.await(id, "job_cancelled", Duration.ofSeconds(10));
            assertFalse(receiver.delivered(id).contains("video_completed"));
            assertFalse(storedFiles(id).stream().anyMatch(f -> f.endsWith("-final.mp4")), storedFiles(id).toString());

            Reply again = service.post("/jobs/" + id + "/cancel", null);
            assertEquals(409, again.status(), again.toString());
            assertEquals("CONFLICT", again.errorCode());
            Reply unknown = service.post("/jobs/no-such-job/cancel", null);
            assertEquals(404, unknown.status(), unknown.toString());
            assertEquals("NOT_FOUND", unknown.errorCode());
        }
    }

    private List<String> workDirs() throws IOException {
        try (Stream<Path> dirs = Files.list(data.resolve("work"))) {
            return dirs.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Files under local storage whose name holds the job id. */
    private List<String> storedFiles(String id) throws IOException {
        Path root = data.resolve("storage");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(name -> name.contains(id)).toList();
        }
    }
}
