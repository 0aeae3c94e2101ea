package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captions burned onto a caller's own video, end to end through both API shapes: the GPU render server's
 * {@code POST /render} with callbacks at sub-paths, and Narrator's own {@code POST /captions}; real FFmpeg, a real
 * HTTP media server and callback receiver, and {@code should_retry} for a missing input and an unreachable store.
 */
class CaptionsFlowTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Map<String, String> SETTINGS = Map.of("ALLOW_PRIVATE_URLS", "true");

    @TempDir
    Path data;
    @TempDir
    Path media;

    private static Map<String, Object> renderServerRequest(String videoUrl, String callbackUrl, String jobId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("videoUrl", videoUrl);
        body.put("scenario", Map.of("cues", List.of(
                Map.of("text", "Hello 世界", "start", 0.5, "end", 1.5,
                        "style", Map.of("fontSize", 30, "color", "#FFFF00", "fontFamily", "Noto Sans CJK SC")),
                Map.of("text", "second line", "start", 1.2, "end", 2.5))));
        body.put("options", Map.of("width", 320, "height", 240, "fps", 25, "quality", "low", "format", "mp4"));
        body.put("callbackUrl", callbackUrl);
        body.put("callback_style", "subpaths");
        body.put("jobId", jobId);
        return body;
    }

    @Test
    void theRenderServersShapeBurnsTheCuesKeepsTheSoundAndCallsBackAtSubpaths() throws Exception {
        try (MediaServer inputs = new MediaServer(); Receiver callbacks = new Receiver();
             TestService service = TestService.start(data, SETTINGS)) {
            String video = inputs.file("mine.mp4", TestMedia.flatVideo(media, 3, 320, 240, true));

            Reply accepted = service.post("/render", renderServerRequest(video, callbacks.url(), "gpu-job-1"));

            assertEquals(202, accepted.status(), accepted.toString());
            assertEquals(List.of("status", "job_id", "message", "estimated_time"), fields(accepted.json()));
            assertEquals("accepted", accepted.json().get("status").asText());
            assertEquals("gpu-job-1", accepted.json().get("job_id").asText());
            assertTrue(accepted.json().get("estimated_time").isIntegralNumber(), accepted.toString());
            JsonNode done = Await.until("gpu-job-1 to end", TestService.JOB_DEADLINE,
                    () -> service.get("/api/render/gpu-job-1/status").json(),
                    s -> List.of("completed", "failed").contains(s.path("status").asText()));
            assertEquals("completed", done.get("status").asText(), done.toString());
            assertEquals(100.0, done.get("progress").asDouble());
            assertEquals("uploads/renders/gpu-job-1-captioned.mp4", done.get("output_video_key").asText());
            assertTrue(done.get("should_retry").isNull(), done.toString());

            Receiver.Hook complete = callbacks.await("gpu-job-1", "video_completed", DEADLINE);
            assertEquals("/hooks/complete", complete.path());
            assertTrue(complete.signed());
            assertEquals("uploads/renders/gpu-job-1-captioned.mp4", complete.payload().get("output_video_key").asText());
            assertEquals(done.get("video_url"), complete.payload().get("video_url"));
            assertTrue(complete.payload().get("urls").get("video").asText().startsWith("http"), complete.body());
            List<Receiver.Hook> progress = callbacks.hooks("gpu-job-1").stream()
                    .filter(h -> h.path().equals("/hooks/progress")).toList();
            assertFalse(progress.isEmpty(), callbacks.hooks().toString());
            assertEquals(0, progress.get(0).payload().get("progress").asInt());
            assertEquals("started", progress.get(0).payload().get("message").asText());
            assertTrue(progress.stream().allMatch(h -> h.payload().has("progress") && h.payload().has("message")));

            Path out = Files.write(media.resolve("out.mp4"), service.get(done.get("video_url").asText()).body());
            String streams = new FfmpegRunner().run(List.of("ffprobe", "-v", "error", "-show_entries",
                    "stream=codec_type,width,height,r_frame_rate", "-of", "csv=p=0", out.toString()),
                    Duration.ofSeconds(30)).stdout();
            assertTrue(streams.contains("video,320,240,25/1"), streams);
            assertTrue(streams.contains("audio"), "the video's own sound is kept: " + streams);
            assertEquals(0, TestMedia.brightPixels(out, 0.2), "no caption yet");
            assertTrue(TestMedia.brightPixels(out, 1.3) > 50, "both captions drawn");
            assertEquals(0, TestMedia.brightPixels(out, 2.8), "no caption after the last");
            String ass = service.get(service.job("gpu-job-1").get("subtitles_url").asText()).text();
            assertTrue(ass.contains("Style: S1,Noto Sans CJK SC,30,&H0000FFFF"), ass);
            assertTrue(ass.contains(",S1,,0,0,0,,Hello 世界"), ass);
        }
    }

    @Test
    void narratorsOwnShapeRunsTheSameJobWithItsUsualEvents() {
        try (MediaServer inputs = new MediaServer(); Receiver hooks = new Receiver();
             TestService service = TestService.start(data, SETTINGS)) {
            String video = inputs.file("mine.mp4", TestMedia.flatVideo(media, 2, 320, 240, true));

            Reply accepted = service.post("/captions", Map.of("video_url", video, "callback_url", hooks.url(),
                    "cues", List.of(Map.of("text", "Own shape", "start", 0, "end", 1.5)), "metadata", Map.of("n", 1)));

            assertEquals(202, accepted.status(), accepted.toString());
            String id = accepted.json().get("job_id").asText();
            assertEquals("queued", accepted.json().get("status").asText());
            JsonNode done = service.awaitEnded(id);
            assertEquals("completed", done.get("status").asText(), done.toString());
            assertTrue(done.get("voice_url").isNull(), "no speech");
            assertTrue(done.get("video_url").asText().endsWith("/uploads/renders/" + id + "-captioned.mp4"));
            assertEquals("captions", service.job(id).get("kind").asText());
            Receiver.Hook completed = hooks.await(id, "video_completed", DEADLINE);
            assertEquals("/hooks", completed.path());
            assertEquals(done.get("video_url"), completed.payload().get("video_url"));
            assertEquals(1, completed.payload().get("metadata").get("n").asInt());
            assertEquals("job_started", hooks.delivered(id).get(0));
        }
    }

    @Test
    void aCallerIdThatIsTakenIsAConflict() {
        try (MediaServer inputs = new MediaServer(); TestService service = TestService.start(data, SETTINGS)) {
            String video = inputs.file("mine.mp4", TestMedia.flatVideo(media, 2, 320, 240, false));
            Map<String, Object> request = Map.of("videoUrl", video, "jobId", "taken-1",
                    "scenario", Map.of("cues", List.of(Map.of("text", "x", "start", 0, "end", 1))));

            assertEquals(202, service.post("/render", request).status());
            Reply again = service.post("/captions", Map.of("video_url", video, "job_id", "taken-1",
                    "cues", List.of(Map.of("text", "y", "start", 0, "end", 1))));

            assertEquals(409, again.status(), again.toString());
            assertEquals("CONFLICT", again.json().get("error").get("code").asText());
            assertEquals("taken-1", again.json().get("error").get("details").get("job_id").asText());
        }
    }

    @Test
    void aVideoThatIsNotThereIsBadInputThatNoRetryFixes() {
        try (MediaServer inputs = new MediaServer(); Receiver callbacks = new Receiver();
             TestService service = TestService.start(data, SETTINGS)) {
            Reply accepted = service.post("/render", renderServerRequest(inputs.status("gone.mp4", 404),
                    callbacks.url(), "missing-1"));
            assertEquals(202, accepted.status(), accepted.toString());

            Receiver.Hook error = callbacks.await("missing-1", "job_failed", DEADLINE);

            assertEquals("/hooks/error", error.path());
            assertFalse(error.payload().get("should_retry").asBoolean(), error.body());
            assertEquals("INVALID_REQUEST", error.payload().get("error_code").asText());
            assertTrue(error.payload().get("error").asText().contains("404"), error.body());
            JsonNode status = service.get("/api/render/missing-1/status").json();
            assertEquals("failed", status.get("status").asText());
            assertFalse(status.get("should_retry").asBoolean(), status.toString());
        }
    }

    @Test
    void anUnreachableStoreIsAFailureARetryMayFix() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // nothing listens here once the socket is closed
        }
        Map<String, String> settings = new LinkedHashMap<>(SETTINGS);
        // The GPU worker's names for the store's settings.
        settings.putAll(Map.of("STORAGE", "", "R2_BUCKET_NAME", "renders", "R2_ENDPOINT", "http://127.0.0.1:" + closed,
                "R2_ACCESS_KEY_ID", "key", "R2_SECRET_ACCESS_KEY", "secret"));
        try (MediaServer inputs = new MediaServer(); Receiver callbacks = new Receiver();
             TestService service = TestService.start(data, settings)) {
            String video = inputs.file("mine.mp4", TestMedia.flatVideo(media, 3, 320, 240, false));

            Reply accepted = service.post("/render", renderServerRequest(video, callbacks.url(), "store-down-1"));
            assertEquals(202, accepted.status(), accepted.toString());

            Receiver.Hook error = callbacks.await("store-down-1", "job_failed", TestService.JOB_DEADLINE);
            assertEquals("/hooks/error", error.path());
            assertEquals("STORAGE_ERROR", error.payload().get("error_code").asText(), error.body());
            assertTrue(error.payload().get("should_retry").asBoolean(), error.body());
            assertTrue(service.get("/api/render/store-down-1/status").json().get("should_retry").asBoolean());
        }
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
