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
    private double lastStagePercent;
    private double lastOverall;
    private long lastNanos;

    /**
     * @param stagePercent   how far through {@code stage} (its end, 100, is always published)
     * @param overallPercent the whole job's percent (a visible change of it is what the interval admits)
     */
    synchronized boolean shouldPublish(Stage stage, double stagePercent, double overallPercent, long nowNanos) {
        boolean publish = stage != lastStage
                || (stagePercent >= 100 && lastStagePercent < 100)
                || (nowNanos - lastNanos >= INTERVAL.toNanos()
                        && Math.abs(overallPercent - lastOverall) >= MIN_STEP_PERCENT);
        if (publish) {
            lastStage = stage;
            lastStagePercent = stagePercent;
            lastOverall = overallPercent;
            lastNanos = nowNanos;
        }
        return publish;
    }
}
