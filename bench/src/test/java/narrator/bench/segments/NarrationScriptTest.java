package narrator.bench.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NarrationScriptTest {
    @Test
    void theScriptIsVariedAndAsLongAsAsked() {
        String script = NarrationScript.of(2);
        List<String> sentences = List.of(script.split("(?<=\\.) "));

        assertEquals(2 * NarrationScript.WORDS_PER_MINUTE, script.split(" ").length, 12.0);
        assertEquals(sentences.size(), sentences.stream().distinct().count(), "every sentence differs");
        assertEquals("The old harbour master walks slowly along the quay before the sun rises.", sentences.get(0));
        assertEquals(script, NarrationScript.of(2));
    }
}
