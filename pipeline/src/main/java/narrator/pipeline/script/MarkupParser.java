package narrator.pipeline.script;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Pronunciation;
import narrator.pipeline.Speaker;
import narrator.pipeline.TextSpan;

/**
 * Reads a script's markup into passages, in one pass over its characters. The constructs:
 * <ul>
 *   <li>{@code NAME:} at the start of a line, for a speaker the request names, starts that speaker's
 *       turn; any other word before a colon is text;</li>
 *   <li>{@code [pause]} (0.5 s), {@code [pause 1.2s]}, {@code [pause 800ms]}: 0 to 10 s of silence;</li>
 *   <li>{@code [written](spoken)}: say {@code written} as {@code spoken} (a respelling, or IPA between slashes);</li>
 *   <li>{@code *words*}: emphasis, when the stars hug the words ({@code 5 * 3} is text);</li>
 *   <li>{@code \[ \] \* \\} write the character itself.</li>
 * </ul>
 * A {@code [} that starts none of these (such as {@code [citation needed]}) is text. The script is
 * first NFC-normalized and stripped of the characters {@link TextNormalizer} drops, so that the
 * passages' text is what the splitter sees; error places count characters of that form.
 */
final class MarkupParser {
    static final double DEFAULT_PAUSE_SECONDS = 0.5;
    static final double MAX_PAUSE_SECONDS = 10;
    private static final Pattern PAUSE_START = Pattern.compile("\\[pause(?=[\\]\\s])", Pattern.CASE_INSENSITIVE);
    private static final Pattern PAUSE_LENGTH = Pattern.compile("(\\d{1,5}(?:\\.\\d{1,3})?)\\s*(s|ms)",
            Pattern.CASE_INSENSITIVE);

    private final ScriptMarkup markup;
    private final List<String> speakerNames;

    private String source;
    private int i;
    private final List<Passage> passages = new ArrayList<>();
    private Speaker speaker;
    private final StringBuilder text = new StringBuilder();
    private final List<Integer> offsets = new ArrayList<>();
    private final List<TextSpan> emphasis = new ArrayList<>();
    private final List<Pronunciation> inline = new ArrayList<>();
    private int emphasisStart = -1;
    private int emphasisSource;

    MarkupParser(ScriptMarkup markup) {
        this.markup = markup;
        // Longest first, so "ALICE B" wins over "ALICE" on "ALICE B: hello".
        this.speakerNames = markup.speakers().keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    MarkedScript parse(String script) {
        source = Normalizer.normalize(script, Normalizer.Form.NFC);
        boolean lineStart = true;
        for (i = 0; i < source.length(); ) {
            if (lineStart && markup.enabled()) {
                speakerLine();
            }
            lineStart = false;
            if (i == source.length()) {
                break; // a speaker line with nothing after its colon ends the script
            }
            char c = source.charAt(i);
            int breaks = TextNormalizer.lineBreaks(source, i);
            if (breaks > 0) {
                closeEmphasisCheck();
                i += c == '\r' && i + 1 < source.length() && source.charAt(i + 1) == '\n' ? 2 : 1;
                for (int b = 0; b < breaks; b++) {
                    append('\n', i - 1);
                }
                lineStart = true;
            } else if (TextNormalizer.dropped(c)) {
                i++;
            } else if (!markup.enabled()) {
                append(c, i++);
            } else if (c == '\\' && i + 1 < source.length() && "[]*\\".indexOf(source.charAt(i + 1)) >= 0) {
                append(source.charAt(i + 1), i + 1);
                i += 2;
            } else if (c == '[') {
                bracket();
            } else if (c == '*') {
                star();
            } else {
                append(c, i++);
            }
        }
        closeEmphasisCheck();
        endPassage(null);
        return new MarkedScript(source, passages);
    }

    /** At a line's start: a named speaker and a colon start that speaker's turn. */
    private void speakerLine() {
        int at = i;
        while (at < source.length() && (source.charAt(at) == ' ' || source.charAt(at) == '\t')) {
            at++;
        }
        for (String name : speakerNames) {
            if (source.startsWith(name + ":", at)) {
                endPassage(null);
                speaker = markup.speakers().get(name);
                i = at + name.length() + 1;
                return;
            }
        }
    }

    private void bracket() {
        int lineEnd = lineEnd(i);
        Matcher pause = PAUSE_START.matcher(source).region(i, lineEnd);
        if (pause.lookingAt()) {
            int close = source.indexOf(']', pause.end());
            if (close < 0 || close > lineEnd) {
                throw error(i, "a pause is not closed: write [pause], [pause 1.2s] or [pause 800ms]");
            }
            double seconds = pauseSeconds(source.substring(pause.end(), close).strip(), i);
            if (emphasisStart >= 0) {
                throw error(i, "a pause cannot stand inside *emphasis*");
            }
            endPassage(seconds);
            i = close + 1;
            return;
        }
        int close = unescaped(']', i + 1, lineEnd);
        if (close < 0 || close + 1 >= lineEnd || source.charAt(close + 1) != '(') {
            append('[', i++); // an ordinary bracket, such as [citation needed]
            return;
        }
        int end = source.indexOf(')', close + 2);
        if (end < 0 || end > lineEnd) {
            throw error(i, "a pronunciation is not closed: write [written](spoken) on one line");
        }
        String written = source.substring(i + 1, close);
        String spoken = source.substring(close + 2, end).strip();
        if (written.isBlank() || spoken.isEmpty()) {
            throw error(i, "a pronunciation needs both parts: [written](spoken), e.g. [Nginx](engine x)");
        }
        if (spoken.startsWith("/") && !Lexicon.isIpa(spoken)) {
            throw error(close + 2, "IPA goes between two slashes, like (/kuːbɚnˈɛtiːz/)");
        }
        int start = text.length();
        for (int k = i + 1; k < close; k++) {
            append(source.charAt(k), k);
        }
        inline.add(Lexicon.pronunciation(new TextSpan(start, text.length()), spoken));
        i = end + 1;
    }

    private double pauseSeconds(String length, int at) {
        if (length.isEmpty()) {
            return DEFAULT_PAUSE_SECONDS;
        }
        Matcher m = PAUSE_LENGTH.matcher(length);
        if (!m.matches()) {
            throw error(at, "a pause length is like 1.2s or 800ms, got '" + length + "'");
        }
        double seconds = Double.parseDouble(m.group(1)) / (m.group(2).toLowerCase(Locale.ROOT).equals("ms") ? 1000 : 1);
        if (seconds > MAX_PAUSE_SECONDS) {
            throw error(at, "a pause may be at most " + (int) MAX_PAUSE_SECONDS + " s, got " + length);
        }
        return seconds;
    }

    /** A star hugging a word opens emphasis when a closing star follows on the line; else it is text. */
    private void star() {
        boolean afterWord = i > 0 && !Character.isWhitespace(source.charAt(i - 1));
        if (emphasisStart >= 0 && afterWord) {
            if (text.length() > emphasisStart) {
                emphasis.add(new TextSpan(emphasisStart, text.length()));
            }
            emphasisStart = -1;
            i++;
            return;
        }
        boolean beforeWord = i + 1 < source.length() && !Character.isWhitespace(source.charAt(i + 1));
        if (emphasisStart < 0 && beforeWord && closingStar(i + 2, lineEnd(i)) >= 0) {
            emphasisStart = text.length();
            emphasisSource = i;
            i++;
            return;
        }
        append('*', i++);
    }

    private int closingStar(int from, int lineEnd) {
        for (int k = from; k < lineEnd; k++) {
            char c = source.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '*' && !Character.isWhitespace(source.charAt(k - 1))) {
                return k;
            }
        }
        return -1;
    }

    private void closeEmphasisCheck() {
        if (emphasisStart >= 0) {
            throw error(emphasisSource, "*emphasis* is not closed on its line");
        }
    }

    private int unescaped(char wanted, int from, int lineEnd) {
        for (int k = from; k < lineEnd; k++) {
            char c = source.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == wanted) {
                return k;
            }
        }
        return -1;
    }

    private int lineEnd(int from) {
        int k = from;
        while (k < source.length() && TextNormalizer.lineBreaks(source, k) == 0) {
            k++;
        }
        return k;
    }

    private void append(char c, int sourceIndex) {
        text.append(c);
        offsets.add(sourceIndex);
    }

    /** Ends the current passage (if it has any text, or a pause to add) with the pause after it. */
    private void endPassage(Double pauseAfter) {
        if (!text.isEmpty() || pauseAfter != null) {
            String written = text.toString();
            List<TextSpan> taken = inline.stream().map(Pronunciation::span).toList();
            List<Pronunciation> pronunciations = new ArrayList<>(inline);
            pronunciations.addAll(markup.lexicon().find(written, taken));
            pronunciations.sort(Comparator.comparingInt(p -> p.span().start()));
            passages.add(new Passage(speaker, written, emphasis, pronunciations, pauseAfter,
                    offsets.stream().mapToInt(Integer::intValue).toArray()));
        }
        text.setLength(0);
        offsets.clear();
        emphasis.clear();
        inline.clear();
    }

    private NarratorException error(int sourceIndex, String message) {
        MarkedScript.Place place = MarkedScript.place(source, sourceIndex);
        return new NarratorException(ErrorCode.INVALID_REQUEST, "script " + place + ": " + message,
                Map.of("field", "script", "line", place.line(), "column", place.column()), null);
    }
}
