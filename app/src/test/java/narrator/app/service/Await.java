package narrator.app.service;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls with a deadline: tests never sleep a guessed time waiting for work. */
public final class Await {
    private Await() {
    }

    /** Polls {@code poll} every 20 ms until {@code done} accepts its value; returns that value. */
    public static <T> T until(String what, Duration deadline, Supplier<T> poll, Predicate<? super T> done) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = null;
        while (System.nanoTime() < end) {
            last = poll.get();
            if (done.test(last)) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return fail("timed out after " + deadline.toSeconds() + " s waiting for " + what + "; last seen: " + last);
    }

    public static void until(String what, Duration deadline, java.util.function.BooleanSupplier condition) {
        until(what, deadline, condition::getAsBoolean, Boolean::booleanValue);
    }
}
