package narrator.tts.piper;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Phonemes to model ids exactly as piper-phonemize does: NFD-normalize, take each codepoint as a
 * phoneme, frame as {@code ^ _ (phoneme _)* $}. Phonemes missing from the map are skipped and
 * counted rather than failing the whole utterance.
 */
public final class PhonemeIdMapper {
    private static final String PAD = "_";
    private static final String BOS = "^";
    private static final String EOS = "$";

    private final Map<String, List<Long>> idMap;

    public PhonemeIdMapper(Map<String, List<Long>> idMap) {
        this.idMap = Map.copyOf(idMap);
    }

    public PhonemeIds map(String phonemes) {
        List<Long> pad = idMap.get(PAD);
        List<Long> ids = new ArrayList<>(idMap.get(BOS));
        ids.addAll(pad);
        Map<String, Integer> missing = new TreeMap<>();
        int spoken = 0;
        List<Integer> wordStarts = new ArrayList<>();
        int tokenStart = 0;
        boolean tokenHasLetter = false;
        String decomposed = Normalizer.normalize(phonemes, Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length(); ) {
            int codepoint = decomposed.codePointAt(i);
            String phoneme = Character.toString(codepoint);
            i += Character.charCount(codepoint);
            List<Long> phonemeIds = idMap.get(phoneme);
            if (phonemeIds == null) {
                missing.merge(phoneme, 1, Integer::sum);
                continue;
            }
            if (Character.isWhitespace(codepoint)) {
                if (tokenHasLetter) {
                    wordStarts.add(wordStarts.isEmpty() ? 0 : tokenStart);
                }
                tokenHasLetter = false;
                tokenStart = ids.size() + phonemeIds.size() + pad.size();
            } else if (Character.isLetter(codepoint) && Character.getType(codepoint) != Character.MODIFIER_LETTER) {
                tokenHasLetter = true;
            }
            ids.addAll(phonemeIds);
            ids.addAll(pad);
            if (!Character.isWhitespace(codepoint)) {
                spoken++;
            }
        }
        if (tokenHasLetter) {
            wordStarts.add(wordStarts.isEmpty() ? 0 : tokenStart);
        }
        ids.addAll(idMap.get(EOS));
        return new PhonemeIds(ids, spoken, missing, wordStarts);
    }
}
