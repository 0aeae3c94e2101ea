package narrator.app.jobs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wakes idle workers when there may be work. Rings are counted, so a ring between a worker's
 * empty claim and its wait is not lost: the worker notes the count before claiming and waits only
 * while it is unchanged.
 */
public final class Doorbell {
    private long rings;

    public synchronized long rings() {
        return rings;
    }

    public synchronized void ring() {
        rings++;
        notifyAll();
    }

    /** Waits until the count moves past {@code seen}, or {@code max} passes. */
    public synchronized void await(long seen, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (rings == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
