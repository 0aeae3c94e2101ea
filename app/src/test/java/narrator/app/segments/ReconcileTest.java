package narrator.app.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an execution does with the manifest an earlier one left, row by row. */
class ReconcileTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Instant STALE_BEFORE = NOW.minusSeconds(60);
    private static final List<Reconcile.Planned> PLAN = List.of(
            new Reconcile.Planned(0, 0, 30, "fp0", null),
            new Reconcile.Planned(1, 30, 60, "fp1", null),
            new Reconcile.Planned(2, 60, 90, "fp2", null));

    @Test
    void aFirstExecutionQueuesEverySegment() {
        assertEquals(List.of(new Reconcile.Fresh(0, null), new Reconcile.Fresh(1, null), new Reconcile.Fresh(2, null)),
                Reconcile.actions(PLAN, Map.of(), key -> true, STALE_BEFORE, "n/", "n/now-"));
    }

    @Test
    void finishedSegmentsStillStoredAreKeptAndTheRestRequeued() {
        Map<Integer, SegmentRow> rows = Map.of(
                0, row(0, 0, 30, "fp0", SegmentRow.Status.DONE, "k0", null, null),
                1, row(1, 30, 60, "fp1", SegmentRow.Status.DONE, "gone", null, null),
                2, row(2, 60, 90, "fp2", SegmentRow.Status.FAILED, null, null, null));
        assertEquals(List.of(new Reconcile.Keep(0, 7), new Reconcile.Requeue(1, 7, false), new Reconcile.Requeue(2, 7, false)),
                Reconcile.actions(PLAN, rows, "k0"::equals, STALE_BEFORE, "n/", "n/now-"));
    }

    @Test
    void aSegmentBeingDrawnIsKeptOnlyWhileItsWorkerLives() {
        Map<Integer, SegmentRow> rows = Map.of(
                0, row(0, 0, 30, "fp0", SegmentRow.Status.RENDERING, null, "m/x-seg-1", NOW),
                1, row(1, 30, 60, "fp1", SegmentRow.Status.RENDERING, null, "m/x-seg-1", STALE_BEFORE.minusMillis(1)),
                2, row(2, 60, 90, "fp2", SegmentRow.Status.RENDERING, null, "n/old-job-1", NOW));
        assertEquals(List.of(new Reconcile.Keep(0, 7), new Reconcile.Requeue(1, 7, false),
                        new Reconcile.Requeue(2, 7, false)), Reconcile.actions(PLAN, rows, key -> true, STALE_BEFORE, "n/", "n/now-"),
                "another node's live worker keeps its segment; a stale one and this node's dead process lose theirs");
    }

    @Test
    void aDeadWorkersSpanChargesOnlyTheSegmentItWasDrawing() {
        Map<Integer, SegmentRow> rows = Map.of(
                0, row(0, 0, 30, "fp0", SegmentRow.Status.DONE, "k0", "n/old-job-1", NOW),
                1, row(1, 30, 60, "fp1", SegmentRow.Status.RENDERING, null, "n/old-job-1", NOW),
                2, row(2, 60, 90, "fp2", SegmentRow.Status.RENDERING, null, "n/old-job-1", NOW));
        assertEquals(List.of(new Reconcile.Keep(0, 7), new Reconcile.Requeue(1, 7, false),
                        new Reconcile.Requeue(2, 7, true)), Reconcile.actions(PLAN, rows, key -> true, STALE_BEFORE, "n/", "n/now-"),
                "segment 1 was being drawn; segment 2 waited its turn in the same FFmpeg");
    }

    @Test
    void aChangedPlanOrInputStartsAfreshAndDropsWhatIsPastTheEnd() {
        Map<Integer, SegmentRow> rows = Map.of(
                0, row(0, 0, 30, "other", SegmentRow.Status.DONE, "k0", null, null),
                1, row(1, 30, 45, "fp1", SegmentRow.Status.DONE, "k1", null, null),
                2, row(2, 60, 90, "fp2", SegmentRow.Status.QUEUED, null, null, null),
                3, row(3, 90, 120, "fp3", SegmentRow.Status.DONE, "k3", null, null));
        assertEquals(List.of(new Reconcile.Fresh(0, "k0"), new Reconcile.Fresh(1, "k1"), new Reconcile.Keep(2, 7),
                new Reconcile.Drop(3, 7, "k3")), Reconcile.actions(PLAN, rows, key -> true, STALE_BEFORE, "n/", "n/now-"));
    }

    private static SegmentRow row(int index, long start, long end, String fingerprint, SegmentRow.Status status,
                                  String fileKey, String pickedBy, Instant heartbeat) {
        return new SegmentRow("job", index, start, end, fingerprint, null, status, 1, null, pickedBy, heartbeat, null,
                null, fileKey, null, null, 7);
    }
}
