package narrator.app.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a handler gets besides its job: a private work directory (deleted when the job ends, however
 * it ends), the cancel signal, and a progress listener that stores and announces progress.
 * Progress and timings are best effort: a failed write is logged, never fails the job.
 */
public final class JobContext implements ProgressListener {
    private static final Logger log = LoggerFactory.getLogger(JobContext.class);

    private final Job job;
    private final Path workDir;
    private final CancelSignal cancelSignal;
    private final JobStore store;
    private final GuardedEvents events;
    private final JobProgress progress;
    private final ProgressWriteThrottle throttle = new ProgressWriteThrottle();

    private final LongSupplier ticker;
    /** The stage last reported, how far through it, and whether it ended ({@link #stageDone}). */
    private Stage current;
    private double currentPercent;
    private boolean currentDone;
    /** How long the synthesizing stage took, once it has ended. */
    private Duration synthesizing;

    /** {@code ticker}: the scheduler's time in nanoseconds, which the progress throttle goes by. */
    JobContext(Job job, Path workDir, CancelSignal cancelSignal, JobStore store, GuardedEvents events,
               LongSupplier ticker) {
        this.ticker = ticker;
        this.job = job;
        this.workDir = workDir;
        this.cancelSignal = cancelSignal;
        this.store = store;
        this.events = events;
        this.progress = new JobProgress(job.kind());
    }

    public Job job() {
        return job;
    }

    /** An empty directory for this execution alone. */
    public Path workDir() {
        return workDir;
    }

    /** Fired on cancel, timeout and shutdown. */
    public CancelSignal cancelSignal() {
        return cancelSignal;
    }

    /**
     * {@code fraction} (0 to 1) of {@code stage} done; stored with the whole job's percent
     * ({@link JobProgress}), throttled, and announced with the whole job's percent.
     */
    @Override
    public void progress(Stage stage, double fraction) {
        double percent = Math.max(0, Math.min(100, fraction * 100));
        double overall = progress.advance(stage, percent);
        synchronized (this) {
            currentDone = stage == current && currentDone && percent >= 100;
            current = stage;
            currentPercent = percent;
        }
        if (!throttle.shouldPublish(stage, percent, overall, ticker.getAsLong())) {
            return;
        }
        try {
            store.updateProgress(job.id(), stage, percent, overall);
        } catch (RuntimeException e) {
            log.warn("job {}: could not store progress: {}", job.id(), e.toString());
        }
        events.onProgress(job, stage, overall);
    }

    /**
     * Records what the job has produced so far, before announcing it: an artefact a webhook announced stays in
     * the job's status even if the job is then cancelled or fails. Unlike progress, a failure here fails the job.
     */
    public void recordResult(JobResult partial) {
        store.recordResult(job.id(), partial.resultJson());
    }

    /**
     * Stores the stage the job failed in, unthrottled: the stage in progress, or, when the last one had
     * ended, the next in the job's plan at 0 %, so a failed job never shows a finished stage at 100 %.
     */
    void recordFailureStage() {
        Stage stage;
        double percent;
        synchronized (this) {
            if (current == null) {
                stage = progress.first();
                percent = 0;
            } else if (currentDone) {
                stage = progress.next();
                percent = stage == current ? Math.min(currentPercent, 99) : 0;
            } else {
                stage = current;
                percent = Math.min(currentPercent, 99);
            }
        }
        try {
            store.updateProgress(job.id(), stage, percent, progress.overall());
        } catch (RuntimeException e) {
            log.warn("job {}: could not store the stage it failed in: {}", job.id(), e.toString());
        }
    }

    /** Announces the speech this job made, after its synthesizing stage, for the speech real-time factor. */
    public void speechMade(String engine, double audioSeconds) {
        Duration took;
        synchronized (this) {
            took = synthesizing;
        }
        if (took != null && audioSeconds > 0) {
            events.onSpeechMade(job, engine, audioSeconds, took);
        }
    }

    /** Announces the speed of this job's encode. */
    public void encoded(double fps) {
        if (fps > 0) {
            events.onEncoded(job, fps);
        }
    }

    /** Records how long {@code stage} took: one log line, and the job's timings. */
    @Override
    public void stageDone(Stage stage, Duration duration) {
        synchronized (this) {
            if (stage == current) {
                currentDone = true;
            }
            if (stage == Stage.SYNTHESIZING) {
                synthesizing = duration;
            }
        }
        log.info("job {} stage {} took {} ms", job.id(), stage.label(), duration.toMillis());
        try {
            store.recordTiming(job.id(), stage, duration);
        } catch (RuntimeException e) {
            log.warn("job {}: could not store timing: {}", job.id(), e.toString());
        }
        events.onStageDone(job, stage, duration);
    }
}
