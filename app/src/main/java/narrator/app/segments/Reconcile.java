package narrator.app.segments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What becomes of a job's manifest when an execution of the job plans its segments, given the rows an earlier
 * execution left: a pure decision, applied by {@link SegmentStore#record}.
 * <ul>
 *   <li>a row done with the same frames and fingerprint whose file is still stored is kept: it is not drawn again;
 *   <li>a row being drawn by a live worker (fresh heartbeat, not a dead process of this node) is kept;
 *   <li>a row with the same frames and fingerprint otherwise goes back to the queue, its attempts kept (a worker
 *       that died drawing it cost one); of a dead worker's span, only the segment it was drawing (its first row
 *       not done) is charged, the rest get their attempt back;
 *   <li>a row whose frames or fingerprint changed starts afresh, and its stored file is deleted;
 *   <li>rows past the plan's last segment are deleted, with their files.
 * </ul>
 */
final class Reconcile {
    private Reconcile() {
    }

    /** A segment as planned now: its frames, its fingerprint and how another node may draw it (null: it may not). */
    record Planned(int index, long startFrame, long endFrame, String fingerprint, String specJson) {
    }

    /** What to do with one segment's row. */
    sealed interface Action {
        int index();
    }

    /** Keep the row as it is (its spec_json brought up to date). */
    record Keep(int index, long version) implements Action {
    }

    /** Back to the queue with its attempts kept, or one returned ({@code attemptReturned}). */
    record Requeue(int index, long version, boolean attemptReturned) implements Action {
    }

    /** Replace (or insert) the row: queued, no attempts; {@code oldFile} is deleted when not null. */
    record Fresh(int index, String oldFile) implements Action {
    }

    /** Delete the row and {@code oldFile} (when not null). */
    record Drop(int index, long version, String oldFile) implements Action {
    }

    /**
     * @param stored       whether a file key is still in the store
     * @param staleBefore  a row drawn with no heartbeat since then belongs to a dead worker
     * @param deadPrefix   workers whose ids start with it are dead (this node's earlier processes), whatever their
     *                     heartbeat says
     * @param thisProcess  workers of this process, which is planning and so draws nothing of this job yet
     */
    static List<Action> actions(List<Planned> planned, Map<Integer, SegmentRow> existing, Predicate<String> stored,
                                Instant staleBefore, String deadPrefix, String thisProcess) {
        List<Action> actions = new ArrayList<>();
        Set<String> charged = new HashSet<>();
        for (Planned plan : planned) {
            SegmentRow row = existing.get(plan.index());
            if (row == null) {
                actions.add(new Fresh(plan.index(), null));
            } else if (row.startFrame() != plan.startFrame() || row.endFrame() != plan.endFrame()
                    || !row.fingerprint().equals(plan.fingerprint())) {
                actions.add(new Fresh(plan.index(), row.fileKey()));
            } else if (row.status() == SegmentRow.Status.DONE && row.fileKey() != null && stored.test(row.fileKey())) {
                actions.add(new Keep(plan.index(), row.version()));
            } else if (row.status() == SegmentRow.Status.RENDERING && alive(row, staleBefore, deadPrefix, thisProcess)) {
                actions.add(new Keep(plan.index(), row.version()));
            } else if (row.status() == SegmentRow.Status.QUEUED) {
                actions.add(new Keep(plan.index(), row.version()));
            } else {
                // Rows come in index order: a dead worker's first one was being drawn, the rest of its span waited.
                boolean waited = row.status() == SegmentRow.Status.RENDERING && row.pickedBy() != null
                        && !charged.add(row.pickedBy());
                actions.add(new Requeue(plan.index(), row.version(), waited));
            }
        }
        existing.values().stream().filter(row -> row.index() >= planned.size())
                .forEach(row -> actions.add(new Drop(row.index(), row.version(), row.fileKey())));
        return actions;
    }

    private static boolean alive(SegmentRow row, Instant staleBefore, String deadPrefix, String thisProcess) {
        String worker = row.pickedBy() == null ? "" : row.pickedBy();
        boolean dead = worker.startsWith(deadPrefix) && !worker.startsWith(thisProcess);
        return !dead && row.lastHeartbeat() != null && !row.lastHeartbeat().isBefore(staleBefore);
    }
}
