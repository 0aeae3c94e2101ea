package narrator.app.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes finished jobs (completed, failed, cancelled) whose end lies more than {@code retention}
 * ago, with their outputs, their delivered or given-up webhook rows and their run history. Each round takes at most
 * {@code batch} jobs and runs short statements, so the API is never held up for long.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration retention;
    private final int batch;
    private final Consumer<String> removeOutputs;

    /**
     * {@code removeOutputs} deletes a job's stored outputs (or nothing, when they are kept); when it
     * throws, the job stays for a later round, so no output is left without its row.
     */
    public Retention(DataSource dataSource, Clock clock, Duration retention, int batch,
                     Consumer<String> removeOutputs) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.clock = Objects.requireNonNull(clock);
        this.retention = Objects.requireNonNull(retention);
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        this.batch = batch;
        this.removeOutputs = Objects.requireNonNull(removeOutputs);
    }

    /** One round: removes up to {@code batch} expired jobs; returns how many were removed. */
    public int sweepOnce() {
        long cutoff = clock.millis() - retention.toMillis();
        List<String> ids = new ArrayList<>();
        int removed = 0;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id FROM jobs WHERE status IN ('completed', 'failed', 'cancelled')
                    AND finished_at IS NOT NULL AND finished_at < ? ORDER BY finished_at LIMIT ?""")) {
                select.setLong(1, cutoff);
                select.setInt(2, batch);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            for (String id : ids) {
                try {
                    removeOutputs.accept(id);
                } catch (RuntimeException e) {
                    LOG.warn("retention: job {} kept for a later round, its outputs could not be deleted: {}",
                            id, e.getMessage());
                    continue;
                }
                try (PreparedStatement hooks = connection.prepareStatement(
                        "DELETE FROM webhook_deliveries WHERE job_id = ? AND status IN ('delivered', 'failed')")) {
                    hooks.setString(1, id);
                    hooks.executeUpdate();
                }
                try (PreparedStatement job = connection.prepareStatement("""
                        DELETE FROM jobs WHERE id = ? AND status IN ('completed', 'failed', 'cancelled')
                        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries WHERE job_id = ? AND status = 'pending')""")) {
                    job.setString(1, id);
                    job.setString(2, id);
                    if (job.executeUpdate() == 0) {
                        continue;
                    }
                    removed++;
                }
                for (String history : List.of("DELETE FROM job_runs WHERE job_id = ?",
                        "DELETE FROM segment_runs WHERE job_id = ?")) {
                    try (PreparedStatement runs = connection.prepareStatement(history)) {
                        runs.setString(1, id);
                        runs.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("retention sweep failed", e);
        }
        return removed;
    }
}
