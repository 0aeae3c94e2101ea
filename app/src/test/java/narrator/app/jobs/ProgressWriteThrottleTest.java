package narrator.app.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import narrator.pipeline.Stage;
import org.junit.jupiter.api.Test;

class ProgressWriteThrottleTest {
    private static final long MS = 1_000_000;

    @Test
    void publishesNewStagesAndStageEndsAtOnceOtherwiseVisibleStepsAtMostEveryInterval() {
        ProgressWriteThrottle throttle = new ProgressWriteThrottle();

        assertTrue(throttle.shouldPublish(Stage.SYNTHESIZING, 0, 0, 0), "first report");
        assertFalse(throttle.shouldPublish(Stage.SYNTHESIZING, 30, 30, 100 * MS), "too soon");
        assertTrue(throttle.shouldPublish(Stage.SYNTHESIZING, 30, 30, 500 * MS), "interval passed, visible change");
        assertFalse(throttle.shouldPublish(Stage.SYNTHESIZING, 30.5, 30.5, 2000 * MS), "change below one percent");
        assertTrue(throttle.shouldPublish(Stage.SYNTHESIZING, 100, 100, 2001 * MS), "end of stage");
        assertTrue(throttle.shouldPublish(Stage.RENDERING, 0, 0, 2002 * MS), "new stage");
        assertFalse(throttle.shouldPublish(Stage.RENDERING, 50, 50, 2100 * MS), "too soon");
    }

    @Test
    void theEndOfAStageIsPublishedThoughTheWholeJobHardlyMoved() {
        ProgressWriteThrottle throttle = new ProgressWriteThrottle();

        assertTrue(throttle.shouldPublish(Stage.RENDERING, 99.5, 91.7, 0));
        assertTrue(throttle.shouldPublish(Stage.RENDERING, 100, 92, MS), "stage end, overall up by 0.3");
        assertFalse(throttle.shouldPublish(Stage.RENDERING, 100, 92, 2 * MS), "already published");
    }
}
