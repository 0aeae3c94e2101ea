package narrator.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.ModelCall;
import narrator.tts.espeak.EspeakPhonemizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With Debian's espeak-ng; exact ids against kokoro-js are {@link KokoroGoldenTest}'s job. */
class KokoroFrontEndTest {
    private static final String LONG = "The village woke slowly that morning. Smoke rose from the chimneys, and the"
            + " baker opened his shutters before anyone else. Down by the river, an old fisherman untangled his nets"
            + " while the mist lifted from the water; children ran past him on their way to school, shouting and"
            + " laughing, and he watched them go.";

    private final EspeakPhonemizer espeak = EspeakPhonemizer.shared();

    @Test
    void aShortTextIsOneCallFramedByPadsWithTheRowOfItsLength() {
        List<ModelCall> calls = KokoroFrontEnd.of(espeak).calls("Dr. Smith paid $25.", "af_heart");

        assertEquals(1, calls.size());
        ModelCall call = calls.get(0);
        assertEquals("dˈɑːktɚ smˈɪθ pˈeɪd twˈɛnti fˈaɪv dˈɑːlɚz.", call.phonemes());
        assertEquals(0L, call.ids().get(0));
        assertEquals(0L, call.ids().get(call.ids().size() - 1));
        assertEquals(call.ids().size() - 2, call.styleRow());
        assertEquals(KokoroVocab.framedIds(call.phonemes()), call.ids());
    }

    @Test
    void britishVoicesSpeakBritishEnglish() {
        assertEquals("ɐ nˈaɪnti pəsˈɛnt tʃˈans.",
                KokoroFrontEnd.of(espeak).calls("A ninety percent chance.", "bf_emma").get(0).phonemes());
    }

    @Test
    void aLongTextIsSplitUnderTheBudgetWithoutLosingAWord() {
        List<KokoroPiece> pieces = new KokoroFrontEnd(espeak, 40).pieces(LONG, "af_heart");

        assertTrue(pieces.size() > 3, pieces.size() + " pieces");
        for (KokoroPiece piece : pieces) {
            assertTrue(piece.call().ids().size() - 2 <= 40, piece.text());
        }
        List<String> words = pieces.stream().flatMap(piece -> Arrays.stream(piece.text().split(" "))).toList();
        assertEquals(Arrays.asList(LONG.split(" ")), words);
    }

    @Test
    void theDefaultBudgetSplitsALongText() {
        KokoroFrontEnd frontEnd = KokoroFrontEnd.of(espeak);
        String text = (LONG + " ").repeat(3);

        assertTrue(frontEnd.calls(text, "am_adam").stream().allMatch(c -> c.ids().size() - 2 <= KokoroModel.MAX_TOKENS_PER_CALL));
    }

    @Test
    void otherLanguagesUseEspeakSentences() {
        List<ModelCall> calls = KokoroFrontEnd.of(espeak).calls("Bonjour à tous.", "ff_siwis");

        assertEquals(1, calls.size());
        assertTrue(calls.get(0).phonemes().startsWith("bɔ̃ʒˈuʁ"), calls.get(0).phonemes());
        assertEquals(calls.get(0).ids().size() - 2, calls.get(0).styleRow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n", "...!?", "— , ;"})
    void textWithNothingToSayIsInvalid(String text) {
        for (String voice : List.of("af_heart", "ff_siwis")) {
            NarratorException e = assertThrows(NarratorException.class, () -> KokoroFrontEnd.of(espeak).calls(text, voice));
            assertEquals(ErrorCode.INVALID_TEXT, e.code());
        }
    }

    @Test
    void theBudgetMustFitTheModel() {
        assertThrows(IllegalArgumentException.class, () -> new KokoroFrontEnd(espeak, 0));
        assertThrows(IllegalArgumentException.class, () -> new KokoroFrontEnd(espeak, KokoroModel.MAX_TOKENS + 1));
    }
}
