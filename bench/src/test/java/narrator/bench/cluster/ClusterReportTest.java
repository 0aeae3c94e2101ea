package narrator.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterReportTest {
    /** Waits of 2, 3, 5 and 40 ms. */
    private static final List<JobRecord> SPACED = List.of(job("s1", "completed", 100, 102, 130, "worker-1"),
            job("s2", "completed", 200, 203, 230, "worker-2"), job("s3", "completed", 300, 305, 330, "worker-1"),
            job("s4", "completed", 400, 440, 470, "worker-2"));
    /** Submitted over 20 ms, all claimed within 100 ms and ended within 500 ms of the first submit; one failed. */
    private static final List<JobRecord> BURST = List.of(job("b1", "completed", 1000, 1005, 1030, "worker-1"),
            job("b2", "completed", 1000, 1030, 1060, "worker-2"), job("b3", "completed", 1010, 1060, 1100, "worker-1"),
            job("b4", "failed", 1020, 1100, 1500, "worker-2"));

    private final ClusterReport report = new ClusterReport(new ClusterBenchmark.Options(4, 4, Optional.empty()), List.of(
            new ClusterReport.Run("sqlite", 1, SPACED.subList(0, 1), BURST.subList(0, 1)),
            new ClusterReport.Run("postgresql", 2, SPACED, BURST)));

    private static JobRecord job(String id, String status, long created, long started, long finished, String node) {
        return new JobRecord(id, status, created, started, finished, node);
    }

    @Test
    void figuresComeFromTheStoredTimes() {
        ClusterReport.Run run = report.runs().get(1);
        assertEquals(List.of(3.0, 40.0, 40.0), List.of(run.startMillis()[0], run.startMillis()[1], run.startMillis()[2]));
        assertEquals(200.0, run.perSecond(JobRecord::createdAt));
        assertEquals(40.0, run.perSecond(JobRecord::startedAt));
        assertEquals(8.0, run.perSecond(JobRecord::finishedAt));
        assertEquals(30.0, run.runMillisP50());
        assertEquals(3, run.completed());
        assertEquals(Map.of("worker-1", 2L, "worker-2", 2L), run.perNode());
    }

    @Test
    void tableHasOneLinePerCluster() {
        String table = report.table();
        assertTrue(table.startsWith("bench cluster: 4 spaced + 4 burst voiceover jobs (espeak:en-us"), table);
        assertTrue(table.contains("\nsqlite     1 (all)  |        2        2        2 |     1000.0      200.0       "
                + "33.3      25ms |    1/1    worker-1 1\n"), table);
        assertTrue(table.contains("\npostgresql 2        |        3       40       40 |      200.0       40.0        "
                + "8.0      30ms |    3/4    worker-1 2, worker-2 2\n"), table);
    }

    @Test
    void jsonCarriesTheSameFigures() {
        String json = report.json();
        assertTrue(json.startsWith("{\"spaced\": 4, \"jobs\": 4, \"voice\": \"espeak:en-us\", \"runs\": [{\"database\": \"sqlite\""),
                json);
        assertTrue(json.contains("{\"database\": \"postgresql\", \"workers\": 2, \"start_ms\": {\"p50\": 3, \"p99\": 40, "
                + "\"max\": 40}, \"burst\": {\"submitted_per_s\": 200.0, \"claimed_per_s\": 40.0, \"completed_per_s\": 8.0, "
                + "\"run_ms_p50\": 30, \"completed\": 3, \"jobs\": 4, \"per_node\": {\"worker-1\": 2, \"worker-2\": 2}}}]}"),
                json);
    }
}
