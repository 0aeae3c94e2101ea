package narrator.tts.kokoro;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Cuts text into pieces of at most {@code budget} tokens each, as the caller measures them, so a
 * long text becomes several model calls instead of being truncated. A text that fits stays whole;
 * otherwise it is cut between sentences, a sentence too long between clauses, a clause too long
 * between words, and consecutive units are packed together while they fit. Cuts fall only on
 * whitespace, so no word is ever split; a single word over the budget becomes a piece of its own.
 * Pieces are substrings of the text, so each is read exactly as kokoro-js would read it alone.
 */
final class KokoroTextSplitter {
    private enum Level {
        SENTENCE, CLAUSE, WORD;

        Level next() {
            return this == SENTENCE ? CLAUSE : WORD;
        }
    }

    private record Span(int start, int end) {
        String of(String text) {
            return text.substring(start, end);
        }
    }

    private static final String SENTENCE_ENDS = ".!?…";
    private static final String CLAUSE_ENDS = ",;:—–";
    private static final String CLOSERS = "\"'”’)]}»";
    /** Words whose period does not end a sentence (kokoro-js's own list, trimmed to English prose). */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st",
            "mt", "vs", "etc", "inc", "ltd", "co", "no", "gen", "col", "lt", "sgt", "capt", "rev", "e.g", "i.e");
    private static final Pattern INITIALS = Pattern.compile("(?:[A-Za-z]\\.)+");

    private final ToIntFunction<String> tokens;
    private final int budget;

    KokoroTextSplitter(ToIntFunction<String> tokens, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("the token budget must be at least 1");
        }
        this.tokens = tokens;
        this.budget = budget;
    }

    /** The pieces of {@code text}: the text itself, untouched, when it fits; else stripped substrings. */
    List<String> split(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        if (fits(text)) {
            return List.of(text);
        }
        List<String> pieces = new ArrayList<>();
        split(text.strip(), Level.SENTENCE, pieces);
        return pieces;
    }

    private void split(String text, Level level, List<String> pieces) {
        if (fits(text)) {
            pieces.add(text);
            return;
        }
        List<Span> units = units(text, level);
        if (units.size() > 1) {
            pack(text, units, level, pieces);
        } else if (level == Level.WORD) {
            pieces.add(text);
        } else {
            split(text, level.next(), pieces);
        }
    }

    /** Greedy packing of consecutive units: a piece runs from one unit's start to a later unit's end. */
    private void pack(String text, List<Span> units, Level level, List<String> pieces) {
        Span open = null;
        for (Span unit : units) {
            if (open != null) {
                Span extended = new Span(open.start(), unit.end());
                if (fits(extended.of(text))) {
                    open = extended;
                    continue;
                }
                pieces.add(open.of(text));
                open = null;
            }
            if (fits(unit.of(text))) {
                open = unit;
            } else {
                split(unit.of(text), level.next(), pieces);
            }
        }
        if (open != null) {
            pieces.add(open.of(text));
        }
    }

    private boolean fits(String text) {
        return tokens.applyAsInt(text) <= budget;
    }

    /** {@code text} cut at the whitespace runs that are boundaries at {@code level}. */
    private static List<Span> units(String text, Level level) {
        List<Span> units = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            if (!Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int spaceEnd = i;
            while (spaceEnd < text.length() && Character.isWhitespace(text.charAt(spaceEnd))) {
                spaceEnd++;
            }
            if (spaceEnd < text.length() && isBoundary(text, start, i, spaceEnd, level)) {
                units.add(new Span(start, i));
                start = spaceEnd;
            }
            i = spaceEnd;
        }
        units.add(new Span(start, text.length()));
        return units;
    }

    private static boolean isBoundary(String text, int unitStart, int spaceStart, int next, Level level) {
        String space = text.substring(spaceStart, next);
        char before = lastBeforeClosers(text, unitStart, spaceStart);
        return switch (level) {
            case WORD -> true;
            case CLAUSE -> CLAUSE_ENDS.indexOf(before) >= 0 || endsSentence(text, unitStart, spaceStart, next);
            case SENTENCE -> space.contains("\n") || endsSentence(text, unitStart, spaceStart, next);
        };
    }

    private static boolean endsSentence(String text, int unitStart, int spaceStart, int next) {
        if (SENTENCE_ENDS.indexOf(lastBeforeClosers(text, unitStart, spaceStart)) < 0) {
            return false;
        }
        // "Dr. Smith", "U.S. Army" and "e.g. this" read differently when cut apart.
        int wordStart = spaceStart;
        while (wordStart > unitStart && !Character.isWhitespace(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = text.substring(wordStart, spaceStart);
        String bare = word.replaceAll("^[\"'“‘(\\[]+|[.\"'”’)\\]]+$", "").toLowerCase();
        boolean abbreviation = word.endsWith(".") && (ABBREVIATIONS.contains(bare) || INITIALS.matcher(word).matches());
        return !abbreviation && !Character.isLowerCase(text.charAt(next));
    }

    private static char lastBeforeClosers(String text, int unitStart, int end) {
        int i = end - 1;
        while (i > unitStart && CLOSERS.indexOf(text.charAt(i)) >= 0) {
            i--;
        }
        return text.charAt(i);
    }
}
