package narrator.pipeline.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts sentences over the maximum length in two, again and again until every piece fits. Each cut
 * goes at the most natural place nearest the middle: after clause punctuation (, ; : — and the CJK
 * ，、；：, also ! and ? inside merged text) if there is one, else before a conjunction, else between
 * any two words (or two Chinese or Japanese characters). Cuts that would leave a piece under the
 * minimum length are only taken when there is no other cut at all.
 */
final class LongSentenceSplitter {
    private static final int CLAUSE = 0;
    private static final int CONJUNCTION = 1;
    private static final int WORD = 2;
    private static final int NO_CUT = -1;
    private static final Set<String> CONJUNCTIONS = Set.of("and", "but", "or", "nor", "so", "yet", "because",
            "which", "while", "although", "though", "however", "whereas", "unless", "until", "since", "when",
            "where", "who", "whose", "then", "therefore");
    private static final List<String> CJK_CONJUNCTIONS = List.of("但是", "可是", "因为", "所以", "而且", "并且",
            "然后", "如果", "虽然", "或者");

    private final SplitRules rules;

    LongSentenceSplitter(SplitRules rules) {
        this.rules = rules;
    }

    List<String> split(List<String> sentences) {
        List<String> pieces = new ArrayList<>();
        for (String sentence : sentences) {
            pieces.addAll(splitOne(sentence));
        }
        return pieces;
    }

    private List<String> splitOne(String text) {
        Length[] prefixes = Length.prefixes(text);
        if (!rules.isLong(prefixes[text.length()])) {
            return List.of(text);
        }
        Cut cut = bestCut(text, prefixes);
        if (cut == null) {
            return List.of(text); // one unbreakable run, such as a very long URL
        }
        List<String> pieces = new ArrayList<>(splitOne(text.substring(0, cut.index()).trim()));
        pieces.addAll(splitOne(text.substring(cut.index()).trim()));
        return pieces;
    }

    private Cut bestCut(String text, Length[] prefixes) {
        Length total = prefixes[text.length()];
        Cut best = null;
        Cut bestLeavingShortPiece = null;
        for (int i = 1; i < text.length(); i++) {
            int tier = tier(text, i);
            Length left = prefixes[i];
            Length right = total.minus(left);
            if (tier == NO_CUT || left.isEmpty() || right.isEmpty()) {
                continue;
            }
            Cut cut = new Cut(i, tier, Math.abs(rules.weight(left) - rules.weight(right)));
            if (!rules.isShort(left) && !rules.isShort(right)) {
                best = cut.betterThan(best) ? cut : best;
            } else if (bestLeavingShortPiece == null || cut.distance() < bestLeavingShortPiece.distance()) {
                bestLeavingShortPiece = cut;
            }
        }
        return best != null ? best : bestLeavingShortPiece;
    }

    /** How natural a cut just before {@code text[i]} is: {@link #CLAUSE} best, or {@link #NO_CUT}. */
    private static int tier(String text, int i) {
        char at = text.charAt(i);
        if (at == ' ') {
            if (Marks.isClauseMark(text.charAt(lastBeforeClosers(text, i)))) {
                return CLAUSE;
            }
            return startsWithConjunction(text, i + 1) ? CONJUNCTION : WORD;
        }
        if (text.charAt(i - 1) == ' ' || Character.isLowSurrogate(at)
                || !(Character.isLetterOrDigit(text.codePointAt(i)) || Marks.isOpener(at))) {
            return NO_CUT;
        }
        // No space here: only CJK text and em dashes can be cut without one.
        char mark = text.charAt(lastBeforeClosers(text, i));
        if (mark == '—' || Marks.isClauseMark(mark) && CjkText.isCjkPunctuation(mark)) {
            return CLAUSE;
        }
        int before = text.codePointBefore(i);
        int after = text.codePointAt(i);
        if (Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after)
                && (CjkText.isWrittenWithoutSpaces(before) || CjkText.isWrittenWithoutSpaces(after))) {
            return startsWithConjunction(text, i) ? CONJUNCTION : WORD;
        }
        return NO_CUT;
    }

    /** The index of the last character before {@code i} that is not a closing quote or bracket. */
    private static int lastBeforeClosers(String text, int i) {
        int j = i - 1;
        while (j > 0 && Marks.isCloser(text.charAt(j))) {
            j--;
        }
        return j;
    }

    private static boolean startsWithConjunction(String text, int start) {
        for (String conjunction : CJK_CONJUNCTIONS) {
            if (text.startsWith(conjunction, start)) {
                return true;
            }
        }
        int end = start;
        while (end < text.length() && Character.isLetter(text.charAt(end)) && !CjkText.isCjkLetter(text.charAt(end))) {
            end++;
        }
        return end > start && CONJUNCTIONS.contains(text.substring(start, end).toLowerCase(Locale.ROOT));
    }

    /** A place to cut, how natural it is ({@code tier}, lower is better) and how far from the middle. */
    private record Cut(int index, int tier, long distance) {
        boolean betterThan(Cut other) {
            return other == null || tier < other.tier || tier == other.tier && distance < other.distance;
        }
    }
}
