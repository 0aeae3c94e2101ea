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
}
