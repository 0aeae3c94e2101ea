package narrator.pipeline.subtitles;

import java.util.ArrayList;
import java.util.List;
import narrator.pipeline.Narration;
import narrator.pipeline.Speaker;
import narrator.pipeline.SpokenSentence;

/**
 * Turns a narration into cues. By default one per sentence, spanning exactly its samples; a sentence too
 * long for two lines becomes consecutive cues that tile its span, cut where its words are heard
 * ({@link WordTimer}), so a cue change and the voice stay together. The {@code word} style makes one cue
 * per word, {@code chunks} one per few words ({@link PhraseChunker}). Sentences with no text or no
 * samples get no cue. Emphasised words are marked on their cues; with speaker labels on, the first cue of
 * each speaker's turn starts with "NAME: ", glued to its first word so that wrapping and chunking count it.
 */
public final class SubtitleTimeline {
    private SubtitleTimeline() {
    }

    /**
     * @param resolvedStyle a style after {@link SubtitleStyle#resolve}, for its line length
     * @param captions how cues follow the voice; word timings are attached for the styles that draw them
     */
    public static List<Cue> build(Narration narration, SubtitleStyle resolvedStyle, Captions captions) {
        if (!resolvedStyle.isResolved()) {
            throw new IllegalArgumentException("resolve the subtitle style for the frame size first");
        }
        List<Cue> cues = new ArrayList<>();
        Speaker previous = null;
        for (SpokenSentence sentence : narration.sentences()) {
            boolean turn = resolvedStyle.speakerLabels() && sentence.speaker() != null
                    && !sentence.speaker().equals(previous);
            List<Cue> made = cues(sentence, narration.sampleRate(), resolvedStyle.maxCharsPerLine(), captions,
                    turn ? sentence.speaker().name() + ":" : null);
            if (!made.isEmpty()) {
                previous = sentence.speaker();
            }
            cues.addAll(made);
        }
        return List.copyOf(cues);
    }

    private static List<Cue> cues(SpokenSentence sentence, int sampleRate, int maxChars, Captions captions,
                                  String label) {
        List<Unit> units = Units.of(sentence.text(), maxChars);
        if (units.isEmpty() || sentence.endSample() <= sentence.startSample()) {
            return List.of();
        }
        List<WordTiming> timings = WordTimer.time(units, sentence.startSample(), sentence.endSample(),
                sentence.phonemes(), sentence.wordStarts());
        boolean[] emphasised = Emphasis.words(sentence.text(), sentence.emphasis(), units.get(units.size() - 1).word() + 1);
        List<Unit> shown = labelled(units, label, maxChars);
        String cueLabel = shown == units ? null : label;
        int[] cuts = switch (captions.style()) {
            case WORD -> PhraseChunker.split(shown, 1, maxChars);
            case CHUNKS -> PhraseChunker.split(shown, captions.maxWords(), maxChars);
            default -> SentenceChunker.split(shown, maxChars);
        };
        List<Cue> cues = new ArrayList<>(cuts.length - 1);
        for (int c = 0; c + 1 < cuts.length; c++) {
            List<WordTiming> words = timings.subList(cuts[c], cuts[c + 1]);
            List<String> lines = LineWrapper.lines(shown.subList(cuts[c], cuts[c + 1]), maxChars).orElseThrow();
            String first = c == 0 ? cueLabel : null;
            cues.add(new Cue(words.get(0).startSample(), words.get(words.size() - 1).endSample(), sampleRate, lines,
                    captions.style().timesWords() ? words : List.of(), sentence.speaker(), first,
                    Emphasis.inLines(lines, units.subList(cuts[c], cuts[c + 1]), emphasised,
                            first == null ? 0 : first.length() + 1)));
        }
        return cues;
    }

    /**
     * The units with {@code label} glued to the first, so the label never stands alone on a line or in a
     * caption; the units as they are when there is no label or it would not fit one line with that word.
     */
    private static List<Unit> labelled(List<Unit> units, String label, int maxChars) {
        if (label == null) {
            return units;
        }
        Unit first = units.get(0);
        String text = label + " " + first.text();
        if (Units.width(text) > maxChars) {
            return units;
        }
        List<Unit> shown = new ArrayList<>(units);
        shown.set(0, new Unit(text, first.spaceBefore(), first.word()));
        return shown;
    }
}
