package narrator.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cooperative cancellation shared by a job and the work it runs. Stages poll
 * {@link #throwIfCancelled()} between steps; process runners register a hook that kills their
 * process at once.
 */
public final class CancelSignal {
    private volatile boolean cancelled;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public static CancelSignal none() {
        return new CancelSignal();
    }

    public void cancel() {
        cancelled = true;
        hooks.forEach(Runnable::run);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code hook} on cancel (immediately if already cancelled); returns a handle that removes it. */
    public AutoCloseable onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    public void throwIfCancelled() {
        if (cancelled) {
            throw new narrator.core.NarratorException(narrator.core.ErrorCode.CANCELLED, "The job was cancelled");
        }
    }
}
