package narrator.tts.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import narrator.tts.ModelCall;
import narrator.tts.espeak.EspeakPhonemizer;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;

class PiperFrontEndTest {
    private static final PiperConfig CONFIG = PiperConfig.parse(TestVoices.piperConfig(1, 22050, 0f), "test.onnx.json");
    private final PiperFrontEnd frontEnd = new PiperFrontEnd(CONFIG, EspeakPhonemizer.shared());

    @Test
    void oneFramedCallPerSentenceWithClausePunctuationAndNothingBetweenClauses() {
        List<ModelCall> calls = frontEnd.calls("Hello, world. Well... maybe — not!");
        assertEquals(List.of("həlˈoʊ, wˈɜːld.", "wˈɛlmˈeɪbiː; nˈɑːt!"), calls.stream().map(ModelCall::phonemes).toList());
        List<Long> ids = calls.get(0).ids();
        assertEquals(List.of(1L, 0L), ids.subList(0, 2));
        assertEquals(List.of(TestVoices.phonemeId("."), 0L, 2L), ids.subList(ids.size() - 3, ids.size()));
        assertEquals(2 * "həlˈoʊ, wˈɜːld.".length() + 3, ids.size());
        assertEquals(ModelCall.NO_STYLE_ROW, calls.get(0).styleRow());
    }

    @Test
    void emptySentencesAreSkipped() {
        assertEquals(List.of(), frontEnd.calls(""));
        assertEquals(List.of(), frontEnd.calls("\n\n\n"));
    }

    @Test
    void aLongSentenceIsOneCall() {
        String sentence = "the narrator keeps talking, and talking, without a full stop ".repeat(30) + "until here.";
        List<ModelCall> calls = frontEnd.calls(sentence);
        assertEquals(1, calls.size());
        assertTrue(calls.get(0).phonemes().length() > 1000, calls.get(0).phonemes());
    }

    @Test
    void onlyPathologicalSentencesAreSplitAndOnlyAtClauseEnds() {
        String text = "one, two, three, four, five, six.";
        String whole = String.join("", frontEnd.calls(text).stream().map(ModelCall::phonemes).toList());
        List<ModelCall> calls = new PiperFrontEnd(CONFIG, EspeakPhonemizer.shared(), 12).calls(text);
        assertTrue(calls.size() > 1);
        assertEquals(whole, String.join("", calls.stream().map(ModelCall::phonemes).toList()));
        for (ModelCall call : calls.subList(0, calls.size() - 1)) {
            assertTrue(call.phonemes().endsWith(", "), call.phonemes());
        }
    }

    @Test
    void theDefaultBoundKeepsEveryCallBounded() {
        String text = "on and on it goes ".repeat(2000);
        List<ModelCall> calls = frontEnd.calls(text);
        assertTrue(calls.size() > 1);
        for (ModelCall call : calls) {
            assertTrue(call.phonemes().codePointCount(0, call.phonemes().length()) <= PiperFrontEnd.MAX_PHONEMES_PER_CALL);
        }
    }

    @Test
    void speaksOnlyWithASoundTheVoiceKnows() {
        assertTrue(frontEnd.speaks(new ModelCall("ab.", List.of(), ModelCall.NO_STYLE_ROW)));
        assertFalse(frontEnd.speaks(new ModelCall(" .? ", List.of(), ModelCall.NO_STYLE_ROW)));
        assertFalse(frontEnd.speaks(new ModelCall("😀", List.of(), ModelCall.NO_STYLE_ROW)));
    }

    @Test
    void buildsFromTheConfigAlone() {
        assertEquals(frontEnd.calls("Hi."), PiperFrontEnd.of(CONFIG).calls("Hi."));
    }
}
