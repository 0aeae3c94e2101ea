package narrator.app.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import narrator.app.db.Database;
import narrator.app.db.Sql;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Stage;

/**
 * The job queue, one table in SQLite or PostgreSQL, in plain JDBC. Every state change is a single
 * UPDATE guarded by the state it starts from, so a change that lost a race (or was already made)
 * touches no row and reports {@code false} instead of being done twice. Claiming is one UPDATE of
 * the oldest queued row (see {@code claimSql}); recovery is a compare-and-set on {@code version}; an
 * execution is owned by the worker named in {@code picked_by}, and only that worker can finish it.
 * On PostgreSQL every job that becomes queued is announced on {@link #CHANNEL}, so idle workers on
 * other nodes wake at once (see {@link Database#listen}).
 *
 * <p>Database failures surface as {@link NarratorException} with {@link ErrorCode#INTERNAL}.
 */
public final class JobStore {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** The LISTEN/NOTIFY channel on which queued jobs are announced. */
    public static final String CHANNEL = "narrator_jobs";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Long>> TIMINGS = new TypeReference<>() { };
    /** Completed jobs averaged for the estimated wait. */
    private static final int RECENT_JOBS = 20;

    private final DataSource dataSource;
    private final Sql db;
    /** The column that breaks ties between jobs created in the same millisecond, in insertion order. */
    private final String insertionOrder;
    private final String setTiming;
    private final String claimSql;
    private final Optional<String> notify;
    private final Optional<String> enqueueLock;
    private final boolean oneProcess;
    private final Clock clock;
    private final int maxAttempts;

    public JobStore(Database database, Clock clock, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.dataSource = database.dataSource();
        this.db = new Sql(dataSource, "The job database failed");
        this.insertionOrder = database.dialect().insertionOrder();
        this.setTiming = database.dialect().jsonSetNumber("timings_json");
        // One statement picks the oldest queued job and takes it. SQLite runs one writer at a time; on PostgreSQL
        // the row lock skips rows another node is taking, so racing claimers take different jobs instead of
        // colliding (measured: one statement per claim, 2-4x the claims/s of a compare-and-set under contention).
        this.claimSql = """
                UPDATE jobs SET status = 'processing', attempts = attempts + 1, picked_by = ?,
                                started_at = ?, last_heartbeat = ?, stage = NULL, progress = 0, overall_progress = 0,
                                timings_json = '{}', version = version + 1
                WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at, %s LIMIT 1%s)
                  AND status = 'queued'
                RETURNING *""".formatted(insertionOrder, database.dialect().lockSkippingLocked());
        this.notify = database.dialect().notifyStatement();
        this.enqueueLock = database.dialect().enqueueLock();
        this.oneProcess = database.dialect().oneProcess();
        this.clock = Objects.requireNonNull(clock);
        this.maxAttempts = maxAttempts;
    }

    /**
     * Adds a queued job. A repeated idempotency key returns the job that already holds it: the
     * UNIQUE constraint decides which of two racing inserts wins, never a prior SELECT. Keys are
     * scoped per kind of job (endpoint), and a key repeated with a different request is refused with
     * {@code IDEMPOTENCY_MISMATCH} rather than answered with the other request's job. A caller's own
     * {@link NewJob#id} that another job holds is refused with {@code CONFLICT}, decided by the primary key.
     */
    public Enqueued enqueue(NewJob job) {
        return enqueue(job, Integer.MAX_VALUE);
    }

    /**
     * As {@link #enqueue(NewJob)}, refusing a new job with {@code QUEUE_FULL} when {@code maxQueued}
     * jobs are already waiting. The count and the insert are one statement (on PostgreSQL, after a lock that
     * one enqueue holds at a time), so racing submits cannot overfill the queue; a repeated idempotency key
     * still returns its job.
     */
    public Enqueued enqueue(NewJob job, int maxQueued) {
        String id = job.id() != null ? job.id() : UUID.randomUUID().toString();
        String key = job.idempotencyKey() == null ? null : job.kind().label() + ":" + job.idempotencyKey();
        int inserted;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (enqueueLock.isPresent()) {
                    Sql.rows(connection, enqueueLock.get(), rs -> null);
                }
                inserted = Sql.update(connection, """
                        INSERT INTO jobs (id, kind, status, request_json, metadata_json, webhook_url, idempotency_key,
                                          max_attempts, created_at)
                        SELECT ?, ?, 'queued', ?, ?, ?, ?, ?, ?
                        WHERE (SELECT COUNT(*) FROM jobs WHERE status = 'queued') < ?
                        ON CONFLICT DO NOTHING""",
                        id, job.kind().label(), job.requestJson(), job.metadataJson(), job.webhookUrl(), key,
                        maxAttempts, clock.millis(), maxQueued);
                if (inserted == 1) {
                    announceQueued(connection); // delivered with the commit
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw db.failure(e);
        }
        if (inserted == 1) {
            return new Enqueued(find(id).orElseThrow(), true);
        }
        Optional<Job> holder = key == null ? Optional.empty() : one("SELECT * FROM jobs WHERE idempotency_key = ?", key);
        if (holder.isEmpty() && job.id() != null && find(job.id()).isPresent()) {
            throw new NarratorException(ErrorCode.CONFLICT, "job id '" + job.id() + "' is already taken; use a new one",
                    Map.of("job_id", job.id()), null);
        }
        if (holder.isEmpty()) {
            throw new NarratorException(ErrorCode.QUEUE_FULL, "the queue is full (" + maxQueued
                    + " jobs waiting); try again later", Map.of("max_queued_jobs", maxQueued), null);
        }
        Job existing = holder.get();
        if (!Objects.equals(existing.requestJson(), job.requestJson())
                || !Objects.equals(existing.metadataJson(), job.metadataJson())
                || !Objects.equals(existing.webhookUrl(), job.webhookUrl())) {
            throw new NarratorException(ErrorCode.IDEMPOTENCY_MISMATCH, "Idempotency-Key '" + job.idempotencyKey()
                    + "' was used for a different request (job " + existing.id() + "); use a new key for a new request",
                    Map.of("job_id", existing.id()), null);
        }
        return new Enqueued(existing, false);
    }

    /** The history of this queue's executions, on the same database. */
    JobRuns runs() {
        return new JobRuns(dataSource, clock);
    }

    public Optional<Job> find(String id) {
        return one("SELECT * FROM jobs WHERE id = ?", id);
    }

    /** Jobs newest first, all of them or those in {@code status}. */
    public List<Job> list(Optional<JobStatus> status, int limit) {
        String order = " ORDER BY created_at DESC, " + insertionOrder + " DESC LIMIT ?";
        return status.isPresent()
                ? query("SELECT * FROM jobs WHERE status = ?" + order, status.get().label(), limit)
                : query("SELECT * FROM jobs" + order, limit);
    }

    /**
     * Takes the oldest queued job for {@code workerId}: processing, one more attempt, a fresh
     * heartbeat. Empty when nothing is queued.
     */
    public Optional<Job> claimNext(String workerId) {
        long now = clock.millis();
        return one(claimSql, workerId, now, now);
    }

    /**
     * Records that {@code workerId} is still running the job. Returns the job as stored (its
     * {@code cancelRequested} tells the worker to stop), or empty when the worker no longer owns it.
     */
    public Optional<Job> heartbeat(String id, String workerId) {
        int beat = db.update("UPDATE jobs SET last_heartbeat = ? WHERE id = ? AND picked_by = ? AND status = 'processing'",
                clock.millis(), id, workerId);
        return beat == 1 ? find(id) : Optional.empty();
    }

    /**
     * Stores the stage a processing job is in, how far through it it is, and how far through the whole
     * job ({@link JobProgress}), in percent.
     */
    public void updateProgress(String id, Stage stage, double stagePercent, double overallPercent) {
        db.update("UPDATE jobs SET stage = ?, progress = ?, overall_progress = ? WHERE id = ? AND status = 'processing'",
                stage.label(), clampPercent(stagePercent), clampPercent(overallPercent), id);
    }

    private static double clampPercent(double percent) {
        return Math.max(0, Math.min(100, percent));
    }

    /**
     * Stores what a processing job has produced so far (an artefact stored and announced before the job ends),
     * so the job's status shows it however the job then ends; {@link #complete} replaces it with the whole result.
     */
    public void recordResult(String id, String resultJson) {
        db.update("UPDATE jobs SET result_json = ? WHERE id = ? AND status = 'processing'", resultJson, id);
    }

    /** Stores how long a stage of a processing job took (replacing an earlier value for that stage). */
    public void recordTiming(String id, Stage stage, Duration duration) {
        db.update("UPDATE jobs SET timings_json = " + setTiming + " WHERE id = ? AND status = 'processing'",
                stage.label(), duration.toMillis(), id);
    }

    /**
     * Marks the execution owned by {@code workerId} completed. False when it is not that worker's
     * processing job any more, or when a cancel was requested (the caller then records the cancel).
     */
    public boolean complete(String id, String workerId, String resultJson) {
        return db.update("""
                UPDATE jobs SET status = 'completed', result_json = ?, progress = 100, overall_progress = 100, finished_at = ?,
                                end_announced = 0, version = version + 1
                WHERE id = ? AND picked_by = ? AND status = 'processing' AND cancel_requested = 0""",
                resultJson, clock.millis(), id, workerId) == 1;
    }

    /** Marks the execution owned by {@code workerId} failed; false under the same conditions as {@link #complete}. */
    public boolean fail(String id, String workerId, ErrorCode code, String message) {
        return db.update("""
                UPDATE jobs SET status = 'failed', error_code = ?, error_message = ?, finished_at = ?,
                                end_announced = 0, version = version + 1
                WHERE id = ? AND picked_by = ? AND status = 'processing' AND cancel_requested = 0""",
                code.name(), message, clock.millis(), id, workerId) == 1;
    }

    /** Ends the execution owned by {@code workerId} as cancelled, if a cancel was requested. */
    public boolean markCancelled(String id, String workerId) {
        return db.update("""
                UPDATE jobs SET status = 'cancelled', finished_at = ?, end_announced = 0, version = version + 1
                WHERE id = ? AND picked_by = ? AND status = 'processing' AND cancel_requested = 1""",
                clock.millis(), id, workerId) == 1;
    }

    /**
     * Puts the execution owned by {@code workerId} back in the queue because the service is shutting
     * down. The attempt is given back: a deploy is not the job's fault, and must not use up its retries.
     */
    public boolean requeue(String id, String workerId) {
        boolean requeued = db.update("""
                UPDATE jobs SET status = 'queued', attempts = attempts - 1, picked_by = NULL, last_heartbeat = NULL,
                                started_at = NULL, stage = NULL, progress = 0, overall_progress = 0, version = version + 1
                WHERE id = ? AND picked_by = ? AND status = 'processing' AND cancel_requested = 0""",
                id, workerId) == 1;
        if (requeued) {
            announceQueued();
        }
        return requeued;
    }

    /**
     * Cancels a job: a queued one becomes cancelled at once; a processing one is flagged
     * {@code cancel_requested} and its worker stops it. Returns the job after the change.
     *
     * @throws NarratorException NOT_FOUND for an unknown id, CONFLICT for a job that already ended
     */
    public Job requestCancel(String id) {
        // One statement, so a job that is claimed at this very moment is either cancelled while still
        // queued or flagged once processing, never missed in between. SET expressions see the old row.
        int changed = db.update("""
                UPDATE jobs SET
                    cancel_requested = CASE WHEN status = 'processing' THEN 1 ELSE cancel_requested END,
                    finished_at = CASE WHEN status = 'queued' THEN ? ELSE finished_at END,
                    version = CASE WHEN status = 'queued' THEN version + 1 ELSE version END,
                    end_announced = CASE WHEN status = 'queued' THEN 0 ELSE end_announced END,
                    status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END
                WHERE id = ? AND status IN ('queued', 'processing')""",
                clock.millis(), id);
        Job job = find(id).orElseThrow(() -> new NarratorException(ErrorCode.NOT_FOUND, "No job with id " + id));
        if (changed == 0) {
            throw new NarratorException(ErrorCode.CONFLICT, "Job " + id + " is already " + job.status().label());
        }
        return job;
    }

    /**
     * Recovers executions whose worker stopped sending heartbeats for {@code heartbeatTimeout}.
     * See {@link #recoverAfterRestart} for what becomes of each.
     */
    public List<Job> requeueStale(Duration heartbeatTimeout) {
        return recover(clock.millis() - heartbeatTimeout.toMillis(), "", "the worker stopped sending heartbeats");
    }

    /**
     * At start-up, recovers the jobs a process that died left processing. On SQLite one service process owns
     * the file, so that is every processing job. On a database that several nodes share, the other nodes' jobs
     * are running: only this node's own (its workers are named {@code nodeId/...}; its previous process died)
     * and those whose heartbeat is older than {@code staleAfter}. Each goes back to the queue with its attempts
     * kept, is cancelled if a cancel was requested, or fails with INTERNAL once it has used up its attempts.
     * Returns the jobs changed, as they are now.
     */
    public List<Job> recoverAfterRestart(String nodeId, Duration staleAfter) {
        String reason = "the service restarted during the job";
        if (oneProcess) {
            return recover(Long.MAX_VALUE, "", reason);
        }
        List<Job> recovered = new ArrayList<>(recover(Long.MAX_VALUE, nodeId + "/", reason));
        recovered.addAll(recover(clock.millis() - staleAfter.toMillis(), "", reason));
        return recovered;
    }

    /** Jobs whose ending was stored but not yet announced to listeners: a process died in between. */
    public List<Job> unannouncedEndings() {
        return query("SELECT * FROM jobs WHERE end_announced = 0 AND status IN ('completed', 'failed', 'cancelled')");
    }

    /** Records that listeners were told how the job ended. */
    public void markEndAnnounced(String id) {
        db.update("UPDATE jobs SET end_announced = 1 WHERE id = ?", id);
    }

    public QueueCounts counts() {
        return db.rows("""
                SELECT (SELECT COUNT(*) FROM jobs WHERE status = 'queued'),
                       (SELECT COUNT(*) FROM jobs WHERE status = 'processing'),
                       (SELECT AVG(finished_at - started_at) FROM
                           (SELECT finished_at, started_at FROM jobs WHERE status = 'completed'
                            ORDER BY finished_at DESC LIMIT ?) AS recent)""",
                rs -> new QueueCounts(rs.getInt(1), rs.getInt(2), Duration.ofMillis(Math.round(rs.getDouble(3)))),
                RECENT_JOBS).get(0);
    }

    /** When the job waiting longest was queued; empty when none waits. */
    public Optional<Instant> oldestQueuedAt() {
        return Optional.ofNullable(db.rows("SELECT MIN(created_at) AS created_at FROM jobs WHERE status = 'queued'",
                rs -> instant(rs, "created_at")).get(0));
    }

    /** Recovers processing jobs with no heartbeat since {@code heartbeatBefore} whose worker's name starts with {@code workerPrefix}. */
    private List<Job> recover(long heartbeatBefore, String workerPrefix, String reason) {
        List<Job> changed = new ArrayList<>();
        for (Job job : query("""
                SELECT * FROM jobs WHERE status = 'processing' AND COALESCE(last_heartbeat, 0) < ?
                AND substr(COALESCE(picked_by, ''), 1, length(?)) = ?""", heartbeatBefore, workerPrefix, workerPrefix)) {
            // Guarded by version and heartbeat: if the owner finished it or beat meanwhile, leave it be.
            String guard = " WHERE id = ? AND version = ? AND status = 'processing' AND COALESCE(last_heartbeat, 0) < ?";
            long now = clock.millis();
            int updated;
            if (job.cancelRequested()) {
                updated = db.update("UPDATE jobs SET status = 'cancelled', finished_at = ?, end_announced = 0, version = version + 1" + guard,
                        now, job.id(), job.version(), heartbeatBefore);
            } else if (job.attempts() >= job.maxAttempts()) {
                String message = "gave up after " + job.attempts() + (job.attempts() == 1 ? " attempt (" : " attempts (")
                        + reason + ")";
                updated = db.update("""
                        UPDATE jobs SET status = 'failed', error_code = 'INTERNAL', error_message = ?, finished_at = ?,
                                        end_announced = 0, version = version + 1""" + guard,
                        message, now, job.id(), job.version(), heartbeatBefore);
            } else {
                updated = db.update("""
                        UPDATE jobs SET status = 'queued', picked_by = NULL, last_heartbeat = NULL, started_at = NULL,
                                        stage = NULL, progress = 0, overall_progress = 0, version = version + 1""" + guard,
                        job.id(), job.version(), heartbeatBefore);
            }
            if (updated == 1) {
                changed.add(find(job.id()).orElseThrow());
            }
        }
        if (changed.stream().anyMatch(job -> job.status() == JobStatus.QUEUED)) {
            announceQueued();
        }
        return changed;
    }

    /** Tells other nodes' idle workers that a job is queued (PostgreSQL); this node's scheduler rings its own bell. */
    private void announceQueued() {
        try (Connection connection = dataSource.getConnection()) {
            announceQueued(connection);
        } catch (SQLException e) {
            throw db.failure(e);
        }
    }

    private void announceQueued(Connection connection) throws SQLException {
        if (notify.isPresent()) {
            Sql.rows(connection, notify.get(), rs -> null, CHANNEL);
        }
    }

    private Optional<Job> one(String sql, Object... params) {
        return query(sql, params).stream().findFirst();
    }

    private List<Job> query(String sql, Object... params) {
        return db.rows(sql, JobStore::toJob, params);
    }

    private static Job toJob(ResultSet rs) throws SQLException {
        String stage = rs.getString("stage");
        String errorCode = rs.getString("error_code");
        return new Job(
                rs.getString("id"),
                JobKind.fromLabel(rs.getString("kind")),
                JobStatus.fromLabel(rs.getString("status")),
                rs.getString("request_json"),
                rs.getString("metadata_json"),
                rs.getString("webhook_url"),
                rs.getString("idempotency_key"),
                stage == null ? null : Stage.valueOf(stage.toUpperCase(Locale.ROOT)),
                rs.getDouble("progress"),
                rs.getDouble("overall_progress"),
                rs.getString("result_json"),
                errorCode == null ? null : ErrorCode.valueOf(errorCode),
                rs.getString("error_message"),
                rs.getInt("attempts"),
                rs.getInt("max_attempts"),
                rs.getInt("cancel_requested") != 0,
                rs.getString("picked_by"),
                instant(rs, "last_heartbeat"),
                rs.getLong("version"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                timings(rs.getString("timings_json")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Map<String, Long> timings(String json) {
        try {
            return JSON.readValue(json, TIMINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("malformed timings_json: " + json, e);
        }
    }

}
