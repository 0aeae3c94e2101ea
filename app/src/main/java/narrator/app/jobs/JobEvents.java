package narrator.app.jobs;

import java.time.Duration;
import java.util.List;
import narrator.pipeline.Stage;

/**
 * What happens to jobs, for listeners such as the webhook outbox. Called on scheduler threads: a
 * listener must return quickly (record the event, deliver it elsewhere). An exception it throws is
 * logged and otherwise ignored.
 */
public interface JobEvents {
    JobEvents NONE = new JobEvents() { };

    /** A new job was queued on this node (an idempotent replay is not new). */
    default void onSubmitted(Job job) {
    }

    default void onStarted(Job job) {
    }

    /** {@code stage} of {@code job} ended after {@code took}, as stored in the job's timings. */
    default void onStageDone(Job job, Stage stage, Duration took) {
    }

    /**
     * Throttled like the stored progress; {@code job} is the row as claimed, {@code overallPercent} the
     * whole job's progress ({@link JobProgress}), never lower than the one before within an attempt.
     */
    default void onProgress(Job job, Stage stage, double overallPercent) {
    }

    /**
     * {@code job} made {@code audioSeconds} of speech with {@code engine} in {@code took} (its synthesizing
     * stage, sentences from the speech cache included).
     */
    default void onSpeechMade(Job job, String engine, double audioSeconds, Duration took) {
    }

    /** {@code job}'s video was encoded at {@code fps} output frames per second of wall time. */
    default void onEncoded(Job job, double fps) {
    }

    default void onCompleted(Job job) {
    }

    default void onFailed(Job job) {
    }

    default void onCancelled(Job job) {
    }

    /** Tells every one of {@code listeners}, in order, of each event. */
    static JobEvents all(List<JobEvents> listeners) {
        return new JobEvents() {
            @Override
            public void onSubmitted(Job job) {
                listeners.forEach(l -> l.onSubmitted(job));
            }

            @Override
            public void onStarted(Job job) {
                listeners.forEach(l -> l.onStarted(job));
            }

            @Override
            public void onStageDone(Job job, Stage stage, Duration took) {
                listeners.forEach(l -> l.onStageDone(job, stage, took));
            }

            @Override
            public void onProgress(Job job, Stage stage, double overallPercent) {
                listeners.forEach(l -> l.onProgress(job, stage, overallPercent));
            }

            @Override
            public void onSpeechMade(Job job, String engine, double audioSeconds, Duration took) {
                listeners.forEach(l -> l.onSpeechMade(job, engine, audioSeconds, took));
            }

            @Override
            public void onEncoded(Job job, double fps) {
                listeners.forEach(l -> l.onEncoded(job, fps));
            }

            @Override
            public void onCompleted(Job job) {
                listeners.forEach(l -> l.onCompleted(job));
            }

            @Override
            public void onFailed(Job job) {
                listeners.forEach(l -> l.onFailed(job));
            }

            @Override
            public void onCancelled(Job job) {
                listeners.forEach(l -> l.onCancelled(job));
            }
        };
    }
}
