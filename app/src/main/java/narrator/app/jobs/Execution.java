package narrator.app.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import narrator.pipeline.CancelSignal;

/** One claimed job running in this process, and why it may have been told to stop. */
final class Execution {
    final Job job;
    final String workerId;
    /** This execution's row in {@code job_runs}. */
    final String runId;
    final Path workDir;
    final CancelSignal signal = new CancelSignal();
    volatile boolean timedOut;
    volatile boolean shuttingDown;
    volatile long lastHeartbeatNanos;
    private final LongSupplier ticker;
    private final long startNanos;

    /** {@code ticker} reads the scheduler's clock in nanoseconds. */
    Execution(Job job, String workerId, String runId, Path workDir, LongSupplier ticker) {
        this.job = job;
        this.workerId = workerId;
        this.runId = runId;
        this.workDir = workDir;
        this.ticker = ticker;
        this.startNanos = ticker.getAsLong();
        this.lastHeartbeatNanos = startNanos;
    }

    long startNanos() {
        return startNanos;
    }

    Duration elapsed() {
        return Duration.ofNanos(ticker.getAsLong() - startNanos);
    }

    void timeOut() {
        timedOut = true;
        signal.cancel();
    }

    void shutDown() {
        shuttingDown = true;
        signal.cancel();
    }
}
