package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import narrator.app.service.Await;
import narrator.app.service.MediaServer;
import narrator.app.service.Reply;
import narrator.app.service.TestService;
import narrator.core.ErrorCode;
import narrator.pipeline.testing.TestMedia;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented error code through HTTP, with the status {@link ApiErrors} gives it. Errors found
 * at submit time answer the POST; errors found by the job answer the synchronous endpoints and show
 * in {@code /status}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorCodesTest {
    private Path data;
    private Path media;

    private MediaServer inputs;
    private TestService service;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        data = Files.createDirectories(dir.resolve("data"));
        media = Files.createDirectories(dir.resolve("media"));
        Path models = Files.createDirectories(data.resolve("models"));
        Path broken = TestVoices.writePiperVoice(models, "broken", 1);
        byte[] model = Files.readAllBytes(broken);
        Files.write(broken, java.util.Arrays.copyOf(model, model.length / 2), StandardOpenOption.TRUNCATE_EXISTING);
        TestVoices.writeFailingPiperVoice(models, "fails");
        inputs = new MediaServer();
        service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true", "MAX_SCRIPT_CHARS", "60",
                "MAX_VIDEO_MB", "1", "MAX_AUDIO_MB", "1"));
    }

    @AfterAll
    void stop() {
        service.close();
        inputs.close();
    }

    static Stream<Arguments> refusedAtSubmit() {
        return Stream.of(
                Arguments.of("POST", "/render", "{\"script\": \"Hi.\",", 400, "INVALID_REQUEST"),
                Arguments.of("POST", "/render", "[\"script\"]", 400, "INVALID_REQUEST"),
                Arguments.of("POST", "/render", "", 400, "INVALID_REQUEST"),
                Arguments.of("POST", "/render", "{\"script\": \"   \"}", 400, "INVALID_REQUEST"),
                Arguments.of("POST", "/render", "{\"script\": \"Hi.\", \"speed\": 5}", 400, "INVALID_REQUEST"),
                Arguments.of("POST", "/render", "{\"script\": \"Hi.\", \"speed\": \"fast\"}", 400, "INVALID_REQUEST"),
                Arguments.of("POST", "/render", "{\"script\": \"Hi.\", \"size\": \"321x568\"}", 400, "INVALID_REQUEST"),
                Arguments.of("POST", "/render", "{\"script\": \"Hi.\", \"base_video_url\": \"ftp://h/v.mp4\"}", 400,
                        "INVALID_REQUEST"),
                Arguments.of("POST", "/render", "{\"script\": \"Hi.\", \"metadata\": [1]}", 400, "INVALID_REQUEST"),
                Arguments.of("POST", "/render-video", "{\"script\": \"Hi.\"}", 400, "INVALID_REQUEST"),
                Arguments.of("GET", "/jobs?status=sleeping", null, 400, "INVALID_REQUEST"),
                Arguments.of("GET", "/jobs?limit=0", null, 400, "INVALID_REQUEST"),
                Arguments.of("POST", "/render", "{\"script\": \"" + "word ".repeat(13) + "\"}", 413, "SCRIPT_TOO_LONG"),
                Arguments.of("POST", "/voiceover", "{\"script\": \"" + "word ".repeat(13) + "\"}", 413,
                        "SCRIPT_TOO_LONG"),
                Arguments.of("POST", "/render", "{\"script\": \"Hi.\", \"voice\": \"piper:nope\"}", 400, "UNKNOWN_VOICE"),
                Arguments.of("POST", "/voiceover", "{\"script\": \"Hi.\", \"voice\": \"nope\"}", 400, "UNKNOWN_VOICE"),
                Arguments.of("GET", "/status/no-such-job", null, 404, "NOT_FOUND"),
                Arguments.of("GET", "/jobs/no-such-job", null, 404, "NOT_FOUND"),
                Arguments.of("POST", "/jobs/no-such-job/cancel", "", 404, "NOT_FOUND"),
                Arguments.of("GET", "/files/uploads/renders/none-final.mp4", null, 404, "NOT_FOUND"),
                Arguments.of("GET", "/files/..%2Fnarrator.db", null, 404, "NOT_FOUND"),
                Arguments.of("GET", "/files/uploads/..%2F..%2Fnarrator.db", null, 404, "NOT_FOUND"),
                Arguments.of("GET", "/no/such/endpoint", null, 404, "NOT_FOUND"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @MethodSource("refusedAtSubmit")
    void refusedAtSubmit(String method, String path, String body, int status, String code) {
        int jobsBefore = service.jobs("?limit=500").size();

        Reply reply = service.send(method, path, body);

        assertError(reply, status, code);
        assertEquals(jobsBefore, service.jobs("?limit=500").size(), "no job was queued");
    }

    @Test
    void fieldErrorsNameTheField() {
        Reply reply = service.post("/render", Map.of("script", "Hi.", "music_volume", 2));
        assertError(reply, 400, "INVALID_REQUEST");
        assertEquals("music_volume", reply.json().path("error").path("details").path("field").asText());
    }

    @Test
    void aSizeTheSubtitlesCannotFitIsRefusedAtSubmitNamingTheSize() {
        int jobsBefore = service.jobs("?limit=500").size();

        Reply reply = service.post("/render", Map.of("script", "Hi.", "size", "96x160"));

        assertError(reply, 400, "INVALID_REQUEST");
        assertEquals("size", reply.json().path("error").path("details").path("field").asText());
        assertTrue(reply.json().path("error").path("message").asText().contains("96x160"), reply.toString());
        assertEquals(jobsBefore, service.jobs("?limit=500").size(), "no job was queued");

        Reply margins = service.post("/render", Map.of("script", "Hi.", "size", "320x568",
                "subtitle_style", Map.of("margin_h", 200)));
        assertError(margins, 400, "INVALID_REQUEST");
        assertEquals("subtitle_style", margins.json().path("error").path("details").path("field").asText());
    }

    @Test
    void anOversizedBodyIsRefused() {
        Reply reply = service.post("/render", "{\"script\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}");
        assertError(reply, 413, "INPUT_TOO_LARGE");
    }

    static Stream<Arguments> failedByTheJob() {
        return Stream.of(
                Arguments.of("/voiceover", Map.of("script", "\uD83D\uDE00 \uD83C\uDF89 \uD83D\uDE80"), 422, "INVALID_TEXT"),
                Arguments.of("/voiceover", Map.of("script", "Hello.", "voice", "piper:broken"), 503, "VOICE_UNAVAILABLE"),
                Arguments.of("/voiceover", Map.of("script", "A sentence the model cannot take.", "voice", "piper:fails"),
                        500, "TTS_FAILED"),
                Arguments.of("/render-video", Map.of("voiceover_url", "missing.wav"), 422, "DOWNLOAD_FAILED"),
                Arguments.of("/render-video", Map.of("voiceover_url", "big.wav"), 413, "INPUT_TOO_LARGE"),
                Arguments.of("/render-video", Map.of("voiceover_url", "voice.wav", "base_video_url", "corrupt.mp4"),
                        422, "INVALID_MEDIA"),
                Arguments.of("/render-video", Map.of("voiceover_url", "corrupt.wav"), 422, "INVALID_MEDIA"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @MethodSource("failedByTheJob")
    void failedByTheJob(String path, Map<String, String> fields, int status, String code) throws IOException {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("script", "A short line.", "size", "320x568"));
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.put(field.getKey(), field.getKey().endsWith("_url") ? input(field.getValue()) : field.getValue());
        }

        Reply reply = service.post(path, body);

        assertError(reply, status, code);
        String id = reply.json().path("error").path("details").path("job_id").asText();
        JsonNode job = service.get("/status/" + id).json();
        assertEquals("failed", job.get("status").asText(), job.toString());
        assertEquals(code, job.get("error_code").asText());
        assertEquals(reply.json().path("error").path("message").asText(), job.get("error").asText());
        assertEquals(code, service.job(id).path("error").path("code").asText());
    }

    @Test
    void anAsyncJobReportsItsFailureInStatus() throws IOException {
        String id = service.submit(Map.of("base_video_url", input("corrupt.mp4")));

        JsonNode status = service.awaitEnded(id);

        assertEquals("failed", status.get("status").asText());
        assertEquals("INVALID_MEDIA", status.get("error_code").asText());
        assertTrue(status.get("error").asText().contains("base"), status.toString());
        assertTrue(status.get("video_url").isNull());
    }

    @Test
    void failuresShowNoServerPaths() throws IOException {
        try (narrator.app.service.Receiver receiver = new narrator.app.service.Receiver()) {
            String id = service.submit(Map.of("base_video_url", input("corrupt.mp4"), "webhook_url", receiver.url()));
            Reply waited = service.post("/render-video", Map.of("script", "A short line.", "size", "320x568",
                    "voiceover_url", input("corrupt.wav")));

            JsonNode status = service.awaitEnded(id);
            String failed = receiver.await(id, "job_failed", Duration.ofSeconds(30)).body();

            assertEquals("INVALID_MEDIA", status.get("error_code").asText(), status.toString());
            String waitedId = waited.json().path("error").path("details").path("job_id").asText();
            for (String seen : List.of(status.toString(), service.job(id).toString(), failed, waited.text(),
                    service.get("/status/" + waitedId).text(), service.job(waitedId).toString())) {
                for (String root : List.of(data.toAbsolutePath().toString(), data.toRealPath().toString())) {
                    assertFalse(seen.contains(root), "leaks " + root + ": " + seen);
                }
            }
        }
    }

    @Test
    void cancellingAWaitedJobAnswersCancelled() {
        MediaServer.Gate gate = inputs.gated("held.wav", TestMedia.voiceWav(media, 1));
        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(() -> service.post("/render-video",
                Map.of("script", "Never mind.", "voiceover_url", gate.url, "size", "320x568")));
        Await.until("the job to be downloading", Duration.ofSeconds(30), () -> gate.arrived() == 1);
        String id = service.jobs("?status=processing").get(0).get("job_id").asText();

        assertEquals(200, service.post("/jobs/" + id + "/cancel", "").status());

        assertError(waiting.join(), 409, "CANCELLED");
        Reply again = service.post("/jobs/" + id + "/cancel", "");
        assertError(again, 409, "CONFLICT");
    }

    @Test
    void aJobPastItsTimeLimitFailsWithTimeout(@TempDir Path other) {
        try (TestService slow = TestService.start(other, Map.of("ALLOW_PRIVATE_URLS", "true", "JOB_TIMEOUT", "1s"))) {
            String drip = inputs.drip("drip.wav", 500 * 1024, 1024, Duration.ofMillis(50));

            Reply reply = slow.post("/render-video", Map.of("script", "Too slow.", "voiceover_url", drip));

            assertError(reply, 504, "TIMEOUT");
            String id = reply.json().path("error").path("details").path("job_id").asText();
            assertEquals("TIMEOUT", slow.get("/status/" + id).json().get("error_code").asText());
        }
    }

    @Test
    void everyCodeHasAStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            int status = ApiErrors.status(code);
            assertTrue(status >= 400 && status < 600, code + " -> " + status);
        }
    }

    private String input(String name) throws IOException {
        return switch (name) {
            case "missing.wav" -> inputs.status(name, 404);
            case "big.wav" -> inputs.file(name, Files.write(media.resolve(name), new byte[2 * 1024 * 1024]));
            case "voice.wav" -> inputs.file(name, TestMedia.voiceWav(media, 1.5));
            case "corrupt.mp4", "corrupt.wav" -> inputs.file(name, TestMedia.corrupt(media, name));
            default -> throw new IllegalArgumentException(name);
        };
    }

    static void assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.toString());
        assertEquals("application/json", reply.header("Content-Type"), reply.toString());
        assertEquals(code, reply.errorCode(), reply.toString());
        String message = reply.json().path("error").path("message").asText();
        assertFalse(message.isBlank(), reply.toString());
        for (String leak : List.of("Exception", "\tat ", "at narrator.", "at java.", "at io.javalin")) {
            assertFalse(reply.text().contains(leak), "no stack trace: " + reply);
        }
    }
}
