package narrator.tts.kokoro;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs phoneme sentences into chunks the model accepts in one call (at most {@code max}
 * characters, one token each). Sentences are packed whole while they fit; a longer sentence is
 * cut after punctuation first, then between words, and a word longer than a chunk (never seen in
 * practice) is cut hard.
 */
final class PhonemeChunker {
    private static final String CLAUSE_ENDS = ",;:.!?—…";

    private PhonemeChunker() {
    }

    static List<String> chunk(List<String> sentences, int max) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : sentences) {
            for (String piece : pieces(sentence.strip(), max)) {
                if (!current.isEmpty() && current.length() + 1 + piece.length() > max) {
                    chunks.add(current.toString());
                    current.setLength(0);
                }
                if (!current.isEmpty()) {
                    current.append(' ');
                }
                current.append(piece);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** {@code text} as one piece if it fits, else as clauses, words or hard cuts that each fit. */
    private static List<String> pieces(String text, int max) {
        List<String> pieces = new ArrayList<>();
        if (text.length() <= max) {
            if (!text.isEmpty()) {
                pieces.add(text);
            }
            return pieces;
        }
        List<String> clauses = splitAfterClauseEnds(text);
        if (clauses.size() > 1) {
            clauses.forEach(clause -> pieces.addAll(pieces(clause, max)));
            return pieces;
        }
        String[] words = text.split(" +");
        if (words.length > 1) {
            for (String word : words) {
                pieces.addAll(pieces(word, max));
            }
            return pieces;
        }
        for (int from = 0; from < text.length(); from += max) {
            pieces.add(text.substring(from, Math.min(text.length(), from + max)));
        }
        return pieces;
    }

    /** Splits at the spaces that follow punctuation, keeping the punctuation with its clause. */
    private static List<String> splitAfterClauseEnds(String text) {
        List<String> clauses = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == ' ' && CLAUSE_ENDS.indexOf(text.charAt(i - 1)) >= 0) {
                clauses.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        clauses.add(text.substring(start).strip());
        clauses.removeIf(String::isEmpty);
        return clauses;
    }
}
