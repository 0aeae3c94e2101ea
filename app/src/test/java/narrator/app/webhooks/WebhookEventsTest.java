package narrator.app.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.pipeline.Stage;
import org.junit.jupiter.api.Test;

class WebhookEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "550e8400-e29b-41d4-a716-446655440000";
    private static final String VOICE = "s3://automation-storage/uploads/voiceovers/" + JOB + "-voice.wav";

    private final WebhookEvents events =
            new WebhookEvents(Clock.fixed(Instant.parse("2025-01-12T20:30:45.678Z"), ZoneOffset.UTC));

    @Test
    void voiceoverUploadedKeepsTheReferenceFieldsThenAddsExtras() throws Exception {
        WebhookEvent event = events.voiceoverUploaded(JOB, VOICE, "s3://b/timings.json", Map.of("order", 42),
                Map.of("voice", "https://s3.example.com/voice.wav?X-Amz-Signature=abc"));

        assertEquals(List.of("event", "job_id", "voice_url", "timestamp", "event_id", "metadata", "timings_url",
                "signed_urls"),
                new ArrayList<>(event.payload().keySet()));
        assertEquals("""
                {"event":"voiceover_uploaded","job_id":"%s","voice_url":"%s","timestamp":"2025-01-12T20:30:45Z",\
                "event_id":"%s","metadata":{"order":42},"timings_url":"s3://b/timings.json",\
                "signed_urls":{"voice":"https://s3.example.com/voice.wav?X-Amz-Signature=abc"}}"""
                .formatted(JOB, VOICE, event.id()), JSON.writeValueAsString(event.payload()));
    }

    @Test
    void videoCompletedKeepsTheReferenceFieldsThenAddsExtras() throws Exception {
        Map<String, String> signed = new LinkedHashMap<>();
        for (String kind : List.of("voice", "subtitles", "srt", "vtt", "video", "thumbnail")) {
            signed.put(kind, "https://s3.example.com/" + kind);
        }
        WebhookEvent event = events.videoCompleted(JOB,
                new VideoUrls(VOICE, "s3://b/subs.ass", "s3://b/final.mp4", null, "s3://b/timings.json"), null, signed);

        assertEquals(List.of("event", "job_id", "voice_url", "subtitles_url", "video_url", "thumbnail_url", "timestamp",
                "event_id", "metadata", "timings_url", "signed_urls"), new ArrayList<>(event.payload().keySet()));
        assertEquals("""
                {"event":"video_completed","job_id":"%s","voice_url":"%s","subtitles_url":"s3://b/subs.ass",\
                "video_url":"s3://b/final.mp4","thumbnail_url":null,"timestamp":"2025-01-12T20:30:45Z",\
                "event_id":"%s","metadata":{},"timings_url":"s3://b/timings.json",\
                "signed_urls":{"voice":"https://s3.example.com/voice",\
                "subtitles":"https://s3.example.com/subtitles","srt":"https://s3.example.com/srt",\
                "vtt":"https://s3.example.com/vtt","video":"https://s3.example.com/video",\
                "thumbnail":"https://s3.example.com/thumbnail"}}"""
                .formatted(JOB, VOICE, event.id()), JSON.writeValueAsString(event.payload()));
    }

    @Test
    void newEventsShareTheEnvelope() throws Exception {
        WebhookEvent started = events.jobStarted("j1", Map.of("k", "v"));
        WebhookEvent progress = events.jobProgress("j1", Stage.RENDERING, 40, Map.of("k", "v"));
        WebhookEvent failed = events.jobFailed("j1", ErrorCode.RENDER_FAILED, "FFmpeg failed", Map.of());
        WebhookEvent cancelled = events.jobCancelled("j1", Map.of());

        assertEquals("""
                {"event":"job_started","job_id":"j1","timestamp":"2025-01-12T20:30:45Z","event_id":"%s",\
                "metadata":{"k":"v"}}""".formatted(started.id()), JSON.writeValueAsString(started.payload()));
        assertEquals("""
                {"event":"job_progress","job_id":"j1","stage":"rendering","progress":40,\
                "timestamp":"2025-01-12T20:30:45Z","event_id":"%s","metadata":{"k":"v"}}"""
                .formatted(progress.id()), JSON.writeValueAsString(progress.payload()));
        assertEquals("""
                {"event":"job_failed","job_id":"j1","error":{"code":"RENDER_FAILED","message":"FFmpeg failed"},\
                "timestamp":"2025-01-12T20:30:45Z","event_id":"%s","metadata":{}}"""
                .formatted(failed.id()), JSON.writeValueAsString(failed.payload()));
        assertEquals("""
                {"event":"job_cancelled","job_id":"j1","timestamp":"2025-01-12T20:30:45Z","event_id":"%s",\
                "metadata":{}}""".formatted(cancelled.id()), JSON.writeValueAsString(cancelled.payload()));
    }

    @Test
    void anEventsIdIsAFunctionOfWhatItAnnounces() {
        WebhookEvents later = new WebhookEvents(Clock.fixed(Instant.parse("2025-01-12T21:30:00Z"), ZoneOffset.UTC));
        assertEquals(events.jobStarted("j1", Map.of()).id(), later.jobStarted("j1", Map.of("a", 1)).id());
        assertEquals(events.jobProgress("j1", Stage.RENDERING, 40, Map.of()).id(),
                later.jobProgress("j1", Stage.UPLOADING, 40, Map.of()).id());
        assertNotEquals(events.jobProgress("j1", Stage.RENDERING, 40, Map.of()).id(),
                events.jobProgress("j1", Stage.RENDERING, 41, Map.of()).id());
        assertNotEquals(events.jobStarted("j1", Map.of()).id(), events.jobStarted("j2", Map.of()).id());
        assertNotEquals(events.jobStarted("j1", Map.of()).id(), events.jobCancelled("j1", Map.of()).id());
    }

    @Test
    void progressIsAPercentage() {
        assertThrows(IllegalArgumentException.class, () -> events.jobProgress("j1", Stage.RENDERING, 101, Map.of()));
    }
}
