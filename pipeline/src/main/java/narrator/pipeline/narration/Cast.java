package narrator.pipeline.narration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Sentence;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;

/**
 * The voices of a script: the request's own, for sentences no speaker says, and one per speaker the
 * request names, by the name its lines start with.
 */
public record Cast(Voicing narrator, Map<String, Voicing> speakers) {
    /** A voice and how it speaks. */
    public record Voicing(Voice voice, SpeechOptions options) {
    }

    public Cast {
        speakers = Map.copyOf(speakers);
    }

    /** One voice for the whole script. */
    public static Cast of(Voice voice, SpeechOptions options) {
        return new Cast(new Voicing(voice, options), Map.of());
    }

    Voicing of(Sentence sentence) {
        if (sentence.speaker() == null) {
            return narrator;
        }
        Voicing voicing = speakers.get(sentence.speaker().name());
        if (voicing == null) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "speaker " + sentence.speaker().name()
                    + " has no voice in the request's speakers");
        }
        return voicing;
    }

    /** The distinct voices that say {@code sentences}, in order of first use. */
    Set<Voice> voices(List<Sentence> sentences) {
        Set<Voice> voices = new LinkedHashSet<>();
        sentences.forEach(sentence -> voices.add(of(sentence).voice()));
        return voices;
    }
}
