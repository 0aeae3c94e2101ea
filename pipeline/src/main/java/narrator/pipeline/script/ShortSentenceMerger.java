package narrator.pipeline.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges sentences under the minimum length into a neighbour within their paragraph: into the
 * previous sentence if the result is not too long, else into the next if that one is not too long,
 * else into the previous anyway (the long-sentence splitter then re-cuts it at a better place). A
 * paragraph that is one short sentence stays as it is: that is a title.
 */
final class ShortSentenceMerger {
    private final SplitRules rules;

    ShortSentenceMerger(SplitRules rules) {
        this.rules = rules;
    }

    List<String> merge(List<String> sentences) {
        List<Piece> pieces = sentences.stream().map(Piece::of).toList();
        List<Piece> merged = new ArrayList<>();
        Piece waiting = null; // a short piece that goes in front of the next one
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = waiting == null ? pieces.get(i) : waiting.join(pieces.get(i));
            waiting = null;
            boolean hasNext = i + 1 < pieces.size();
            if (!rules.isShort(piece.length())) {
                merged.add(piece);
            } else if (!merged.isEmpty() && (!hasNext || fits(last(merged), piece) || !fits(piece, pieces.get(i + 1)))) {
                merged.set(merged.size() - 1, last(merged).join(piece));
            } else if (hasNext) {
                waiting = piece;
            } else {
                merged.add(piece);
            }
        }
        return merged.stream().map(Piece::text).toList();
    }

    private boolean fits(Piece left, Piece right) {
        return !rules.isLong(left.length().plus(right.length()));
    }

    private static Piece last(List<Piece> pieces) {
        return pieces.get(pieces.size() - 1);
    }

    /**
     * A sentence with its length, so that merging adds lengths instead of measuring ever longer text
     * again. The text starts with its own separating space, if any (see {@link SentenceBreaker}).
     */
    private record Piece(String text, Length length) {
        static Piece of(String text) {
            return new Piece(text, Length.of(text));
        }

        Piece join(Piece next) {
            return new Piece(text + next.text, length.plus(next.length));
        }
    }
}
