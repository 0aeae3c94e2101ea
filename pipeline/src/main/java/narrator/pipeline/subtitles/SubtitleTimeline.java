package narrator.pipeline.subtitles;

import java.util.ArrayList;
import java.util.List;
import narrator.pipeline.Narration;
import narrator.pipeline.SpokenSentence;

/**
 * Turns a narration into cues. By default one per sentence, spanning exactly its samples; a sentence too
 * long for two lines becomes consecutive cues that tile its span, cut where its words are heard
 * ({@link WordTimer}), so a cue change and the voice stay together. The {@code word} style makes one cue
 * per word, {@code chunks} one per few words ({@link PhraseChunker}). Sentences with no text or no
 * samples get no cue.
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
        for (SpokenSentence sentence : narration.sentences()) {
            cues.addAll(cues(sentence, narration.sampleRate(), resolvedStyle.maxCharsPerLine(), captions));
        }
        return List.copyOf(cues);
    }

    private static List<Cue> cues(SpokenSentence sentence, int sampleRate, int maxChars, Captions captions) {
        List<Unit> units = Units.of(sentence.text(), maxChars);
        if (units.isEmpty() || sentence.endSample() <= sentence.startSample()) {
            return List.of();
        }
        List<WordTiming> timings = WordTimer.time(units, sentence.startSample(), sentence.endSample(),
                sentence.phonemes(), sentence.wordStarts());
        int[] cuts = switch (captions.style()) {
            case WORD -> PhraseChunker.split(units, 1, maxChars);
            case CHUNKS -> PhraseChunker.split(units, captions.maxWords(), maxChars);
            default -> SentenceChunker.split(units, maxChars);
        };
        List<Cue> cues = new ArrayList<>(cuts.length - 1);
        for (int c = 0; c + 1 < cuts.length; c++) {
            List<WordTiming> words = timings.subList(cuts[c], cuts[c + 1]);
            List<String> lines = LineWrapper.lines(units.subList(cuts[c], cuts[c + 1]), maxChars).orElseThrow();
            cues.add(new Cue(words.get(0).startSample(), words.get(words.size() - 1).endSample(), sampleRate, lines,
                    captions.style().timesWords() ? words : List.of(), sentence.speaker()));
        }
        return cues;
    }
}
