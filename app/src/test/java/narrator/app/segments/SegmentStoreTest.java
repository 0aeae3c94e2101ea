package narrator.app.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import narrator.app.db.Database;
import narrator.app.testing.Engine;
import narrator.app.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Claims of spans on both databases: the job's first queued segment and the queued ones right after it, up to a
 * maximum, each row marked as a single claim marks it with one segment_runs row; a span stops at a segment done or
 * drawn elsewhere; workers claiming at once never share a row.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SegmentStoreTest {
    private static final String JOB = "job-1";

    @Parameter
    Engine engine;
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private Database database;
    private SegmentStore store;

    @BeforeEach
    void open() {
        database = engine.open(dir);
        store = new SegmentStore(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void claimsTheFirstQueuedSegmentAndTheQueuedOnesRightAfterItUpToMax() {
        plan(6);

        List<SegmentRow> span = store.claim(JOB, "node-a", "w-1", 4);

        assertEquals(List.of(0, 1, 2, 3), indexes(span));
        for (SegmentRow row : store.rows(JOB).subList(0, 4)) {
            assertEquals(SegmentRow.Status.RENDERING, row.status());
            assertEquals(1, row.attempts());
            assertEquals("node-a", row.nodeId());
            assertEquals("w-1", row.pickedBy());
            assertEquals(clock.instant(), row.lastHeartbeat());
            assertEquals(clock.instant(), row.startedAt());
        }
        assertEquals(List.of(0, 1, 2, 3), store.runs(JOB).stream().filter(r -> r.workerId().equals("w-1")
                && r.attempt() == 1 && r.nodeId().equals("node-a") && r.endedAt() == null)
                .map(SegmentStore.Run::index).toList(), "one run each");
        assertEquals(List.of(4, 5), indexes(store.claim(JOB, "node-a", "w-2", 10)), "what is left, under max");
        assertEquals(List.of(), store.claim(JOB, "node-a", "w-3", 10));
    }

    @Test
    void aSpanStopsAtASegmentDoneOrDrawnElsewhere() {
        plan(7);
        update("UPDATE render_segments SET status = 'done' WHERE job_id = ? AND idx = 2", JOB);
        update("UPDATE render_segments SET status = 'rendering', picked_by = 'other' WHERE job_id = ? AND idx = 4", JOB);

        assertEquals(List.of(0, 1), indexes(store.claim(JOB, "node-a", "w-1", 10)));
        assertEquals(List.of(3), indexes(store.claim(JOB, "node-a", "w-2", 10)));
        assertEquals(List.of(5, 6), indexes(store.claim(JOB, "node-a", "w-3", 10)));
        assertEquals(List.of(), store.claim(JOB, "node-a", "w-4", 10));
    }

    @Test
    void aSingleClaimIsASpanOfOne() {
        plan(3);

        assertEquals(List.of(0), indexes(store.claim(JOB, "node-a", "w-1", 1)));
        assertEquals(List.of(1), indexes(store.claim(JOB, "node-a", "w-2", 1)));
        assertEquals(SegmentRow.Status.QUEUED, store.rows(JOB).get(2).status());
    }

    @Test
    void workersClaimingAtOnceNeverShareARow() throws Exception {
        int segments = 60;
        int workers = 8;
        plan(segments);
        Map<Integer, String> claimedBy = new ConcurrentHashMap<>();
        List<List<Integer>> spans = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> claimers = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String worker = "w-" + w;
                claimers.add(pool.submit(() -> {
                    start.await();
                    for (List<SegmentRow> span; !(span = store.claim(JOB, "node-a", worker, 3)).isEmpty(); ) {
                        spans.add(indexes(span));
                        for (SegmentRow row : span) {
                            String other = claimedBy.putIfAbsent(row.index(), worker);
                            assertEquals(null, other, "segment " + row.index() + " claimed twice");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> claimer : claimers) {
                claimer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(segments, claimedBy.size());
        for (List<Integer> span : spans) {
            assertTrue(span.size() <= 3, span.toString());
            assertEquals(IntStream.range(span.get(0), span.get(0) + span.size()).boxed().toList(), span,
                    "consecutive");
        }
        List<SegmentRow> rows = store.rows(JOB);
        assertTrue(rows.stream().allMatch(r -> r.attempts() == 1 && claimedBy.get(r.index()).equals(r.pickedBy())),
                rows.toString());
        List<SegmentStore.Run> runs = store.runs(JOB);
        assertEquals(segments, runs.size());
        assertTrue(runs.stream().allMatch(r -> claimedBy.get(r.index()).equals(r.workerId())), runs.toString());
    }

    private void plan(int count) {
        List<Reconcile.Planned> planned = IntStream.range(0, count)
                .mapToObj(i -> new Reconcile.Planned(i, i * 30L, (i + 1) * 30L, "fp" + i, null)).toList();
        store.record(JOB, planned, key -> false, Duration.ofMinutes(1), "node-a/", "node-a/p-");
    }

    private static List<Integer> indexes(List<SegmentRow> span) {
        return span.stream().map(SegmentRow::index).toList();
    }

    private void update(String sql, Object... params) {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
