package narrator.app.webhooks;

import java.time.Duration;

/** Told how each delivery attempt ended, for metrics. Called on sender threads: must return quickly. */
public interface DeliveryOutcomes {
    DeliveryOutcomes NONE = (outcome, lag) -> { };

    /** How one attempt ended. */
    enum Outcome {
        DELIVERED, RETRY, FAILED
    }

    /** {@code lag}: from the event's creation to the end of this attempt. */
    void attempted(Outcome outcome, Duration lag);
}
