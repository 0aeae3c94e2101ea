package narrator.bench.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SoakReportTest {
    private final SoakReport report = new SoakReport(new SoakBenchmark.Options(4, "240x426", "espeak:en-us"),
            Duration.ofSeconds(90), 100 * 1024, 180 * 1024, 120 * 1024,
            List.of(100L * 1024, 110L * 1024, 150L * 1024, 120L * 1024, 130L * 1024, 125L * 1024, 121L * 1024, 119L * 1024),
            List.of(1.0, 2.0, 3.0, 4.0, 50.0), new TreeMap<>(Map.of("render: completed", 3, "render + cancel: cancelled", 1)),
            0, 0, 2, 0, 5);

    @Test
    void quarterMediansShowGrowth() {
        assertArrayEquals(new long[] {110 * 1024, 121 * 1024}, report.quarterMediansKb());
    }

    @Test
    void tableNamesEveryFigure() {
        String table = report.table();
        assertTrue(table.contains("start 100.0  peak 180.0  end 120.0  | median 1st quarter 110.0  last quarter 121.0"), table);
        assertTrue(table.contains("n=5  p50 3.00 ms  p99 50.00 ms  max 50.00 ms"), table);
        assertTrue(table.contains("render + cancel: cancelled"), table);
        assertTrue(table.contains("work files 0  child processes 0  stored outputs 5"), table);
        assertTrue(table.contains("ended > RETENTION (120s) ago: 2  > RETENTION + sweep period (420s): 0"), table);
    }

    @Test
    void jsonCarriesTheSameFigures() {
        String json = report.json();
        assertTrue(json.startsWith("{\"jobs\": 4, \"size\": \"240x426\""), json);
        assertTrue(json.contains("\"rss_mb\": {\"start\": 100.0, \"peak\": 180.0, \"end\": 120.0"), json);
        assertTrue(json.contains("\"outcomes\": {\"render + cancel: cancelled\": 1, \"render: completed\": 3}"), json);
        assertTrue(json.contains("\"rows_past_retention\": 2, \"rows_past_retention_and_sweep\": 0}}"), json);
        assertEquals(0, SoakReport.percentile(List.of(), 50));
    }
}
