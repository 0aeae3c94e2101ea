package narrator.tts.piper;

import java.util.List;
import java.util.Map;

/**
 * Model input for one utterance: the framed ids, how many phonemes were spoken, the phonemes the voice
 * does not know (skipped) with how often each occurred, and where in {@code ids} each spoken word
 * starts (a space-separated token holding a phoneme letter; the first word at 0, with the framing).
 */
public record PhonemeIds(List<Long> ids, int spokenPhonemes, Map<String, Integer> missing, List<Integer> wordStarts) {
    public PhonemeIds {
        ids = List.copyOf(ids);
        wordStarts = List.copyOf(wordStarts);
        missing = Map.copyOf(missing);
    }

    long[] toArray() {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
