package narrator.app.jobs;

import java.util.List;
import narrator.pipeline.Stage;

/**
 * The one definition of a job's overall progress, used by {@code /jobs/{id}} and {@code job_progress}
 * webhooks alike. A job of each kind goes through a fixed plan of steps, each a stage with a share of
 * 0-100 in proportion to the time it usually takes; the overall percent is the shares of the steps
 * before the current one plus the done part of its own. A stage can come round twice (a video job
 * uploads its voice right after synthesis and the rest at the end): a report goes to the first step
 * of its stage at or after the current one, so the number never goes back.
 *
 * <p>One instance follows one attempt. It stays at or under {@value #RUNNING_MAX} while the job runs;
 * 100 is the completed job.
 */
final class JobProgress {
    /** The most a running job reports. */
    static final double RUNNING_MAX = 99.0;

    private record Step(Stage stage, double share) {
    }

    private static final List<Step> VIDEO = List.of(new Step(Stage.DOWNLOADING, 5), new Step(Stage.SYNTHESIZING, 28),
            new Step(Stage.UPLOADING, 2), new Step(Stage.SUBTITLES, 2), new Step(Stage.RENDERING, 55),
            new Step(Stage.THUMBNAIL, 3), new Step(Stage.UPLOADING, 5));
    private static final List<Step> VOICEOVER = List.of(new Step(Stage.SYNTHESIZING, 90), new Step(Stage.UPLOADING, 10));
    private static final List<Step> CAPTIONS = List.of(new Step(Stage.DOWNLOADING, 10), new Step(Stage.SUBTITLES, 1),
            new Step(Stage.RENDERING, 80), new Step(Stage.UPLOADING, 9));

    private final List<Step> plan;
    private int step;
    private double overall;

    JobProgress(JobKind kind) {
        this.plan = switch (kind) {
            case VOICEOVER -> VOICEOVER;
            case CAPTIONS -> CAPTIONS;
            case RENDER, RENDER_VIDEO -> VIDEO;
        };
    }

    /**
     * The stage after the current step of the plan, or the current one when it is the last: where a
     * job is when it fails after its current stage ended but before the next one reported.
     */
    synchronized Stage next() {
        return plan.get(Math.min(step + 1, plan.size() - 1)).stage();
    }

    /** The stage the plan starts with. */
    Stage first() {
        return plan.get(0).stage();
    }

    /** The attempt's overall percent so far. */
    synchronized double overall() {
        return overall;
    }

    /**
     * Records that {@code stagePercent} (0-100) of {@code stage} is done and returns the attempt's
     * overall percent. A stage the plan does not expect from here on leaves it unchanged.
     */
    synchronized double advance(Stage stage, double stagePercent) {
        for (int i = step; i < plan.size(); i++) {
            if (plan.get(i).stage() == stage) {
                step = i;
                double done = plan.subList(0, i).stream().mapToDouble(Step::share).sum();
                double now = done + plan.get(i).share() * Math.max(0, Math.min(100, stagePercent)) / 100;
                overall = Math.max(overall, Math.min(RUNNING_MAX, now));
                break;
            }
        }
        return overall;
    }
}
