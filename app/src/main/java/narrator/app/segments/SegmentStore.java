package narrator.app.segments;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;
import narrator.app.db.Database;
import narrator.app.db.Sql;
import narrator.core.ErrorCode;

/**
 * The manifest of segmented renders ({@code render_segments}) and the history of their draws
 * ({@code segment_runs}), in plain JDBC, in the job queue's style: a segment is claimed by one UPDATE of a queued
 * row (its row locked, others' locks skipped, on PostgreSQL), every change of status is guarded by the status it
 * starts from and by the worker that owns it, and a stale heartbeat marks a dead worker. On PostgreSQL a segment
 * queued, done or failed is announced on {@link #CHANNEL}, so idle workers and the job's node wake at once.
 */
public final class SegmentStore {
    /** The LISTEN/NOTIFY channel on which segment changes are announced. */
    public static final String CHANNEL = "narrator_segments";

    private final DataSource dataSource;
    private final Sql db;
    private final Clock clock;
    private final Optional<String> notify;
    private final String claimOfJob;
    private final String claimAny;
    private final String claimAt;

    public SegmentStore(Database database, Clock clock) {
        this.dataSource = database.dataSource();
        this.db = new Sql(dataSource, "The segment manifest's database failed");
        this.clock = Objects.requireNonNull(clock);
        this.notify = database.dialect().notifyStatement();
        String claim = """
                UPDATE render_segments SET status = 'rendering', attempts = attempts + 1, node_id = ?, picked_by = ?,
                                           last_heartbeat = ?, started_at = ?, ended_at = NULL, version = version + 1
                WHERE (job_id, idx) = (SELECT job_id, idx FROM render_segments WHERE status = 'queued' AND %s
                                       ORDER BY job_id, idx LIMIT 1%s)
                  AND status = 'queued'
                RETURNING *""";
        String skipLocked = database.dialect().lockSkippingLocked();
        this.claimOfJob = claim.formatted("job_id = ?", skipLocked);
        // The segment right after a span's last one, when it is queued and no other claim holds it.
        this.claimAt = claim.formatted("job_id = ? AND idx = ?", skipLocked);
        // Another node draws only what it can (spec_json) of a job still wanted: running, or requeued after its node
        // died (its manifest waits for the next execution).
        this.claimAny = claim.formatted("""
                spec_json IS NOT NULL AND EXISTS (SELECT 1 FROM jobs j WHERE j.id = render_segments.job_id
                                                  AND j.status IN ('processing', 'queued') AND j.cancel_requested = 0)""",
                skipLocked);
    }

    /** The job's rows, by index. */
    public List<SegmentRow> rows(String jobId) {
        return query("SELECT * FROM render_segments WHERE job_id = ? ORDER BY idx", jobId);
    }

    /** How many segments the job has and how many are done; empty when it has none (not segmented, or ended). */
    public Optional<Summary> summary(String jobId) {
        List<SegmentRow> rows = rows(jobId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Summary(rows.size(),
                (int) rows.stream().filter(r -> r.status() == SegmentRow.Status.DONE).count(),
                rows.stream().filter(r -> r.status() == SegmentRow.Status.DONE).mapToLong(SegmentRow::frames).sum(),
                rows.stream().mapToLong(SegmentRow::frames).sum(), rows));
    }

    /** A job's manifest at a glance. */
    public record Summary(int total, int done, long framesDone, long framesTotal, List<SegmentRow> rows) {
    }

    /**
     * Brings the job's manifest to {@code planned} ({@link Reconcile}): finished segments still stored are kept,
     * the rest queued. Returns the stored files no row names any more, for the caller to delete.
     */
    List<String> record(String jobId, List<Reconcile.Planned> planned, Predicate<String> stored, Duration staleAfter,
                        String deadPrefix, String thisProcess) {
        Map<Integer, SegmentRow> existing = new LinkedHashMap<>();
        rows(jobId).forEach(row -> existing.put(row.index(), row));
        List<Reconcile.Action> actions = Reconcile.actions(planned, existing, stored,
                clock.instant().minus(staleAfter), deadPrefix, thisProcess);
        return transaction(connection -> {
            List<String> orphans = new ArrayList<>();
            for (Reconcile.Action action : actions) {
                Reconcile.Planned plan = action.index() < planned.size() ? planned.get(action.index()) : null;
                if (action instanceof Reconcile.Keep keep) {
                    Sql.update(connection, "UPDATE render_segments SET spec_json = ? WHERE job_id = ? AND idx = ?",
                            plan.specJson(), jobId, keep.index());
                } else if (action instanceof Reconcile.Requeue requeue) {
                    if (Sql.update(connection, """
                            UPDATE render_segments SET status = 'queued', spec_json = ?, picked_by = NULL,
                                                       attempts = attempts - ?, last_heartbeat = NULL,
                                                       version = version + 1
                            WHERE job_id = ? AND idx = ? AND version = ?""",
                            plan.specJson(), requeue.attemptReturned() ? 1 : 0, jobId, requeue.index(),
                            requeue.version()) == 1) {
                        endRuns(connection, jobId, requeue.index(), "abandoned");
                    }
                } else if (action instanceof Reconcile.Fresh fresh) {
                    Sql.update(connection, "DELETE FROM render_segments WHERE job_id = ? AND idx = ?", jobId,
                            fresh.index());
                    Sql.update(connection, """
                            INSERT INTO render_segments (job_id, idx, start_frame, end_frame, fingerprint,
                                                         spec_json, status)
                            VALUES (?, ?, ?, ?, ?, ?, 'queued')""",
                            jobId, plan.index(), plan.startFrame(), plan.endFrame(), plan.fingerprint(),
                            plan.specJson());
                    endRuns(connection, jobId, fresh.index(), "abandoned");
                    if (fresh.oldFile() != null) {
                        orphans.add(fresh.oldFile());
                    }
                } else if (action instanceof Reconcile.Drop drop) {
                    Sql.update(connection, "DELETE FROM render_segments WHERE job_id = ? AND idx = ?", jobId,
                            drop.index());
                    if (drop.oldFile() != null) {
                        orphans.add(drop.oldFile());
                    }
                }
            }
            announce(connection);
            return orphans;
        });
    }

    /**
     * Takes, for {@code workerId} of {@code nodeId}, the job's first queued segment and the queued segments right
     * after it, up to {@code max} in all: a span of consecutive segments one FFmpeg draws. It ends before the first
     * segment that is not queued (done, drawn by another worker, or held by another claim). Empty when none is
     * queued.
     */
    List<SegmentRow> claim(String jobId, String nodeId, String workerId, int max) {
        return claimSpan(max, nodeId, workerId, claimOfJob, jobId);
    }

    /** Takes a queued segment any node may draw, of any job still wanted; empty when there is none. */
    Optional<SegmentRow> claimAny(String nodeId, String workerId) {
        return claimSpan(1, nodeId, workerId, claimAny).stream().findFirst();
    }

    /**
     * Claims the segment {@code first} finds, then each next one while it is queued, in one transaction, so that
     * the span is one worker's at once; each claimed row gets its segment_runs row.
     */
    private List<SegmentRow> claimSpan(int max, String nodeId, String workerId, String first, Object... of) {
        long now = clock.millis();
        return transaction(connection -> {
            List<SegmentRow> span = new ArrayList<>();
            Optional<SegmentRow> next = claimOne(connection, first, nodeId, workerId, now, of);
            while (next.isPresent()) {
                SegmentRow row = next.get();
                span.add(row);
                Sql.update(connection, """
                        INSERT INTO segment_runs (job_id, idx, attempt, node_id, worker_id, started_at)
                        VALUES (?, ?, ?, ?, ?, ?)""", row.jobId(), row.index(), row.attempts(), nodeId, workerId, now);
                next = span.size() < max
                        ? claimOne(connection, claimAt, nodeId, workerId, now, row.jobId(), row.index() + 1)
                        : Optional.empty();
            }
            return span;
        });
    }

    private static Optional<SegmentRow> claimOne(Connection connection, String claim, String nodeId, String workerId,
                                                 long now, Object... of) throws SQLException {
        Object[] params = Stream.concat(Stream.of(nodeId, workerId, now, now), Arrays.stream(of)).toArray();
        return Sql.rows(connection, claim, SegmentStore::toRow, params).stream().findFirst();
    }

    /**
     * Records that {@code workerId} still draws the segment. False when it should stop: the segment is not its
     * own any more (requeued, or the job ended and its rows are gone), or its job is no longer wanted (cancel
     * requested, or ended). A job requeued after its node died still wants its segments.
     */
    boolean heartbeat(String jobId, int index, String workerId) {
        db.update("""
                UPDATE render_segments SET last_heartbeat = ?
                WHERE job_id = ? AND idx = ? AND picked_by = ? AND status = 'rendering'""",
                clock.millis(), jobId, index, workerId);
        return !db.rows("""
                SELECT 1 FROM render_segments s JOIN jobs j ON j.id = s.job_id
                WHERE s.job_id = ? AND s.idx = ? AND s.picked_by = ? AND s.status = 'rendering'
                  AND j.status IN ('processing', 'queued') AND j.cancel_requested = 0""", rs -> 1, jobId, index, workerId)
                .isEmpty();
    }

    /** Marks the segment drawn by {@code workerId} done, its file under {@code fileKey}; false when it is not that worker's. */
    boolean done(String jobId, int index, String workerId, String fileKey) {
        boolean done = db.update("""
                UPDATE render_segments SET status = 'done', file_key = ?, ended_at = ?, error_code = NULL,
                                           error_message = NULL, version = version + 1
                WHERE job_id = ? AND idx = ? AND picked_by = ? AND status = 'rendering'""",
                fileKey, clock.millis(), jobId, index, workerId) == 1;
        endRun(jobId, index, workerId, done ? "done" : "lost");
        announce();
        return done;
    }

    /**
     * Records that {@code workerId} failed to draw the segment: back to the queue, or {@code failed} once it has
     * used {@code maxAttempts}. False when it was not that worker's.
     */
    boolean failed(String jobId, int index, String workerId, ErrorCode code, String message, int maxAttempts) {
        boolean failed = db.update("""
                UPDATE render_segments SET status = CASE WHEN attempts >= ? THEN 'failed' ELSE 'queued' END,
                                           error_code = ?, error_message = ?, ended_at = ?, version = version + 1
                WHERE job_id = ? AND idx = ? AND picked_by = ? AND status = 'rendering'""",
                maxAttempts, code.name(), message, clock.millis(), jobId, index, workerId) == 1;
        endRun(jobId, index, workerId, "failed");
        announce();
        return failed;
    }

    /** Gives the segment {@code workerId} stopped drawing (not by its fault: a shutdown) back to the queue, attempt returned. */
    void release(String jobId, int index, String workerId) {
        db.update("""
                UPDATE render_segments SET status = 'queued', attempts = attempts - 1, picked_by = NULL,
                                           last_heartbeat = NULL, version = version + 1
                WHERE job_id = ? AND idx = ? AND picked_by = ? AND status = 'rendering'""",
                jobId, index, workerId);
        endRun(jobId, index, workerId, "stopped");
        announce();
    }

    /**
     * Requeues the job's segments whose worker sent no heartbeat since {@code staleAfter} ago (its attempt counted),
     * or fails those that have used {@code maxAttempts}. Returns how many changed.
     */
    int requeueStale(String jobId, Duration staleAfter, int maxAttempts) {
        long before = clock.millis() - staleAfter.toMillis();
        int changed = 0;
        for (SegmentRow row : query("""
                SELECT * FROM render_segments WHERE job_id = ? AND status = 'rendering' AND COALESCE(last_heartbeat, 0) < ?""",
                jobId, before)) {
            boolean gaveUp = row.attempts() >= maxAttempts;
            if (db.update("""
                    UPDATE render_segments SET status = ?, error_code = ?, error_message = ?, picked_by = NULL,
                                               last_heartbeat = NULL, version = version + 1
                    WHERE job_id = ? AND idx = ? AND version = ? AND status = 'rendering'""",
                    gaveUp ? "failed" : "queued", gaveUp ? ErrorCode.INTERNAL.name() : null,
                    gaveUp ? "segment " + row.index() + " gave up after " + row.attempts()
                            + " attempts (its worker stopped sending heartbeats)" : null,
                    jobId, row.index(), row.version()) == 1) {
                endRun(jobId, row.index(), row.pickedBy(), "abandoned");
                changed++;
            }
        }
        if (changed > 0) {
            announce();
        }
        return changed;
    }

    /** Removes the job's manifest; returns the rows it had, whose files the caller deletes. */
    List<SegmentRow> remove(String jobId) {
        List<SegmentRow> rows = rows(jobId);
        db.update("DELETE FROM render_segments WHERE job_id = ?", jobId);
        db.update("UPDATE segment_runs SET ended_at = ?, outcome = 'stopped' WHERE job_id = ? AND ended_at IS NULL",
                clock.millis(), jobId);
        return rows;
    }

    /** The draws of a job's segments, in the order they started. */
    public List<Run> runs(String jobId) {
        return db.rows("SELECT * FROM segment_runs WHERE job_id = ? ORDER BY started_at, idx", rs -> new Run(
                rs.getInt("idx"), rs.getInt("attempt"), rs.getString("node_id"), rs.getString("worker_id"),
                Instant.ofEpochMilli(rs.getLong("started_at")), instant(rs, "ended_at"), rs.getString("outcome")),
                jobId);
    }

    /** One draw of a segment; {@code endedAt} and {@code outcome} are null while it runs (or when its node died). */
    public record Run(int index, int attempt, String nodeId, String workerId, Instant startedAt, Instant endedAt,
                      String outcome) {
    }

    private void endRun(String jobId, int index, String workerId, String outcome) {
        db.update("""
                UPDATE segment_runs SET ended_at = ?, outcome = ?
                WHERE job_id = ? AND idx = ? AND worker_id = ? AND ended_at IS NULL""",
                clock.millis(), outcome, jobId, index, workerId);
    }

    private void endRuns(Connection connection, String jobId, int index, String outcome) throws SQLException {
        Sql.update(connection, "UPDATE segment_runs SET ended_at = ?, outcome = ? WHERE job_id = ? AND idx = ? AND ended_at IS NULL",
                clock.millis(), outcome, jobId, index);
    }

    /** Work on one connection that commits as a whole, or not at all. */
    @FunctionalInterface
    private interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T transaction(Transaction<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw db.failure(e);
        }
    }

    private void announce() {
        if (notify.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            announce(connection);
        } catch (SQLException e) {
            throw db.failure(e);
        }
    }

    private void announce(Connection connection) throws SQLException {
        if (notify.isPresent()) {
            Sql.rows(connection, notify.get(), rs -> null, CHANNEL);
        }
    }

    private List<SegmentRow> query(String sql, Object... params) {
        return db.rows(sql, SegmentStore::toRow, params);
    }

    private static SegmentRow toRow(ResultSet rs) throws SQLException {
        return new SegmentRow(rs.getString("job_id"), rs.getInt("idx"), rs.getLong("start_frame"),
                rs.getLong("end_frame"), rs.getString("fingerprint"), rs.getString("spec_json"),
                SegmentRow.Status.fromLabel(rs.getString("status")), rs.getInt("attempts"), rs.getString("node_id"),
                rs.getString("picked_by"), instant(rs, "last_heartbeat"), instant(rs, "started_at"),
                instant(rs, "ended_at"), rs.getString("file_key"), rs.getString("error_code"),
                rs.getString("error_message"), rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

}
