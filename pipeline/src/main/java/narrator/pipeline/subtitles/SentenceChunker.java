package narrator.pipeline.subtitles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Splits a sentence too long for one two-line cue into consecutive chunks that each fit two lines. It
 * uses as few chunks as possible, then prefers chunks of even length that end at clause punctuation,
 * by minimizing a cost over all split points (dynamic programming; a chunk never holds more than two
 * lines of units, so this stays linear in practice).
 */
final class SentenceChunker {
    private static final String CLAUSE_ENDS = ",;:.!?…—–、，；：。！？";

    private SentenceChunker() {
    }

    /** Chunk boundaries as unit indexes: {@code cuts[0] == 0}, the last is {@code units.size()}. */
    static int[] split(List<Unit> units, int maxChars) {
        int n = units.size();
        long capacity = 2L * maxChars;
        // An extra chunk must always cost more than any unevenness it could remove.
        long chunkCost = 4 * capacity * capacity;
        // Ending mid-clause is worth about a third of a cue's worth of unevenness.
        long midClauseCost = (capacity / 3) * (capacity / 3);
        long[] best = new long[n + 1];
        int[] from = new int[n + 1];
        Arrays.fill(best, Long.MAX_VALUE);
        best[0] = 0;
        for (int i = 0; i < n; i++) {
            if (best[i] == Long.MAX_VALUE) {
                continue;
            }
            // Units are never wider than a line, so one unit always fits and the loop always advances.
            for (int j = i + 1; j <= n; j++) {
                List<Unit> chunk = units.subList(i, j);
                if (LineWrapper.lines(chunk, maxChars).isEmpty()) {
                    break;
                }
                long slack = capacity - Units.width(chunk);
                long cost = best[i] + chunkCost + slack * slack
                        + (j == n || endsClause(units.get(j - 1).text()) ? 0 : midClauseCost);
                if (cost < best[j]) {
                    best[j] = cost;
                    from[j] = i;
                }
            }
        }
        return cuts(from, n);
    }

    /** The cut positions 0 = c0 < c1 < ... = n of the best chunking, walked back from {@code from[n]}. */
    static int[] cuts(int[] from, int n) {
        List<Integer> cuts = new ArrayList<>();
        for (int j = n; j > 0; j = from[j]) {
            cuts.add(j);
        }
        cuts.add(0);
        Collections.reverse(cuts);
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** True when the unit ends with clause punctuation, looking past closing quotes and brackets. */
    static boolean endsClause(String text) {
        int[] cps = text.codePoints().toArray();
        for (int i = cps.length - 1; i >= 0; i--) {
            int type = Character.getType(cps[i]);
            boolean closing = type == Character.END_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                    || cps[i] == '"' || cps[i] == '\'';
            if (!closing) {
                return CLAUSE_ENDS.indexOf(cps[i]) >= 0;
            }
        }
        return false;
    }
}
