package narrator.app.jobs;

import java.time.Instant;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.pipeline.Stage;

/**
 * One row of the job queue. Nullable: {@code metadataJson}, {@code webhookUrl},
 * {@code idempotencyKey}, {@code stage}, {@code resultJson}, {@code errorCode}, {@code errorMessage},
 * {@code pickedBy}, {@code lastHeartbeat}, {@code startedAt}, {@code finishedAt}.
 *
 * @param progress percent (0-100) of the current {@code stage}
 * @param overallProgress percent (0-100) of the whole job, as {@link JobProgress} defines it
 * @param attempts how many times the job has been claimed, the current execution included
 * @param timingsMillis how long each finished stage took, by stage label
 */
public record Job(
        String id,
        JobKind kind,
        JobStatus status,
        String requestJson,
        String metadataJson,
        String webhookUrl,
        String idempotencyKey,
        Stage stage,
        double progress,
        double overallProgress,
        String resultJson,
        ErrorCode errorCode,
        String errorMessage,
        int attempts,
        int maxAttempts,
        boolean cancelRequested,
        String pickedBy,
        Instant lastHeartbeat,
        long version,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Map<String, Long> timingsMillis) {
    public Job {
        timingsMillis = Map.copyOf(timingsMillis);
    }
}
