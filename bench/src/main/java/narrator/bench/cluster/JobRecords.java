package narrator.bench.cluster;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the benchmark's jobs from the nodes' database (SQLite file or PostgreSQL) over JDBC: the {@code jobs}
 * rows' own times and the node of the completing run in {@code job_runs}, so the figures are the database's
 * records rather than the client's clock.
 */
final class JobRecords {
    private final String jdbcUrl;
    private final Properties credentials = new Properties();

    JobRecords(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
    }

    static JobRecords of(PostgresTarget target) {
        return new JobRecords(target.jdbcUrl(), target.user(), target.password());
    }

    /** Jobs on the database at all: 0 when the schema is not there yet. */
    long jobCount() throws IOException {
        try (Connection c = connect(); PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM jobs");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined_table: no node has migrated it yet
                return 0;
            }
            throw new IOException("cannot read the jobs table: " + e.getMessage(), e);
        }
    }

    /** How many of {@code ids} are still queued or processing. */
    long unfinished(Collection<String> ids) throws IOException {
        return read(ids).stream().filter(job -> job.status().equals("queued") || job.status().equals("processing")).count();
    }

    /** The jobs {@code ids}, as stored, in the order they were created. */
    List<JobRecord> read(Collection<String> ids) throws IOException {
        Set<String> wanted = new HashSet<>(ids);
        Map<String, String> finisher = new HashMap<>();
        List<JobRecord> jobs = new ArrayList<>();
        try (Connection c = connect()) {
            try (PreparedStatement runs = c.prepareStatement(
                    "SELECT job_id, node_id FROM job_runs WHERE outcome IN ('completed', 'failed', 'cancelled')");
                    ResultSet rs = runs.executeQuery()) {
                while (rs.next()) {
                    finisher.put(rs.getString(1), rs.getString(2));
                }
            }
            try (PreparedStatement rows = c.prepareStatement(
                    "SELECT id, status, created_at, started_at, finished_at FROM jobs ORDER BY created_at");
                    ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (wanted.contains(id)) {
                        jobs.add(new JobRecord(id, rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                                finisher.getOrDefault(id, "")));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the benchmark's jobs: " + e.getMessage(), e);
        }
        return jobs;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, credentials);
    }
}
