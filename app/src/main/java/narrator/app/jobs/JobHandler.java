package narrator.app.jobs;

/**
 * Does the work of one job. Runs on a scheduler worker thread; must honour
 * {@link JobContext#cancelSignal()} (cancel, timeout and shutdown all fire it). A
 * {@link narrator.core.NarratorException} fails the job with its code and message; any other
 * exception fails it with INTERNAL and a generic message.
 */
@FunctionalInterface
public interface JobHandler {
    JobResult handle(Job job, JobContext context);
}
