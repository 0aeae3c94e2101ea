package narrator.app.jobs;

import java.time.Duration;
import narrator.pipeline.Stage;

/**
 * Decides which progress reports are worth a database write: a new stage and the end of a stage
 * always are; otherwise at most one per interval, and only for a visible change. Encoders report
 * many times a second, and on one or two cores the writes would compete with the render.
 */
final class ProgressWriteThrottle {
    static final Duration INTERVAL = Duration.ofMillis(500);
    static final double MIN_STEP_PERCENT = 1.0;

    private Stage lastStage;
    private double lastPercent;
    private long lastNanos;

    synchronized boolean shouldPublish(Stage stage, double percent, long nowNanos) {
        boolean publish = stage != lastStage
                || (percent >= 100 && lastPercent < 100)
                || (nowNanos - lastNanos >= INTERVAL.toNanos() && Math.abs(percent - lastPercent) >= MIN_STEP_PERCENT);
        if (publish) {
            lastStage = stage;
            lastPercent = percent;
            lastNanos = nowNanos;
        }
        return publish;
    }
}
