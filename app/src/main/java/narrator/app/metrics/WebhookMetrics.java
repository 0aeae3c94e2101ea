package narrator.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import narrator.app.webhooks.DeliveryOutcomes;

/** Webhook delivery attempts by outcome, and how long delivered events took to arrive. */
final class WebhookMetrics implements DeliveryOutcomes {
    private static final Duration[] LAG_BUCKETS = {Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1)};

    private final MeterRegistry registry;
    private final Timer lag;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lag = Timer.builder("narrator.webhook.delivery.lag")
                .description("From an event's creation to its successful delivery")
                .serviceLevelObjectives(LAG_BUCKETS).register(registry);
    }

    @Override
    public void attempted(Outcome outcome, Duration lag) {
        Counter.builder("narrator.webhook.attempts").description("Webhook delivery attempts, by outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry).increment();
        if (outcome == Outcome.DELIVERED) {
            this.lag.record(lag);
        }
    }
}
