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
}
