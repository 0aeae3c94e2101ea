package narrator.bench.cluster;

/**
 * One job as the database recorded it: times in epoch milliseconds (0 where not set), and the node whose run
 * finished it (empty when none did).
 */
public record JobRecord(String id, String status, long createdAt, long startedAt, long finishedAt, String node) {
    /** Submit to the claim that started it. */
    long waitMillis() {
        return startedAt - createdAt;
    }

    /** The claim to the job's end: the work itself. */
    long runMillis() {
        return finishedAt - startedAt;
    }
}
