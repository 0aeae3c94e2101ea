package narrator.bench.segments;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads a job's segments from the nodes' database (SQLite file or PostgreSQL) over JDBC: the draws the manifest
 * recorded in {@code segment_runs} (kept after the job's manifest rows are gone), each segment's draw that was done,
 * its start, end and node, so the per-segment figures are the job's records rather than the client's clock.
 */
final class SegmentRecords {
    private final String jdbcUrl;
    private final Properties credentials = new Properties();

    SegmentRecords(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
    }

    /** The segments of job {@code id} that were drawn, in segment order (a segment drawn twice counts twice). */
    List<SegmentRun.Segment> read(String id) throws IOException {
        List<SegmentRun.Segment> segments = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, credentials);
                PreparedStatement rows = c.prepareStatement("SELECT idx, started_at, ended_at, node_id FROM segment_runs "
                        + "WHERE job_id = ? AND outcome = 'done' ORDER BY idx, started_at")) {
            rows.setString(1, id);
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    segments.add(new SegmentRun.Segment(rs.getInt(1), rs.getLong(2), rs.getLong(3),
                            rs.getString(4) == null ? "" : rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the segments of job " + id + ": " + e.getMessage(), e);
        }
        return segments;
    }
}
