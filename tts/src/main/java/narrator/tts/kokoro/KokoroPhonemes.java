package narrator.tts.kokoro;

/**
 * espeak-ng IPA in the form Kokoro was trained on. Kokoro learned misaki's phonemes, which spell a
 * few sounds differently from espeak-ng; kokoro-onnx maps them as here before tokenizing, and
 * anything the vocabulary lacks is dropped.
 */
final class KokoroPhonemes {
    private KokoroPhonemes() {
    }

    static String fromEspeak(String ipa) {
        return KokoroVocab.known(respelled(ipa)).replaceAll(" {2,}", " ").strip();
    }

    /** The IPA with misaki's spelling of the sounds it spells differently, nothing dropped yet. */
    static String respelled(String ipa) {
        return ipa.replace('ʲ', 'j')
                .replace('r', 'ɹ')
                .replace('x', 'k')
                .replace('ɬ', 'l');
    }

    /** Whether the phonemes hold a sound rather than only punctuation, stress marks and spaces. */
    static boolean speakable(String phonemes) {
        return phonemes.codePoints().anyMatch(c -> Character.isLetter(c) && Character.getType(c) != Character.MODIFIER_LETTER);
    }
}
