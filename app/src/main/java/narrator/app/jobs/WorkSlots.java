package narrator.app.jobs;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The node's {@code MAX_CONCURRENT_JOBS} slots of work, shared by the job workers and the synchronous speech
 * endpoint, so speech requests cannot add load beyond the limit. Handed out first come, first served: a
 * worker waiting for a slot gets the next one freed before any speech request that asks after it, so a burst
 * of speech cannot starve queued renders.
 */
public final class WorkSlots {
    private final Semaphore slots;

    public WorkSlots(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one slot, got " + count);
        }
        this.slots = new Semaphore(count, true);
    }

    /** Takes a slot if one frees within {@code wait}; false otherwise. Give it back with {@link #give()}. */
    public boolean take(Duration wait) throws InterruptedException {
        return slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void give() {
        slots.release();
    }

    /** Threads waiting for a slot now. */
    int waiting() {
        return slots.getQueueLength();
    }

    /** Slots free now. */
    public int free() {
        return slots.availablePermits();
    }
}
