package narrator.tts;

import java.util.List;

/**
 * A voice's text front end on its own: the model calls it would make for a text, without loading
 * the model. What users debugging a pronunciation need, and what the golden-file tests check.
 */
@FunctionalInterface
public interface FrontEnd {
    /**
     * @throws narrator.core.NarratorException INVALID_TEXT when the text has nothing to speak
     */
    List<ModelCall> calls(String text);

    /** The calls for text that may hold phonemes; front ends that take no phonemes use the written words. */
    default List<ModelCall> calls(SpokenText text) {
        return calls(text.asWritten());
    }

    /**
     * The symbols of {@code ipa} this voice has no sound for, in order of first appearance; empty when
     * all are known or when the voice takes no phonemes (it says the written words instead).
     */
    default List<String> unknownPhonemes(String ipa) {
        return List.of();
    }
}
