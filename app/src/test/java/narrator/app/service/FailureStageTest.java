package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed job shows, in {@code /jobs/{id}}, the stage it failed in with the progress it had reached
 * there, never a finished stage at 100 %. Each failure is real: a voice whose model breaks at run
 * time, a storage directory that cannot be created, a time limit that ends the render.
 * (A failed download is in RequestEdgesTest.)
 */
class FailureStageTest {
    @TempDir
    Path data;

    @Test
    void aSpeechFailureShowsTheSynthesizingStage() throws Exception {
        TestVoices.writeFailingPiperVoice(Files.createDirectories(data.resolve("models")), "en_US-fails-low");
        try (TestService service = TestService.start(data, Map.of())) {
            String id = service.submit(Map.of("script", "A sentence the model cannot take.", "voice", "piper:en_US-fails-low"));

            JsonNode job = failed(service, id, "TTS_FAILED");

            assertEquals("synthesizing", job.get("stage").asText(), job.toString());
            assertTrue(job.get("stage_progress").asDouble() < 100, job.toString());
            assertTrue(job.get("progress").asDouble() < 33, job.toString());
        }
    }

    @Test
    void aVoiceUploadFailureShowsTheUploadingStage() throws Exception {
        blockStorage("uploads/voiceovers");
        try (TestService service = TestService.start(data, Map.of())) {
            String id = service.submit(Map.of());

            JsonNode job = failed(service, id, "STORAGE_ERROR");

            // The voice goes up right after speech: 5 % downloading + 28 % speech came before.
            assertEquals("uploading", job.get("stage").asText(), job.toString());
            assertTrue(job.get("stage_progress").asDouble() < 100, job.toString());
            double progress = job.get("progress").asDouble();
            assertTrue(progress >= 33 && progress < 35, job.toString());
        }
    }

    @Test
    void aFinalUploadFailureShowsTheUploadingStageAfterTheRender() throws Exception {
        blockStorage("uploads/renders");
        try (TestService service = TestService.start(data, Map.of())) {
            String id = service.submit(Map.of());

            JsonNode job = failed(service, id, "STORAGE_ERROR");

            assertEquals("uploading", job.get("stage").asText(), job.toString());
            assertTrue(job.get("stage_progress").asDouble() < 100, job.toString());
            double progress = job.get("progress").asDouble();
            assertTrue(progress >= 95 && progress < 100, job.toString());
            assertTrue(job.get("timings_ms").has("rendering"), job.toString());
        }
    }

    /** A render far longer than the job's time limit: the limit ends it in the rendering stage. */
    @Test
    void aRenderEndedByTheTimeLimitShowsTheRenderingStage() {
        try (TestService service = TestService.start(data, Map.of("JOB_TIMEOUT", "10s"))) {
            String script = "This long script keeps FFmpeg rendering well past the job's time limit. ".repeat(40);
            String id = service.submit(Map.of("script", script, "size", "1080x1920"));

            JsonNode job = failed(service, id, "TIMEOUT");

            assertEquals("rendering", job.get("stage").asText(), job.toString());
            assertTrue(job.get("stage_progress").asDouble() < 100, job.toString());
            double progress = job.get("progress").asDouble();
            assertTrue(progress >= 37 && progress < 92, job.toString());
        }
    }

    /** A file where the store needs a directory: every object under it fails to store. */
    private void blockStorage(String prefix) throws Exception {
        Path blocked = data.resolve("storage").resolve(prefix);
        Files.createDirectories(blocked.getParent());
        Files.writeString(blocked, "not a directory");
    }

    private static JsonNode failed(TestService service, String id, String code) {
        JsonNode status = service.awaitEnded(id);
        assertEquals("failed", status.get("status").asText(), status.toString());
        JsonNode job = service.job(id);
        assertEquals(code, job.path("error").path("code").asText(), job.toString());
        return job;
    }
}
