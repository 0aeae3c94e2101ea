package narrator.app.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Future;
import narrator.pipeline.CancelSignal;

/** One claimed job running in this process, and why it may have been told to stop. */
final class Execution {
    final Job job;
    final String workerId;
    final Path workDir;
    final CancelSignal signal = new CancelSignal();
    volatile boolean timedOut;
    volatile boolean shuttingDown;
    volatile long lastHeartbeatNanos = System.nanoTime();
    volatile Future<?> timeout;
    private final long startNanos = System.nanoTime();

    Execution(Job job, String workerId, Path workDir) {
        this.job = job;
        this.workerId = workerId;
        this.workDir = workDir;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
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
