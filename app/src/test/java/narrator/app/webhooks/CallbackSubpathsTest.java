package narrator.app.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.pipeline.Stage;
import org.junit.jupiter.api.Test;

/** Each event at its sub-path, in the GPU worker's shape, with its id kept and should_retry from the error code. */
class CallbackSubpathsTest {
    private static final String TS = "2025-01-12T20:30:45Z";
    private final WebhookEvents events = new WebhookEvents(Clock.fixed(Instant.parse(TS), ZoneOffset.UTC));

    @Test
    void progressAndStartGoToProgress() {
        WebhookEvent progress = events.jobProgress("j1", Stage.RENDERING, 42, Map.of("m", 1));
        CallbackSubpaths.Callback shaped = CallbackSubpaths.shape(progress, null).orElseThrow();

        assertEquals("http://app/cb/progress", shaped.url("http://app/cb/"));
        assertEquals(progress.id(), shaped.event().id());
        assertEquals("job_progress", shaped.event().name());
        assertEquals(Map.of("job_id", "j1", "progress", 42, "message", "rendering", "timestamp", TS),
                shaped.event().payload());
        assertEquals(Map.of("job_id", "j1", "progress", 0, "message", "started", "timestamp", TS),
                CallbackSubpaths.shape(events.jobStarted("j1", Map.of()), null).orElseThrow().event().payload());
    }

    @Test
    void completionCarriesTheVideosKeyAndLinks() {
        WebhookEvent done = events.videoCompleted("j1", new VideoUrls(null, "s3://b/s.ass", "s3://b/v.mp4", null, null),
                Map.of(), Map.of("video", "https://signed/v.mp4"));
        CallbackSubpaths.Callback shaped = CallbackSubpaths.shape(done, "uploads/renders/j1-captioned.mp4").orElseThrow();

        assertEquals("complete", shaped.subpath());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("job_id", "j1");
        expected.put("output_video_key", "uploads/renders/j1-captioned.mp4");
        expected.put("video_url", "s3://b/v.mp4");
        expected.put("urls", Map.of("video", "https://signed/v.mp4"));
        expected.put("timestamp", TS);
        assertEquals(expected, shaped.event().payload());
    }

    @Test
    void shouldRetryIsTrueExactlyForFailuresARetryCanFix() {
        for (ErrorCode code : ErrorCode.values()) {
            CallbackSubpaths.Callback shaped = CallbackSubpaths.shape(events.jobFailed("j1", code, "why", Map.of()), null)
                    .orElseThrow();
            assertEquals("error", shaped.subpath());
            assertEquals("why", shaped.event().payload().get("error"));
            assertEquals(code.name(), shaped.event().payload().get("error_code"));
            boolean retry = switch (code) {
                case DOWNLOAD_FAILED, STORAGE_ERROR, TIMEOUT, QUEUE_FULL, BUSY -> true;
                default -> false;
            };
            assertEquals(retry, shaped.event().payload().get("should_retry"), code.name());
        }
        Map<String, Object> cancelled = CallbackSubpaths.shape(events.jobCancelled("j1", Map.of()), null).orElseThrow()
                .event().payload();
        assertEquals(false, cancelled.get("should_retry"));
        assertEquals("CANCELLED", cancelled.get("error_code"));
    }

    @Test
    void theVoiceEventHasNoPlace() {
        assertTrue(CallbackSubpaths.shape(events.voiceoverUploaded("j1", "s3://b/v.wav", "s3://b/t.json", Map.of(), Map.of()), null)
                .isEmpty());
    }
}
