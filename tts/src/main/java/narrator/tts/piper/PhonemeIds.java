package narrator.tts.piper;

import java.util.List;
import java.util.Map;

/**
 * Model input for one utterance: the framed ids, how many phonemes were spoken, and the phonemes
 * the voice does not know (skipped) with how often each occurred.
 */
public record PhonemeIds(List<Long> ids, int spokenPhonemes, Map<String, Integer> missing) {
    public PhonemeIds {
        ids = List.copyOf(ids);
        missing = Map.copyOf(missing);
    }

    long[] toArray() {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
