package narrator.app.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * The {@code job_runs} table: when and where each execution of a job ran. Written beside the queue, not
 * read by it; a run's end is written by the node that ran it, or by the node that found it stale.
 */
final class JobRuns {
    private final DataSource dataSource;
    private final Clock clock;

    JobRuns(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Records that {@code workerId} on {@code nodeId} claimed {@code job}; returns the run's id. */
    String started(Job job, String nodeId, String workerId) {
        String id = UUID.randomUUID().toString();
        update("INSERT INTO job_runs (id, job_id, attempt, node_id, worker_id, started_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, job.id(), job.attempts(), nodeId, workerId, job.startedAt() == null ? clock.millis()
                        : job.startedAt().toEpochMilli());
        return id;
    }

    /**
     * Records how a run stopped. Written even over an end a stale-heartbeat recovery wrote first: the
     * history must show when the execution really stopped.
     */
    void ended(String runId, String outcome) {
        update("UPDATE job_runs SET ended_at = ?, outcome = ? WHERE id = ?", clock.millis(), outcome, runId);
    }

    /** Closes the open runs of a job another node recovered from a stale heartbeat. */
    void abandoned(String jobId) {
        update("UPDATE job_runs SET ended_at = ?, outcome = 'abandoned' WHERE job_id = ? AND ended_at IS NULL",
                clock.millis(), jobId);
    }

    private void update(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "The job database failed", e);
        }
    }
}
