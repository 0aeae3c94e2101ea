package narrator.app.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {
    @Test
    void defaults() {
        WebhookSettings settings = WebhookSettings.fromEnvironment(Map.of());
        assertNull(settings.globalUrl());
        assertNull(settings.secret());
        assertEquals(Duration.ofSeconds(5), settings.timeout());
        assertEquals(Duration.ofSeconds(5), settings.progressInterval());
        assertEquals(RetryPolicy.defaults(), settings.retry());
        assertEquals(4, settings.senders());
        assertEquals(List.of(), settings.targets(null));
    }

    @Test
    void readsTheEnvironment() {
        WebhookSettings settings = WebhookSettings.fromEnvironment(Map.of(
                "WEBHOOK_URL", "http://localhost:3000/api/webhooks/python-render", "WEBHOOK_SECRET", "whsec_x",
                "WEBHOOK_TIMEOUT_SECONDS", "3", "WEBHOOK_PROGRESS_INTERVAL_SECONDS", "10",
                "WEBHOOK_RETRY_WINDOW_SECONDS", "1800", "WEBHOOK_SENDERS", "2"));
        assertEquals(Duration.ofSeconds(3), settings.timeout());
        assertEquals(Duration.ofSeconds(10), settings.progressInterval());
        assertEquals(Duration.ofMinutes(30), settings.retry().window());
        assertEquals(2, settings.senders());
        assertEquals(List.of("http://localhost:3000/api/webhooks/python-render", "https://app.example/hook"),
                settings.targets("https://app.example/hook"));
        assertFalse(settings.toString().contains("whsec_x"), settings.toString());
    }

    @Test
    void rejectsBadValuesAtStartUp() {
        assertThrows(IllegalArgumentException.class,
                () -> WebhookSettings.fromEnvironment(Map.of("WEBHOOK_RETRY_WINDOW_SECONDS", "600")));
        assertThrows(IllegalArgumentException.class,
                () -> WebhookSettings.fromEnvironment(Map.of("WEBHOOK_TIMEOUT_SECONDS", "five")));
        assertThrows(IllegalArgumentException.class,
                () -> WebhookSettings.fromEnvironment(Map.of("WEBHOOK_URL", "ftp://example.com/x")));
    }

    @Test
    void webhookEventsAndFormatChooseWhatTheGlobalUrlGets() {
        WebhookEvents events = new WebhookEvents(java.time.Clock.systemUTC());
        WebhookEvent started = events.jobStarted("j1", Map.of());
        WebhookEvent voice = events.voiceoverUploaded("j1", "s3://b/v.wav", null, Map.of("a", 1), Map.of("voice", "https://s"));
        String global = "https://ops.example/hook";
        String own = "https://app.example/hook";

        WebhookSettings all = WebhookSettings.fromEnvironment(Map.of("WEBHOOK_URL", global));
        assertEquals(java.util.Optional.of(started), all.shapeFor(global, started));

        WebhookSettings some = WebhookSettings.fromEnvironment(Map.of("WEBHOOK_URL", global,
                "WEBHOOK_EVENTS", " voiceover_uploaded ,video_completed"));
        assertEquals(java.util.Optional.empty(), some.shapeFor(global, started));
        assertEquals(java.util.Optional.of(started), some.shapeFor(own, started), "a job's own URL gets all");
        assertEquals(java.util.Optional.of(voice), some.shapeFor(global, voice));

        WebhookSettings reference = WebhookSettings.fromEnvironment(Map.of("WEBHOOK_URL", global,
                "WEBHOOK_FORMAT", "Reference"));
        assertEquals(java.util.Optional.empty(), reference.shapeFor(global, started));
        WebhookEvent bare = reference.shapeFor(global, voice).orElseThrow();
        assertEquals(voice.id(), bare.id());
        assertEquals(List.of("event", "job_id", "voice_url", "timestamp"), List.copyOf(bare.payload().keySet()));
        assertEquals(java.util.Optional.of(voice), reference.shapeFor(own, voice));
    }

    @Test
    void refusesUnknownWebhookEventsAndFormats() {
        IllegalArgumentException events = assertThrows(IllegalArgumentException.class,
                () -> WebhookSettings.fromEnvironment(Map.of("WEBHOOK_EVENTS", "video_completed,job_finished")));
        assertEquals("WEBHOOK_EVENTS: unknown event 'job_finished'; expected a comma list of job_started, job_progress, "
                + "voiceover_uploaded, video_completed, job_failed, job_cancelled", events.getMessage());
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> WebhookSettings.fromEnvironment(Map.of("WEBHOOK_FORMAT", "python")));
        assertEquals("WEBHOOK_FORMAT must be narrator or reference, got 'python'", format.getMessage());
    }
}
