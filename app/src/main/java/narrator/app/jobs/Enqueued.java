package narrator.app.jobs;

/** The outcome of an enqueue: the job, and whether it is new or the one already holding the idempotency key. */
public record Enqueued(Job job, boolean created) {
}
