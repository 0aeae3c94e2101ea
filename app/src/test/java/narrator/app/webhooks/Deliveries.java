package narrator.app.webhooks;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import javax.sql.DataSource;

/** Reads {@code webhook_deliveries} straight from the database, and waits for a row to reach a state. */
final class Deliveries {
    record Row(String eventId, String jobId, String event, String url, String payloadJson, String status,
            int attempts, Integer lastStatusCode, String lastError) {
    }

    private Deliveries() {
    }

    static List<Row> all(DataSource dataSource) {
        String sql = "SELECT event_id, job_id, event, url, payload_json, status, attempts, last_status_code, last_error"
                + " FROM webhook_deliveries ORDER BY id";
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                int code = rs.getInt(8);
                Integer lastStatusCode = rs.wasNull() ? null : code;
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), lastStatusCode, rs.getString(9)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the only row matches, or fails after 10 s. */
    static Row awaitOnly(DataSource dataSource, Predicate<Row> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<Row> rows = all(dataSource);
        while (Instant.now().isBefore(deadline)) {
            rows = all(dataSource);
            if (rows.size() == 1 && condition.test(rows.get(0))) {
                return rows.get(0);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // a poll interval, not a timing assumption
        }
        return fail("no matching delivery row in time: " + rows);
    }

    /** Polls until there are {@code count} rows and every one matches, or fails after 10 s. */
    static List<Row> awaitAll(DataSource dataSource, int count, Predicate<Row> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<Row> rows = all(dataSource);
        while (Instant.now().isBefore(deadline)) {
            rows = all(dataSource);
            if (rows.size() == count && rows.stream().allMatch(condition)) {
                return rows;
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // a poll interval, not a timing assumption
        }
        return fail("not " + count + " matching delivery rows in time: " + rows);
    }
}
