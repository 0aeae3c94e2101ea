package narrator.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The slots job workers and speech requests share: first come, first served. */
class WorkSlotsTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void aWaitingWorkerGetsTheFreedSlotBeforeASpeechRequestThatAskedLater() throws Exception {
        WorkSlots slots = new WorkSlots(1);
        assertTrue(slots.take(Duration.ZERO), "a speech request holds the only slot");
        CompletableFuture<Boolean> worker = CompletableFuture.supplyAsync(() -> take(slots, LONG));
        Eventually.await("the worker waits", () -> slots.waiting() == 1);
        CompletableFuture<Boolean> laterSpeech = CompletableFuture.supplyAsync(() -> take(slots, Duration.ofMillis(500)));
        Eventually.await("the second speech request waits", () -> slots.waiting() == 2);

        slots.give();

        assertTrue(worker.get(30, TimeUnit.SECONDS), "the worker got the slot");
        assertFalse(laterSpeech.get(30, TimeUnit.SECONDS), "the later request gave up: the worker holds the slot");
        assertEquals(0, slots.free());
    }

    @Test
    void slotsAreGivenBack() throws InterruptedException {
        WorkSlots slots = new WorkSlots(2);
        assertTrue(slots.take(Duration.ZERO));
        assertTrue(slots.take(Duration.ZERO));
        assertFalse(slots.take(Duration.ZERO));
        slots.give();
        assertTrue(slots.take(Duration.ZERO));
    }

    private static boolean take(WorkSlots slots, Duration wait) {
        try {
            return slots.take(wait);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
