package narrator.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobEvents;
import narrator.core.ErrorCode;
import narrator.pipeline.Stage;

/** Counts jobs by how they end and times their stages, from the scheduler's events. */
final class JobMetrics implements JobEvents {
    /** Few buckets (seconds): each is one series per kind and stage on every scrape. */
    private static final Duration[] STAGE_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(15)};

    /** Seconds of work per second of speech: under 1 is faster than real time. */
    private static final double[] RTF_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2};
    /** Output frames per second of wall time; the usual 30 fps output is real time at 30. */
    private static final double[] FPS_BUCKETS = {5, 15, 30, 60, 120, 240};

    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onSubmitted(Job job) {
        count("narrator.jobs.submitted", "Jobs queued", job);
    }

    @Override
    public void onStageDone(Job job, Stage stage, Duration took) {
        Timer.builder("narrator.job.stage.duration").description("Time a job spent in each stage")
                .tag("kind", job.kind().label()).tag("stage", stage.label())
                .serviceLevelObjectives(STAGE_BUCKETS)
                .register(registry).record(took);
    }

    @Override
    public void onSpeechMade(Job job, String engine, double audioSeconds, Duration took) {
        DistributionSummary.builder("narrator.speech.realtime.factor")
                .description("Synthesis time per second of speech, per job (speech-cache hits included)")
                .tag("engine", engine).serviceLevelObjectives(RTF_BUCKETS)
                .register(registry).record(took.toNanos() / 1e9 / audioSeconds);
    }

    @Override
    public void onEncoded(Job job, double fps) {
        DistributionSummary.builder("narrator.encode.fps").description("Output frames encoded per second, per job")
                .serviceLevelObjectives(FPS_BUCKETS).register(registry).record(fps);
    }

    @Override
    public void onCompleted(Job job) {
        count("narrator.jobs.completed", "Jobs completed", job);
    }

    @Override
    public void onFailed(Job job) {
        ErrorCode code = job.errorCode() == null ? ErrorCode.INTERNAL : job.errorCode();
        Counter.builder("narrator.jobs.failed").description("Jobs failed, by error code")
                .tag("kind", job.kind().label()).tag("error_code", code.name())
                .register(registry).increment();
    }

    @Override
    public void onCancelled(Job job) {
        count("narrator.jobs.cancelled", "Jobs cancelled", job);
    }

    private void count(String name, String description, Job job) {
        Counter.builder(name).description(description).tag("kind", job.kind().label()).register(registry).increment();
    }
}
