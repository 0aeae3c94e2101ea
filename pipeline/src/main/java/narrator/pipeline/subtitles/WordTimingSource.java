package narrator.pipeline.subtitles;

import java.util.List;
import java.util.Locale;
import narrator.pipeline.Narration;
import narrator.pipeline.SpokenSentence;

/**
 * Where a narration's word timings come from: {@code model} when the voice reported where every word of
 * every sentence starts (a voice model with a durations output), {@code alignment} when the words were
 * found in a provided voiceover by a trusted alignment, {@code estimate} when any sentence's words had to
 * be placed by {@link WordTimer}'s phoneme-weighted estimate or stretched over a recording.
 */
public enum WordTimingSource {
    MODEL, ALIGNMENT, ESTIMATE;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For a synthesized narration, which cannot tell alignment from model on its own. */
    public static WordTimingSource of(Narration narration) {
        return narration.sentences().stream().allMatch(WordTimingSource::known) ? MODEL : ESTIMATE;
    }

    private static boolean known(SpokenSentence sentence) {
        List<Unit> units = Units.of(sentence.text(), Integer.MAX_VALUE);
        return units.isEmpty() || WordTimer.knows(units, sentence.wordStarts());
    }
}
