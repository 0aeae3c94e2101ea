package narrator.app.webhooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import narrator.app.db.Database;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/** The {@code webhook_deliveries} table (SQLite or PostgreSQL): plain JDBC, times as epoch milliseconds. */
final class DeliveryStore {
    private final DataSource dataSource;
    private final String insertSql;

    DeliveryStore(Database database) {
        this.dataSource = database.dataSource();
        // The progress guard's cast gives PostgreSQL the type of a parameter that may be NULL.
        this.insertSql = """
                INSERT INTO webhook_deliveries
                    (event_id, job_id, event, url, payload_json, status, attempts, next_attempt_at, created_at)
                SELECT ?, ?, ?, ?, ?, 'pending', 0, ?, ?
                WHERE CAST(? AS DOUBLE PRECISION) IS NULL OR NOT EXISTS (
                    SELECT 1 FROM webhook_deliveries p
                    WHERE p.job_id = ? AND p.url = ? AND p.event = 'job_progress'
                      AND %s >= CAST(? AS DOUBLE PRECISION))
                ON CONFLICT (event_id, url) DO NOTHING""".formatted(
                database.dialect().jsonNumber("p.payload_json", "progress"));
    }

    /**
     * One row per URL, in one transaction; a row that already exists for (event id, url) is left alone, and so is a
     * {@code job_progress} whose value is not above one already recorded for that job and URL (a re-run after a
     * crash starts again from 0; receivers must not see progress go backwards).
     */
    void insert(String jobId, List<Addressed> rows, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(insertSql)) {
                for (Addressed row : rows) {
                    WebhookEvent event = row.event();
                    String url = row.url();
                    Object progress = WebhookEvents.JOB_PROGRESS.equals(event.name()) ? event.payload().get("progress") : null;
                    ps.setString(1, event.id());
                    ps.setString(2, jobId);
                    ps.setString(3, event.name());
                    ps.setString(4, url);
                    ps.setString(5, row.payloadJson());
                    ps.setLong(6, now.toEpochMilli());
                    ps.setLong(7, now.toEpochMilli());
                    setNullable(ps, 8, progress);
                    ps.setString(9, jobId);
                    ps.setString(10, url);
                    setNullable(ps, 11, progress);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("enqueue", e);
        }
    }

    /** One event, in the shape one URL gets it, as JSON. */
    record Addressed(String url, WebhookEvent event, String payloadJson) {
    }

    /**
     * Pending rows that are due, oldest first, leaving out {@code busyUrls} and any row whose (job, url) has an
     * earlier row still pending: a receiver never sees a job's events out of order.
     */
    List<Delivery> due(Instant now, Collection<String> busyUrls, int limit) {
        String notBusy = busyUrls.isEmpty() ? "" : " AND url NOT IN (" + "?, ".repeat(busyUrls.size() - 1) + "?)";
        String sql = """
                SELECT id, event_id, job_id, event, url, payload_json, attempts, next_attempt_at, created_at
                FROM webhook_deliveries d
                WHERE status = 'pending' AND next_attempt_at <= ?%s
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                  WHERE e.job_id = d.job_id AND e.url = d.url AND e.status = 'pending' AND e.id < d.id)
                ORDER BY id
                LIMIT ?""".formatted(notBusy);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int index = 1;
            ps.setLong(index++, now.toEpochMilli());
            for (String url : busyUrls) {
                ps.setString(index++, url);
            }
            ps.setInt(index, limit);
            List<Delivery> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), Instant.ofEpochMilli(rs.getLong(8)),
                            Instant.ofEpochMilli(rs.getLong(9))));
                }
            }
            return due;
        } catch (SQLException e) {
            throw failure("scan", e);
        }
    }

    /** The newest {@code limit} deliveries of {@code jobId}'s events, newest first, settled ones included. */
    List<WebhookDelivery> ofJob(String jobId, int limit) {
        String sql = """
                SELECT event_id, event, url, status, attempts, last_status_code, last_error, created_at, next_attempt_at,
                       delivered_at
                FROM webhook_deliveries
                WHERE job_id = ?
                ORDER BY id DESC
                LIMIT ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, jobId);
            ps.setInt(2, limit);
            List<WebhookDelivery> deliveries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString(4);
                    int code = rs.getInt(6);
                    Integer lastStatusCode = rs.wasNull() ? null : code;
                    long delivered = rs.getLong(10);
                    Instant deliveredAt = rs.wasNull() ? null : Instant.ofEpochMilli(delivered);
                    deliveries.add(new WebhookDelivery(rs.getString(1), rs.getString(2),
                            WebhookDelivery.origin(rs.getString(3)), status, rs.getInt(5), lastStatusCode, rs.getString(7),
                            Instant.ofEpochMilli(rs.getLong(8)),
                            status.equals("pending") ? Instant.ofEpochMilli(rs.getLong(9)) : null, deliveredAt));
                }
            }
            return deliveries;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Compare-and-set claim: moves the row's next attempt to {@code leaseUntil} only if nobody has touched it
     * since it was read. If this process dies mid-send, the row becomes due again when the lease ends.
     */
    boolean claim(Delivery delivery, Instant leaseUntil) {
        return update("claim", """
                UPDATE webhook_deliveries SET next_attempt_at = ?
                WHERE id = ? AND status = 'pending' AND next_attempt_at = ?""",
                leaseUntil.toEpochMilli(), delivery.id(), delivery.nextAttemptAt().toEpochMilli()) == 1;
    }

    void delivered(long id, int attempts, int statusCode, Instant at) {
        update("delivered", """
                UPDATE webhook_deliveries
                SET status = 'delivered', attempts = ?, last_status_code = ?, last_error = NULL, delivered_at = ?
                WHERE id = ?""", attempts, statusCode, at.toEpochMilli(), id);
    }

    void retryAt(long id, int attempts, Integer statusCode, String error, Instant next) {
        update("retry", """
                UPDATE webhook_deliveries SET attempts = ?, last_status_code = ?, last_error = ?, next_attempt_at = ?
                WHERE id = ?""", attempts, statusCode, error, next.toEpochMilli(), id);
    }

    void failed(long id, int attempts, Integer statusCode, String error) {
        update("fail", """
                UPDATE webhook_deliveries SET status = 'failed', attempts = ?, last_status_code = ?, last_error = ?
                WHERE id = ?""", attempts, statusCode, error, id);
    }

    /**
     * The earliest time after {@code now} at which a pending row becomes due. Rows already due but not sent
     * are waiting for a delivery in flight, whose completion wakes the dispatcher anyway.
     */
    Optional<Instant> nextDueAfter(Instant now) {
        String sql = "SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at > ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next(); // an aggregate always returns one row; MIN is NULL when nothing matches
                long at = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
            }
        } catch (SQLException e) {
            throw failure("scan", e);
        }
    }

    private static void setNullable(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else {
            ps.setObject(index, value);
        }
    }

    private int update(String what, String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else {
                    ps.setObject(i + 1, values[i]);
                }
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static NarratorException failure(String what, SQLException e) {
        return new NarratorException(ErrorCode.INTERNAL, "webhook outbox " + what + " failed: " + e.getMessage(), e);
    }
}
