package narrator.app.jobs;

import java.time.Duration;
import narrator.pipeline.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a failing listener from failing the job it was told about. */
final class GuardedEvents implements JobEvents {
    private static final Logger log = LoggerFactory.getLogger(GuardedEvents.class);

    private final JobEvents delegate;

    GuardedEvents(JobEvents delegate) {
        this.delegate = delegate;
    }

    /** Tells the listener how {@code job} ended (or nothing, if it has not ended). */
    void onEnded(Job job) {
        switch (job.status()) {
            case COMPLETED -> onCompleted(job);
            case FAILED -> onFailed(job);
            case CANCELLED -> onCancelled(job);
            default -> { }
        }
    }

    @Override
    public void onSubmitted(Job job) {
        guard("onSubmitted", job, () -> delegate.onSubmitted(job));
    }

    @Override
    public void onStageDone(Job job, Stage stage, Duration took) {
        guard("onStageDone", job, () -> delegate.onStageDone(job, stage, took));
    }

    @Override
    public void onSpeechMade(Job job, String engine, double audioSeconds, Duration took) {
        guard("onSpeechMade", job, () -> delegate.onSpeechMade(job, engine, audioSeconds, took));
    }

    @Override
    public void onEncoded(Job job, double fps) {
        guard("onEncoded", job, () -> delegate.onEncoded(job, fps));
    }

    @Override
    public void onStarted(Job job) {
        guard("onStarted", job, () -> delegate.onStarted(job));
    }

    @Override
    public void onProgress(Job job, Stage stage, double percent) {
        guard("onProgress", job, () -> delegate.onProgress(job, stage, percent));
    }

    @Override
    public void onCompleted(Job job) {
        guard("onCompleted", job, () -> delegate.onCompleted(job));
    }

    @Override
    public void onFailed(Job job) {
        guard("onFailed", job, () -> delegate.onFailed(job));
    }

    @Override
    public void onCancelled(Job job) {
        guard("onCancelled", job, () -> delegate.onCancelled(job));
    }

    private static void guard(String event, Job job, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("job {}: {} listener failed", job.id(), event, e);
        }
    }
}
