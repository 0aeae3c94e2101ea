package narrator.pipeline.subtitles;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import narrator.pipeline.Speaker;
import narrator.pipeline.TextSpan;

/**
 * One subtitle shown from {@code startSample} to {@code endSample} of the narration: 1 or 2 lines
 * already wrapped, and, for the caption styles that draw words (karaoke, word, highlight), the words that
 * tile its span exactly in reading order (empty when not drawn); {@code speaker}, who says it in a dialogue
 * (null otherwise), gives it the speaker's colour. {@code label} ("ALICE:"), when the cue starts a speaker's
 * turn and labels are on, starts the first line, followed by a space; it is no word. {@code emphasis} are the
 * emphasised stretches of the lines joined by {@code '\n'}. Times stay in samples; writers convert each
 * boundary to text once.
 */
public record Cue(long startSample, long endSample, int sampleRate, List<String> lines, List<WordTiming> words,
                  Speaker speaker, String label, List<TextSpan> emphasis) {
    public Cue {
        lines = List.copyOf(lines);
        words = List.copyOf(words);
        emphasis = List.copyOf(emphasis);
        if (label != null && (lines.isEmpty() || !lines.get(0).startsWith(label + " "))) {
            throw new IllegalArgumentException("the label '" + label + "' must start the first line, got " + lines);
        }
        if (sampleRate <= 0 || startSample < 0 || endSample < startSample) {
            throw new IllegalArgumentException("bad cue span " + startSample + ".." + endSample + " at " + sampleRate + " Hz");
        }
        if (lines.isEmpty() || lines.size() > 2
                || lines.stream().anyMatch(l -> l.isBlank() || l.indexOf('\n') >= 0 || l.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("a cue has 1 or 2 non-blank single lines, got " + lines);
        }
        if (!words.isEmpty()) {
            checkWords(startSample, endSample, spoken(lines, label), words);
        }
    }

    /** A cue of a script without speakers or emphasis. */
    public Cue(long startSample, long endSample, int sampleRate, List<String> lines, List<WordTiming> words) {
        this(startSample, endSample, sampleRate, lines, words, null, null, List.of());
    }

    /** A dialogue cue without label or emphasis. */
    public Cue(long startSample, long endSample, int sampleRate, List<String> lines, List<WordTiming> words,
               Speaker speaker) {
        this(startSample, endSample, sampleRate, lines, words, speaker, null, List.of());
    }

    /** Whether column {@code offset} of the lines joined by {@code '\n'} is emphasised. */
    boolean emphasised(int offset) {
        return emphasis.stream().anyMatch(s -> s.start() <= offset && offset < s.end());
    }

    private static List<String> spoken(List<String> lines, String label) {
        if (label == null) {
            return lines;
        }
        List<String> rest = new java.util.ArrayList<>(lines);
        rest.set(0, lines.get(0).substring(label.length() + 1));
        return rest;
    }

    /** The speaker's caption colour, {@code #RRGGBB}, or empty for the style's own. */
    Optional<String> colour() {
        return speaker == null ? Optional.empty() : Optional.ofNullable(speaker.colour());
    }

    // The ASS writer places one karaoke tag per word by finding the words in the lines, and times them by
    // their boundaries: both need words that spell the lines and tile the cue.
    private static void checkWords(long start, long end, List<String> lines, List<WordTiming> words) {
        long expected = start;
        for (WordTiming w : words) {
            if (w.startSample() != expected) {
                throw new IllegalArgumentException("words must tile the cue without gaps, '" + w.text()
                        + "' starts at " + w.startSample() + " instead of " + expected);
            }
            expected = w.endSample();
        }
        if (expected != end) {
            throw new IllegalArgumentException("the last word ends at " + expected + ", the cue at " + end);
        }
        String spelled = words.stream().map(WordTiming::text).collect(Collectors.joining()).replace(" ", "");
        if (!spelled.equals(String.join("", lines).replace(" ", ""))) {
            throw new IllegalArgumentException("words " + spelled + " do not spell the lines " + lines);
        }
    }
}
