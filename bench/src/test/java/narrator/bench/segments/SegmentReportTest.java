package narrator.bench.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentReportTest {
    private static final double EPSILON = 1e-9;

    @Test
    void oneRunGivesItsOwnSerialFraction() {
        // s = 0.5 gives S(2) = 1 / (0.5 + 0.25) = 4/3 and S(4) = 1 / (0.5 + 0.125) = 1.6.
        assertEquals(0.5, Amdahl.serialFraction(new Amdahl.Point(2, 4.0 / 3)).getAsDouble(), EPSILON);
        assertEquals(0.5, Amdahl.serialFraction(new Amdahl.Point(4, 1.6)).getAsDouble(), EPSILON);
        assertEquals(1.6, Amdahl.speedUp(0.5, 4), EPSILON);
        assertTrue(Amdahl.serialFraction(new Amdahl.Point(1, 0.9)).isEmpty(), "one worker says nothing about s");
    }

    @Test
    void severalRunsFitTheLeastSquaresSlope() {
        // (x, y) = (1 - 1/p, 1/S - 1/p): (0.5, 0.3) and (0.75, 0.25); slope = (0.15 + 0.1875) / (0.25 + 0.5625).
        List<Amdahl.Point> runs = List.of(new Amdahl.Point(1, 0.8), new Amdahl.Point(2, 1.25), new Amdahl.Point(4, 2));
        assertEquals(0.3375 / 0.8125, Amdahl.serialFraction(runs).getAsDouble(), EPSILON);
        assertTrue(Amdahl.serialFraction(runs.subList(0, 1)).isEmpty());
    }

    @Test
    void theForecastKeepsTheSerialPartAndDrawsSegmentsInRounds() {
        // 10 segments drawing 100 s in all, in a 110 s job: 10 s serial, a 10 s median segment.
        List<Double> segments = List.of(10.0, 10.0, 10.0, 12.0, 8.0, 10.0, 10.0, 10.0, 10.0, 10.0);
        ClusterForecast forecast = ClusterForecast.of(100, 110, segments);

        assertEquals(10, forecast.serialSeconds(), EPSILON);
        assertEquals(10, forecast.medianSegmentSeconds(), EPSILON);
        assertEquals(60, forecast.jobSeconds(2), EPSILON);  // 5 rounds
        assertEquals(40, forecast.jobSeconds(4), EPSILON);  // 3 rounds: 4 + 4 + 2
        assertEquals(30, forecast.jobSeconds(8), EPSILON);  // 2 rounds
        assertEquals(2.5, forecast.speedUp(4), EPSILON);
    }

    @Test
    void theTableHasEveryRunAndEveryDerivedFigure() {
        String table = report().table();

        assertTrue(table.startsWith("bench render --segments: a 2.0-minute script (120.5 s of video, espeak:en-us), "
                + "1080x1920 at 30 fps, libx264 veryfast crf 23, FFMPEG_THREADS=2, SEGMENT_SECONDS=30\n"
                + "machine: 2 cores, load average 0.50 before the runs, 1.75 after\ntimes from"), table);
        assertLine(table, "one pass (1 node, SQLite)                1    120.0      1.0    110.0         -     1.00x     "
                + "1.00x       1.00        -     1.20x -");
        // 4 segments one after the other over 121 s of a 125 s render: 4 s outside them.
        assertLine(table, "segmented, 1 at a time (1 node)          1    130.0      1.0    125.0       4.0     0.92x     "
                + "0.88x       0.92        -     1.30x 4: 30.5/31.0, all-1 4");
        // S = 4/3 and 1.6: s = 0.5 for each run and for the fit.
        assertLine(table, "segmented, 2 at a time (1 node)          2     90.0      1.0     80.0       7.0     1.33x     "
                + "1.38x       0.67     0.50     0.90x 4: 36.5/37.0, all-1 4");
        assertLine(table, "cluster, 4 workers (PostgreSQL)          4     75.0      1.0     40.0      10.0     1.60x     "
                + "2.75x       0.40     0.50     0.75x 4: 30.0/30.0, worker-1 2, worker-2 1, worker-3 1");
        assertLine(table, "bare encode (ffmpeg, picture only)       -    100.0");
        assertTrue(table.contains("(1/S - 1/p = s (1 - 1/p)): s = 0.50\n"), table);
        assertLine(table, "  segmented, 2 at a time (1 node)  synthesizing 1000, rendering 80000, joining 900");
        // 130 s job less 121 s of segments: 9 s serial; 4 segments of 30.5 s median, N = 2: 2 rounds.
        assertTrue(table.contains(ClusterForecast.FORMULA), table);
        assertTrue(table.contains("T_one_pass 120.0 s, T_serial 9.0 s (job less its segments' draw times), k 4, "
                + "t_segment_median 30.5 s"), table);
        assertLine(table, "  N=2: 1.71x (70.0 s), N=4: 3.04x (39.5 s), N=8: 3.04x (39.5 s)");
        assertTrue(table.contains("why the speed-up is small here: this machine has 2 cores and x264 veryfast with "
                + "FFMPEG_THREADS=2 already keeps them busy in one pass"), table);
    }

    @Test
    void aBusyMachineIsSaidToBe() {
        SegmentReport r = report();
        SegmentReport busy = new SegmentReport(r.setup(), new SegmentReport.Machine(2, 0.5, 2.5), r.onePass(), r.parallel(),
                r.bareMillis());

        assertTrue(busy.table().contains("\nwarning: the load average exceeded the core count"), busy.table());
    }

    @Test
    void withoutPerSegmentTimesThereIsNoForecast() {
        SegmentReport r = report();
        SegmentReport bare = new SegmentReport(r.setup(), r.machine(), r.onePass(), List.of(
                new SegmentRun("segmented, 1 at a time (1 node)", 1, 130_000, Map.of(), List.of())), 100_000);

        assertFalse(bare.forecast().isPresent());
        assertTrue(bare.table().contains("expected on N real machines: not computed, the jobs recorded no per-segment "
                + "times\n"), bare.table());
    }

    @Test
    void jsonCarriesTheSameFigures() {
        String json = report().json();

        assertTrue(json.startsWith("{\"minutes\": 2, \"video_s\": 120.500, \"size\": \"1080x1920\", \"preset\": \"veryfast\", "
                + "\"crf\": 23, \"ffmpeg_threads\": 2, \"voice\": \"espeak:en-us\", \"segment_seconds\": 30, \"cores\": 2, "
                + "\"load_before\": 0.50, \"load_after\": 1.75, \"bare_encode_ms\": 100000, \"runs\": [{\"run\": \"one pass"),
                json);
        assertTrue(json.contains("{\"run\": \"segmented, 2 at a time (1 node)\", \"workers\": 2, \"job_ms\": 90000, "
                + "\"timings_ms\": {\"synthesizing\": 1000, \"rendering\": 80000, \"joining\": 900}, \"speed_up\": 1.333, "
                + "\"render_speed_up\": 1.375, \"efficiency\": 0.667, \"serial_fraction\": 0.500, \"job_over_bare\": 0.900, "
                + "\"outside_segments_s\": 7.000, \"segment_draw_ms\": [36000, 36000, 37000, 37000], "
                + "\"segments_per_node\": {\"all-1\": 4}}"), json);
        assertTrue(json.contains("\"serial_fraction\": 0.500, \"forecast\": {\"formula\": \"" + ClusterForecast.FORMULA
                + "\", \"one_pass_s\": 120.000, \"serial_s\": 9.000, \"segments\": 4, \"segment_median_s\": 30.500, "
                + "\"speed_up\": {\"2\": 1.714, \"4\": 3.038, \"8\": 3.038}}}\n"), json);
    }

    private static void assertLine(String table, String line) {
        assertTrue(table.contains("\n" + line + "\n"), "missing line:\n" + line + "\nin:\n" + table);
    }

    private static SegmentReport report() {
        SegmentReport.Setup setup = new SegmentReport.Setup(2, 120.5, "1080x1920", "veryfast", 23, 2, "espeak:en-us", 30);
        return new SegmentReport(setup, new SegmentReport.Machine(2, 0.5, 1.75),
                run("one pass (1 node, SQLite)", 1, 120, 110, List.of()),
                List.of(run("segmented, 1 at a time (1 node)", 1, 130, 125, segments(List.of("all-1"), 1, 30, 31, 29, 31)),
                        run("segmented, 2 at a time (1 node)", 2, 90, 80, segments(List.of("all-1"), 2, 36, 36, 37, 37)),
                        run("cluster, 4 workers (PostgreSQL)", 4, 75, 40, segments(
                                List.of("worker-1", "worker-2", "worker-1", "worker-3"), 4, 30, 30, 30, 30))),
                100_000);
    }

    private static SegmentRun run(String label, int workers, long jobSeconds, long renderSeconds,
                                  List<SegmentRun.Segment> segments) {
        Map<String, Long> stages = new LinkedHashMap<>();
        stages.put("synthesizing", 1000L);
        stages.put("rendering", renderSeconds * 1000);
        if (workers > 1) {
            stages.put("joining", 900L);
        }
        return new SegmentRun(label, workers, jobSeconds * 1000, stages, segments);
    }

    /**
     * Segments drawn from t = 1000 s in rounds of {@code atOnce}, each round starting when the last one's longest
     * segment ended, each segment taking its {@code seconds}; segment i drawn by node i modulo the nodes given.
     */
    private static List<SegmentRun.Segment> segments(List<String> nodes, int atOnce, long... seconds) {
        List<SegmentRun.Segment> segments = new ArrayList<>();
        long roundStart = 1_000_000;
        for (int first = 0; first < seconds.length; first += atOnce) {
            long roundEnd = roundStart;
            for (int i = first; i < Math.min(seconds.length, first + atOnce); i++) {
                long end = roundStart + seconds[i] * 1000;
                segments.add(new SegmentRun.Segment(i, roundStart, end, nodes.get(i % nodes.size())));
                roundEnd = Math.max(roundEnd, end);
            }
            roundStart = roundEnd;
        }
        return segments;
    }
}
