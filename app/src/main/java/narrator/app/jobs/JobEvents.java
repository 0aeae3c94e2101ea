package narrator.app.jobs;

import narrator.pipeline.Stage;

/**
 * What happens to jobs, for listeners such as the webhook outbox. Called on scheduler threads: a
 * listener must return quickly (record the event, deliver it elsewhere). An exception it throws is
 * logged and otherwise ignored.
 */
public interface JobEvents {
    JobEvents NONE = new JobEvents() { };

    default void onStarted(Job job) {
    }

    /**
     * Throttled like the stored progress; {@code job} is the row as claimed, {@code overallPercent} the
     * whole job's progress ({@link JobProgress}), never lower than the one before within an attempt.
     */
    default void onProgress(Job job, Stage stage, double overallPercent) {
    }

    default void onCompleted(Job job) {
    }

    default void onFailed(Job job) {
    }

    default void onCancelled(Job job) {
    }
}
