package narrator.pipeline.subtitles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Estimates when each unit of a sentence is heard. Known word starts (from the voice model's durations, or
 * from aligning a recording) are used as they are, each word lasting until the next starts. Otherwise the
 * sentence's span is shared among its words by weight: when the voice's phonemes have as many words as
 * the text, a word weighs its phoneme count, otherwise its letters (a CJK character is one letter). Each
 * word's span is then shared among its units by letters. Integer arithmetic; the spans tile the sentence exactly.
 */
final class WordTimer {
    private WordTimer() {
    }

    static List<WordTiming> time(List<Unit> units, long start, long end, String phonemes, List<Long> wordStarts) {
        int wordCount = units.get(units.size() - 1).word() + 1;
        long[] letters = new long[wordCount];
        for (Unit u : units) {
            letters[u.word()] += Units.letters(u.text());
        }
        List<String> spoken = spokenWords(phonemes);
        long[] weights = new long[wordCount];
        for (int w = 0; w < wordCount; w++) {
            weights[w] = Math.max(1, spoken.size() == wordCount ? phonemeCount(spoken.get(w)) : letters[w]);
        }
        long[] wordBounds = knows(units, wordStarts) ? known(start, end, wordStarts) : tile(start, end, weights);
        List<WordTiming> timings = new ArrayList<>(units.size());
        int first = 0;
        while (first < units.size()) {
            int word = units.get(first).word();
            int last = first;
            while (last < units.size() && units.get(last).word() == word) {
                last++;
            }
            List<Unit> pieces = units.subList(first, last);
            long[] bounds = tile(wordBounds[word], wordBounds[word + 1],
                    pieces.stream().mapToLong(u -> Math.max(1, Units.letters(u.text()))).toArray());
            for (int i = 0; i < pieces.size(); i++) {
                timings.add(new WordTiming(pieces.get(i).text(), bounds[i], bounds[i + 1]));
            }
            first = last;
        }
        return timings;
    }

    /** Whether {@code wordStarts} place every word of these units (one start per word). */
    static boolean knows(List<Unit> units, List<Long> wordStarts) {
        return wordStarts.size() == units.get(units.size() - 1).word() + 1;
    }

    /** Boundaries from known word starts, kept in order and inside the sentence. */
    private static long[] known(long start, long end, List<Long> wordStarts) {
        long[] bounds = new long[wordStarts.size() + 1];
        bounds[0] = start;
        for (int w = 1; w < wordStarts.size(); w++) {
            bounds[w] = Math.min(end, Math.max(bounds[w - 1], wordStarts.get(w)));
        }
        bounds[wordStarts.size()] = end;
        return bounds;
    }

    /** Boundaries {@code b[0] = start .. b[n] = end}, b[i] placed by the weight before it (floored). */
    static long[] tile(long start, long end, long[] weights) {
        long total = Arrays.stream(weights).sum();
        long[] bounds = new long[weights.length + 1];
        long before = 0;
        for (int i = 0; i < weights.length; i++) {
            bounds[i] = start + Math.multiplyExact(end - start, before) / total;
            before += weights[i];
        }
        bounds[weights.length] = end;
        return bounds;
    }

    /** Words of the phoneme string that hold phonemes; punctuation-only tokens are not spoken words. */
    private static List<String> spokenWords(String phonemes) {
        List<String> words = new ArrayList<>();
        for (String token : (phonemes == null ? "" : phonemes).strip().split("\\s+")) {
            if (phonemeCount(token) > 0) {
                words.add(token);
            }
        }
        return words;
    }

    /** IPA letters; stress, length and other modifier letters (ˈ ː ʰ) and combining marks are not phonemes. */
    private static int phonemeCount(String word) {
        return (int) word.codePoints()
                .filter(cp -> Character.isLetter(cp) && Character.getType(cp) != Character.MODIFIER_LETTER)
                .count();
    }
}
