package narrator.app.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import narrator.app.webhooks.RetryPolicy.Jitter;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetryPolicy PLAIN = new RetryPolicy(Duration.ofSeconds(5), 2.0, Duration.ofMinutes(10),
            Jitter.NONE, Duration.ofHours(1));

    @Test
    void doublesFromFiveSecondsUpToTenMinutes() {
        List<Long> seconds = IntStream.rangeClosed(1, 10)
                .mapToObj(n -> PLAIN.nextDelay(n, Duration.ZERO, 0.5).orElseThrow().toSeconds())
                .toList();
        assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 160L, 320L, 600L, 600L, 600L), seconds);
    }

    @Test
    void jitterSpreadsWithinItsRange() {
        RetryPolicy full = new RetryPolicy(Duration.ofSeconds(5), 2.0, Duration.ofMinutes(10), Jitter.FULL, Duration.ofHours(1));
        RetryPolicy equal = RetryPolicy.defaults();
        assertEquals(Optional.of(Duration.ZERO), full.nextDelay(2, Duration.ZERO, 0.0));
        assertEquals(Optional.of(Duration.ofMillis(7500)), full.nextDelay(2, Duration.ZERO, 0.75));
        assertEquals(Optional.of(Duration.ofSeconds(5)), equal.nextDelay(2, Duration.ZERO, 0.0));
        assertEquals(Optional.of(Duration.ofMillis(9999)), equal.nextDelay(2, Duration.ZERO, 0.9999));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldFallOutsideTheWindow() {
        assertEquals(Optional.of(Duration.ofMinutes(10)), PLAIN.nextDelay(9, Duration.ofMinutes(50), 0));
        assertEquals(Optional.empty(), PLAIN.nextDelay(9, Duration.ofMinutes(50).plusMillis(1), 0));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ZERO, 2.0, Duration.ofMinutes(10), Jitter.NONE, Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(5), 0.5, Duration.ofMinutes(10), Jitter.NONE, Duration.ofHours(1)));
    }
}
