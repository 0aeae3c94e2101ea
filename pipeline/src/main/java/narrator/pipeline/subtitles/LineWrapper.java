package narrator.pipeline.subtitles;

import java.util.List;
import java.util.Optional;

/**
 * Balanced wrapping into at most two lines: text that fits one line stays on one; otherwise the break
 * is the one that makes the longer line shortest, and on a tie the top line is the shorter (the bottom
 * line sits next to the frame edge and reads better wide). Lines break between words, between CJK
 * characters, and inside a word only when that word alone is longer than a line.
 */
public final class LineWrapper {
    private LineWrapper() {
    }

    /**
     * The 1 or 2 lines of {@code text}, each at most {@code maxChars} columns (a wide CJK character counts
     * two); none for blank text.
     *
     * @throws IllegalArgumentException when the text needs more than two lines; split it first, as
     *         {@link SubtitleTimeline} does
     */
    public static List<String> wrap(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive, got " + maxChars);
        }
        List<Unit> units = Units.of(text, maxChars);
        if (units.isEmpty()) {
            return List.of();
        }
        return lines(units, maxChars).orElseThrow(() -> new IllegalArgumentException(
                "text needs more than two lines of " + maxChars + " columns: " + text));
    }

    /** The 1 or 2 lines for these units, or empty when they need more than two lines. */
    static Optional<List<String>> lines(List<Unit> units, int maxChars) {
        int total = Units.width(units);
        if (total <= maxChars) {
            return Optional.of(List.of(Units.join(units)));
        }
        int bestBreak = -1;
        int bestLonger = Integer.MAX_VALUE;
        int left = 0;
        for (int k = 1; k < units.size(); k++) {
            Unit before = units.get(k - 1);
            left += Units.width(before.text()) + (k > 1 && before.spaceBefore() ? 1 : 0);
            int right = total - left - (units.get(k).spaceBefore() ? 1 : 0);
            int longer = Math.max(left, right);
            if (longer < bestLonger) {
                bestLonger = longer;
                bestBreak = k;
            }
        }
        if (bestLonger > maxChars) {
            return Optional.empty();
        }
        return Optional.of(List.of(Units.join(units.subList(0, bestBreak)),
                Units.join(units.subList(bestBreak, units.size()))));
    }
}
