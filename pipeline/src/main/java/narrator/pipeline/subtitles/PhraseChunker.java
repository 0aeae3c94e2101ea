package narrator.pipeline.subtitles;

import java.util.Arrays;
import java.util.List;

/**
 * Cuts a sentence into captions of at most {@code maxWords} units (words, or CJK characters) for the
 * {@code chunks} style. In order of importance: a caption never runs across a phrase boundary (clause
 * punctuation), there are as few captions as possible, and their lengths are even. Every caption also
 * fits two lines. Dynamic programming over the cut points, as {@link SentenceChunker}.
 */
final class PhraseChunker {
    // Each cost outweighs everything below it: unevenness is at most MAX_MAX_WORDS^2 per caption.
    private static final long CAPTION_COST = 1_000;
    private static final long SPANNED_BOUNDARY_COST = 1_000_000;

    private PhraseChunker() {
    }

    /** Caption boundaries as unit indexes: {@code cuts[0] == 0}, the last is {@code units.size()}. */
    static int[] split(List<Unit> units, int maxWords, int maxChars) {
        int n = units.size();
        long[] best = new long[n + 1];
        int[] from = new int[n + 1];
        Arrays.fill(best, Long.MAX_VALUE);
        best[0] = 0;
        for (int i = 0; i < n; i++) {
            if (best[i] == Long.MAX_VALUE) {
                continue;
            }
            long spanned = 0;
            // A unit is never wider than a line, so a one-unit caption always fits and the loop advances.
            for (int j = i + 1; j <= Math.min(n, i + maxWords); j++) {
                if (LineWrapper.lines(units.subList(i, j), maxChars).isEmpty()) {
                    break;
                }
                if (j - 1 > i && SentenceChunker.endsClause(units.get(j - 2).text())) {
                    spanned++;
                }
                long slack = maxWords - (j - i);
                long cost = best[i] + CAPTION_COST + spanned * SPANNED_BOUNDARY_COST + slack * slack;
                if (cost <= best[j]) { // on a tie the later cut wins: a short caption ends a phrase, not starts it
                    best[j] = cost;
                    from[j] = i;
                }
            }
        }
        return SentenceChunker.cuts(from, n);
    }
}
