package narrator.app.metrics;

import io.micrometer.core.instrument.Counter;
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
