package narrator.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import narrator.tts.espeak.EspeakPhonemizer;
import narrator.tts.espeak.EspeakVoice;
import narrator.tts.kokoro.KokoroFrontEnd;
import narrator.tts.piper.PiperConfig;
import narrator.tts.piper.PiperFrontEnd;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPA in a text goes to Piper and Kokoro as given, bypassing espeak-ng, and symbols a voice lacks are named;
 * espeak-ng stresses emphasised words.
 */
class SpokenTextTest {
    private static final SpokenText WITH_IPA = new SpokenText(List.of(new SpokenText.Words("We run "),
            new SpokenText.Phonemes("ˈɛndʒɪn ɛks", "Nginx"), new SpokenText.Words(" at night.")));

    @TempDir
    Path dir;

    @Test
    void theWrittenFormAndTheKeyTellTheTextsApart() {
        assertEquals("We run Nginx at night.", WITH_IPA.asWritten());
        assertEquals("We run \u0001ˈɛndʒɪn ɛks\u0001 at night.", WITH_IPA.key());
        assertEquals("Plain.", SpokenText.of("Plain.").key());
    }

    @Test
    void espeakStressesEmphasisedWordsAndSaysPlainTextAsBefore() {
        EspeakVoice voice = EspeakVoice.load("en-us");
        SpokenText plain = new SpokenText(List.of(new SpokenText.Words("This is "), new SpokenText.Words("very"),
                new SpokenText.Words(" important & true.")));
        SpokenText stressed = new SpokenText(List.of(new SpokenText.Words("This is "),
                new SpokenText.Words("very", true), new SpokenText.Words(" important & true.")));

        float[] asWritten = voice.speak("This is very important & true.", SpeechOptions.DEFAULT).samples();
        // espeak-ng itself varies by a sample or two between identical calls.
        assertEquals(asWritten.length, voice.speak(plain, SpeechOptions.DEFAULT).samples().length, 50);
        Speech emphasised = voice.speak(stressed, SpeechOptions.DEFAULT);
        assertTrue(emphasised.samples().length > asWritten.length * 1.02, "the stressed word is said more slowly: "
                + emphasised.samples().length + " vs " + asWritten.length);
        assertEquals(voice.speak(plain, SpeechOptions.DEFAULT).phonemes(), emphasised.phonemes());
    }

    @Test
    void piperSendsTheIpaAsGivenBetweenItsOwnPhonemesOfTheWords() throws Exception {
        Path config = Files.writeString(dir.resolve("v.onnx.json"), TestVoices.piperConfig(1, 22050, 0f));
        PiperFrontEnd piper = PiperFrontEnd.of(PiperConfig.read(config));
        List<ModelCall> calls = piper.calls(WITH_IPA);

        assertEquals(1, calls.size());
        String words = piper.calls("We run").get(0).phonemes();
        String after = piper.calls("at night.").get(0).phonemes();
        assertEquals(words + " " + Normalizer.normalize("ˈɛndʒɪn ɛks", Normalizer.Form.NFD) + " " + after,
                calls.get(0).phonemes());
        assertEquals(List.of(), piper.unknownPhonemes("ˈɛndʒɪn ɛks"));
        assertEquals(List.of("☃", "Q"), piper.unknownPhonemes("☃aQ☃"));
        assertEquals(piper.calls("We run Nginx at night."), piper.calls(SpokenText.of("We run Nginx at night.")),
                "a text without phonemes is phonemized as it always was");
    }

    @Test
    void kokoroSendsTheIpaInItsOwnSpelling() {
        KokoroFrontEnd kokoro = KokoroFrontEnd.of(EspeakPhonemizer.shared());
        List<ModelCall> calls = kokoro.calls(WITH_IPA, "af_heart");

        assertEquals(1, calls.size());
        assertTrue(calls.get(0).phonemes().contains("ˈɛndʒɪn ɛks"), calls.get(0).phonemes());
        assertEquals(calls.get(0).ids().size() - 2, calls.get(0).styleRow());
        assertEquals(List.of(), KokoroFrontEnd.unknownPhonemes("ˈɛndʒɪn ɛks"));
        assertEquals(List.of("☃"), KokoroFrontEnd.unknownPhonemes("ɹ☃"));
    }
}
