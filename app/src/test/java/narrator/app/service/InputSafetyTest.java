package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs cannot reach private addresses, exceed their size limits, or hold a worker past the deadline. */
class InputSafetyTest {
    private static final String METADATA = "http://169.254.169.254/latest/meta-data/";

    @TempDir
    Path data;
    @TempDir
    Path media;

    @Test
    void privateAndMetadataInputsFailTheJobWithoutBeingFetched() {
        try (MediaServer inputs = new MediaServer(); TestService service = TestService.start(data, Map.of())) {
            String loopback = inputs.status("v.mp4", 200);

            JsonNode local = service.awaitEnded(service.submit(Map.of("base_video_url", loopback)));
            JsonNode metadata = service.awaitEnded(service.submit(Map.of("bgm_url", METADATA)));

            assertFailed(local, "DOWNLOAD_FAILED", "base_video_url");
            assertTrue(local.get("error").asText().contains("127.0.0.1"), local.toString());
            assertFailed(metadata, "DOWNLOAD_FAILED", "bgm_url");
            assertEquals(0, inputs.hits("v.mp4"), "a refused input is never requested");
        }
    }

    @Test
    void aRedirectToTheMetadataServiceIsRefused() {
        // Private URLs allowed, so the loopback server stands in for a public host; metadata stays refused.
        try (MediaServer inputs = new MediaServer();
             TestService service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            String hop = inputs.redirect("hop.mp4", METADATA);

            JsonNode job = service.awaitEnded(service.submit(Map.of("base_video_url", hop)));

            assertFailed(job, "DOWNLOAD_FAILED", "base_video_url");
            assertTrue(job.get("error").asText().contains("169.254.169.254"), job.toString());
            assertEquals(1, inputs.hits("hop.mp4"));
        }
    }

    @Test
    void privateWebhookUrlsAreRefusedAtSubmit() {
        try (TestService strict = TestService.start(data.resolve("strict"), Map.of())) {
            Reply loopback = strict.post("/render", TestService.request(Map.of("webhook_url", "http://127.0.0.1:9/hook")));
            Reply internal = strict.post("/render", TestService.request(Map.of("webhook_url", "http://10.1.2.3/hook")));

            for (Reply reply : new Reply[] {loopback, internal}) {
                assertEquals(400, reply.status(), reply.toString());
                assertEquals("INVALID_REQUEST", reply.errorCode());
                assertEquals("webhook_url", reply.json().path("error").path("details").path("field").asText());
            }
            assertEquals(0, strict.jobs("").size());
        }
        try (TestService lenient = TestService.start(data.resolve("lenient"), Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            Reply metadata = lenient.post("/render", TestService.request(Map.of("webhook_url", METADATA)));
            assertEquals(400, metadata.status(), metadata.toString());
            assertEquals("INVALID_REQUEST", metadata.errorCode());
        }
    }

    @Test
    void anInputOverItsLimitFailsWithInputTooLarge() throws Exception {
        Path big = Files.write(media.resolve("big.mp4"), new byte[2 * 1024 * 1024]);
        try (MediaServer inputs = new MediaServer();
             TestService service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true", "MAX_VIDEO_MB", "1"))) {
            JsonNode job = service.awaitEnded(service.submit(Map.of("base_video_url", inputs.file("big.mp4", big))));

            assertFailed(job, "INPUT_TOO_LARGE", "base_video_url");
            assertEquals(0, Files.list(data.resolve("work")).count(), "the partial download is gone");
        }
    }

    @Test
    void aSlowDownloadIsCutOffAtItsDeadline() {
        try (MediaServer inputs = new MediaServer();
             TestService service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true",
                     "DOWNLOAD_TIMEOUT", "1s"))) {
            // 200 KB at 1 KB per 50 ms: ten seconds, far past the deadline.
            String slow = inputs.drip("slow.mp4", 200 * 1024, 1024, Duration.ofMillis(50));
            long started = System.nanoTime();

            JsonNode job = service.awaitEnded(service.submit(Map.of("base_video_url", slow)));

            assertFailed(job, "DOWNLOAD_FAILED", "base_video_url");
            assertTrue(job.get("error").asText().contains("1 s"), job.toString());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(6)) < 0);
        }
    }

    private static void assertFailed(JsonNode status, String code, String input) {
        assertEquals("failed", status.get("status").asText(), status.toString());
        assertEquals(code, status.get("error_code").asText(), status.toString());
        assertTrue(status.get("error").asText().startsWith(input + ":"), status.toString());
    }
}
