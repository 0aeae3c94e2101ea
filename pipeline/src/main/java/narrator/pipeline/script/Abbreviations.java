package narrator.pipeline.script;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a period after a word is an abbreviation's, so that it does not end the sentence.
 * Only consulted when the next word starts with a capital, digit or symbol: a period before a
 * lowercase word never ends a sentence anyway.
 *
 * <ul>
 *   <li>Titles and name parts that always lead into more words (Mr. Dr. St. Jr. Inc. vs. ...)
 *       never end a sentence, even before a capital: a missed break only makes one longer sentence,
 *       which the length rules still bound, while a wrong break pauses in the middle of a name.
 *   <li>Single capital initials ("J. K. Rowling") and dotted abbreviations ("U.S.", "U.K.", "e.g.",
 *       "i.e.") likewise never end a sentence.
 *   <li>"etc.", "a.m." and "p.m." are mostly written at the end of a sentence, so they end it
 *       before a capital or digit, like any other word.
 *   <li>"No." is an abbreviation only before a number ("No. 5"); otherwise it is the word "no".
 * </ul>
 */
final class Abbreviations {
    private static final Set<String> NEVER_FINAL = withUpperCase(List.of(
            "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "St", "Mt", "Jr", "Sr", "Gen", "Gov", "Sen", "Rep", "Rev",
            "Capt", "Col", "Lt", "Sgt", "Inc", "Ltd", "Co", "Corp", "Fig", "vs", "v", "cf"));
    private static final Set<String> SENTENCE_FINAL = Set.of("etc", "a.m", "p.m");

    private Abbreviations() {
    }

    /**
     * Whether the period after {@code word} (given without that period and without opening quotes)
     * is an abbreviation's; {@code nextCodePoint} starts the following word.
     */
    static boolean endsAbbreviation(String word, int nextCodePoint) {
        if (SENTENCE_FINAL.contains(word.toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (word.equalsIgnoreCase("no")) {
            return Character.isDigit(nextCodePoint);
        }
        return NEVER_FINAL.contains(word) || isInitials(word);
    }

    /** "J", "U.S", "e.g": single letters, each but the last followed by a period. */
    private static boolean isInitials(String word) {
        if (word.length() == 1) {
            return Character.isUpperCase(word.charAt(0));
        }
        for (int i = 0; i < word.length(); i++) {
            boolean letterHere = i % 2 == 0;
            if (letterHere ? !Character.isLetter(word.charAt(i)) : word.charAt(i) != '.') {
                return false;
            }
        }
        return word.length() % 2 == 1;
    }

    private static Set<String> withUpperCase(List<String> abbreviations) {
        Set<String> all = new HashSet<>(abbreviations);
        abbreviations.forEach(a -> all.add(a.toUpperCase(Locale.ROOT)));
        return Set.copyOf(all);
    }
}
