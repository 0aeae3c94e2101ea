package narrator.tts.kokoro;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kokoro v1.0's phoneme vocabulary: the {@code vocab} table of Kokoro-82M's {@code config.json}
 * (the same table kokoro-onnx ships), one IPA character to one token id. Id 0 is the pad token the
 * model expects at both ends of every call; it has no character.
 */
final class KokoroVocab {
    /** Every id of the table belongs to exactly one character, so a token count is a char count. */
    private static final Map<Character, Integer> IDS = Map.ofEntries(
            Map.entry(';', 1), Map.entry(':', 2), Map.entry(',', 3), Map.entry('.', 4),
            Map.entry('!', 5), Map.entry('?', 6), Map.entry('—', 9), Map.entry('…', 10),
            Map.entry('"', 11), Map.entry('(', 12), Map.entry(')', 13), Map.entry('“', 14),
            Map.entry('”', 15), Map.entry(' ', 16), Map.entry('\u0303', 17), Map.entry('ʣ', 18),
            Map.entry('ʥ', 19), Map.entry('ʦ', 20), Map.entry('ʨ', 21), Map.entry('ᵝ', 22),
            Map.entry('\uAB67', 23), Map.entry('A', 24), Map.entry('I', 25), Map.entry('O', 31),
            Map.entry('Q', 33), Map.entry('S', 35), Map.entry('T', 36), Map.entry('W', 39),
            Map.entry('Y', 41), Map.entry('ᵊ', 42), Map.entry('a', 43), Map.entry('b', 44),
            Map.entry('c', 45), Map.entry('d', 46), Map.entry('e', 47), Map.entry('f', 48),
            Map.entry('h', 50), Map.entry('i', 51), Map.entry('j', 52), Map.entry('k', 53),
            Map.entry('l', 54), Map.entry('m', 55), Map.entry('n', 56), Map.entry('o', 57),
            Map.entry('p', 58), Map.entry('q', 59), Map.entry('r', 60), Map.entry('s', 61),
            Map.entry('t', 62), Map.entry('u', 63), Map.entry('v', 64), Map.entry('w', 65),
            Map.entry('x', 66), Map.entry('y', 67), Map.entry('z', 68), Map.entry('ɑ', 69),
            Map.entry('ɐ', 70), Map.entry('ɒ', 71), Map.entry('æ', 72), Map.entry('β', 75),
            Map.entry('ɔ', 76), Map.entry('ɕ', 77), Map.entry('ç', 78), Map.entry('ɖ', 80),
            Map.entry('ð', 81), Map.entry('ʤ', 82), Map.entry('ə', 83), Map.entry('ɚ', 85),
            Map.entry('ɛ', 86), Map.entry('ɜ', 87), Map.entry('ɟ', 90), Map.entry('ɡ', 92),
            Map.entry('ɥ', 99), Map.entry('ɨ', 101), Map.entry('ɪ', 102), Map.entry('ʝ', 103),
            Map.entry('ɯ', 110), Map.entry('ɰ', 111), Map.entry('ŋ', 112), Map.entry('ɳ', 113),
            Map.entry('ɲ', 114), Map.entry('ɴ', 115), Map.entry('ø', 116), Map.entry('ɸ', 118),
            Map.entry('θ', 119), Map.entry('œ', 120), Map.entry('ɹ', 123), Map.entry('ɾ', 125),
            Map.entry('ɻ', 126), Map.entry('ʁ', 128), Map.entry('ɽ', 129), Map.entry('ʂ', 130),
            Map.entry('ʃ', 131), Map.entry('ʈ', 132), Map.entry('ʧ', 133), Map.entry('ʊ', 135),
            Map.entry('ʋ', 136), Map.entry('ʌ', 138), Map.entry('ɣ', 139), Map.entry('ɤ', 140),
            Map.entry('χ', 142), Map.entry('ʎ', 143), Map.entry('ʒ', 147), Map.entry('ʔ', 148),
            Map.entry('ˈ', 156), Map.entry('ˌ', 157), Map.entry('ː', 158), Map.entry('ʰ', 162),
            Map.entry('ʲ', 164), Map.entry('↓', 169), Map.entry('→', 171), Map.entry('↗', 172),
            Map.entry('↘', 173), Map.entry('ᵻ', 177));

    private KokoroVocab() {
    }

    static int size() {
        return IDS.size();
    }

    /** {@code phonemes} without the characters Kokoro has no token for (as kokoro-onnx drops them). */
    static String known(String phonemes) {
        StringBuilder kept = new StringBuilder(phonemes.length());
        for (int i = 0; i < phonemes.length(); i++) {
            if (IDS.containsKey(phonemes.charAt(i))) {
                kept.append(phonemes.charAt(i));
            }
        }
        return kept.toString();
    }

    /**
     * Where each spoken word of {@code phonemes} starts, as indexes into {@link #framedIds}: a word is a
     * space-separated token holding a phoneme letter; the first starts at 0, with the pad.
     */
    static List<Integer> wordStarts(String phonemes) {
        String kept = known(phonemes);
        List<Integer> starts = new ArrayList<>();
        int tokenStart = 0;
        boolean hasLetter = false;
        for (int i = 0; i <= kept.length(); i++) {
            char c = i < kept.length() ? kept.charAt(i) : ' ';
            if (c == ' ') {
                if (hasLetter) {
                    starts.add(starts.isEmpty() ? 0 : 1 + tokenStart);
                }
                hasLetter = false;
                tokenStart = i + 1;
            } else if (Character.isLetter(c) && Character.getType(c) != Character.MODIFIER_LETTER) {
                hasLetter = true;
            }
        }
        return starts;
    }

    /** The ids one model call receives: {@link #ids} framed by the pad id 0 at both ends. */
    static List<Long> framedIds(String phonemes) {
        List<Long> framed = new ArrayList<>();
        framed.add(0L);
        for (long id : ids(phonemes)) {
            framed.add(id);
        }
        framed.add(0L);
        return framed;
    }

    /** The token ids of {@code phonemes}, unknown characters dropped, without the pad tokens. */
    static long[] ids(String phonemes) {
        return known(phonemes).chars().mapToLong(c -> IDS.get((char) c)).toArray();
    }
}
