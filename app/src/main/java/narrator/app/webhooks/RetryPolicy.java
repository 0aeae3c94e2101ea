package narrator.app.webhooks;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a failed delivery again: exponential backoff from {@code initialDelay}, times
 * {@code factor} per failed attempt, capped at {@code maxDelay}, spread by {@code jitter} so that
 * deliveries failing together (a receiver that was down) do not all come back at the same instant.
 * After {@code window} has passed since the event was created the delivery gives up.
 */
public record RetryPolicy(Duration initialDelay, double factor, Duration maxDelay, Jitter jitter, Duration window) {
    public enum Jitter {
        /** Exactly the computed delay (tests, predictable schedules). */
        NONE,
        /** Anywhere from 0 to the computed delay: the widest spread. */
        FULL,
        /** Half the computed delay plus up to another half: spread, but never sooner than half. */
        EQUAL
    }

    /** 5 s, 10 s, 20 s ... capped at 10 min, equal jitter, keep trying for one hour. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(5), 2.0, Duration.ofMinutes(10), Jitter.EQUAL, Duration.ofHours(1));
    }

    public RetryPolicy {
        Objects.requireNonNull(jitter);
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0
                || factor < 1.0 || window.isNegative()) {
            throw new IllegalArgumentException("invalid retry policy " + initialDelay + " x" + factor + " max " + maxDelay
                    + " window " + window);
        }
    }

    public RetryPolicy withWindow(Duration newWindow) {
        return new RetryPolicy(initialDelay, factor, maxDelay, jitter, newWindow);
    }

    /**
     * The wait before the next attempt, or empty when the delivery should give up.
     *
     * @param failedAttempts how many attempts have failed so far, counting the one that just did (1 or more)
     * @param sinceCreated   time from the event's creation until now
     * @param random         a uniform number in [0, 1) for the jitter
     */
    public Optional<Duration> nextDelay(int failedAttempts, Duration sinceCreated, double random) {
        double exponential = initialDelay.toMillis() * Math.pow(factor, Math.max(0, failedAttempts - 1));
        long capped = (long) Math.min(exponential, maxDelay.toMillis());
        long delay = switch (jitter) {
            case NONE -> capped;
            case FULL -> (long) (capped * random);
            case EQUAL -> capped / 2 + (long) (capped / 2.0 * random);
        };
        Duration wait = Duration.ofMillis(delay);
        return sinceCreated.plus(wait).compareTo(window) > 0 ? Optional.empty() : Optional.of(wait);
    }
}
