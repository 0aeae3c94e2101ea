package narrator.app.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The {@code job_runs} table as the database holds it: which node ran which job, from when to when. */
final class RunHistory {
    /** One execution; {@code endedAt} is null while it runs. */
    record Run(String jobId, int attempt, String nodeId, long startedAt, Long endedAt, String outcome) {
        boolean open() {
            return endedAt == null;
        }
    }

    private final DataSource dataSource;

    RunHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every run, by job, each job's runs in the order they started. */
    Map<String, List<Run>> byJob() {
        Map<String, List<Run>> byJob = new LinkedHashMap<>();
        for (Run run : all()) {
            byJob.computeIfAbsent(run.jobId(), id -> new ArrayList<>()).add(run);
        }
        return byJob;
    }

    List<Run> all() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT job_id, attempt, node_id, started_at, ended_at, outcome FROM job_runs
                        ORDER BY job_id, started_at""");
                ResultSet rs = query.executeQuery()) {
            List<Run> runs = new ArrayList<>();
            while (rs.next()) {
                long ended = rs.getLong(5);
                Long endedAt = rs.wasNull() ? null : ended;
                runs.add(new Run(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), endedAt, rs.getString(6)));
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Pairs of runs of one job that overlapped in time (or a run that never ended followed by another):
     * empty when no job ever ran in two places at once.
     */
    List<String> overlaps() {
        List<String> overlaps = new ArrayList<>();
        byJob().forEach((job, runs) -> {
            for (int i = 1; i < runs.size(); i++) {
                Run before = runs.get(i - 1);
                Run after = runs.get(i);
                if (before.open() || before.endedAt() > after.startedAt()) {
                    overlaps.add(before + " overlaps " + after);
                }
            }
        });
        return overlaps;
    }
}
