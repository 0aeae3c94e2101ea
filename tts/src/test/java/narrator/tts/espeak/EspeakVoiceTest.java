package narrator.tts.espeak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import java.util.List;
import narrator.tts.MarkedSpeech;
import narrator.tts.Speech;
import narrator.tts.WordMark;
import narrator.tts.SpeechOptions;
import org.junit.jupiter.api.Test;

class EspeakVoiceTest {
    private final EspeakVoice voice = EspeakVoice.load("en-us");

    @Test
    void speaksAudibleAudioAt22050Hz() {
        Speech speech = voice.speak("Hello, world. This is the fallback voice.", SpeechOptions.DEFAULT);
        assertEquals(22050, speech.sampleRate());
        assertEquals(22050, voice.info().sampleRate());
        assertTrue(speech.durationSeconds() > 1 && speech.durationSeconds() < 6, "seconds: " + speech.durationSeconds());
        assertTrue(rms(speech.samples()) > 0.01, "rms: " + rms(speech.samples()));
        assertEquals("həlˈoʊ, wˈɜːld. ðɪs ɪz ðə fˈɔːlbæk vˈɔɪs.", speech.phonemes());
    }

    @Test
    void marksWhereEachWordStarts() {
        String text = "Café owners, naïve ones too, sell 3 cakes.";
        MarkedSpeech marked = voice.speakMarked(text, SpeechOptions.DEFAULT);
        List<String> starts = marked.words().stream()
                .map(w -> text.substring(w.textIndex(), Math.min(text.length(), w.textIndex() + 3))).toList();
        assertEquals(List.of("Caf", "own", "naï", "one", "too", "sel", "3 c", "cak"), starts);
        long previous = -1;
        for (WordMark word : marked.words()) {
            assertTrue(word.sample() > previous && word.sample() < marked.speech().samples().length, marked.words().toString());
            previous = word.sample();
        }
        // the first word starts at the first sound, not after a pause
        assertTrue(marked.words().get(0).sample() < 22050 / 10, marked.words().toString());
    }

    @Test
    void fasterSpeedIsShorter() {
        String text = "The quick brown fox jumps over the lazy dog.";
        double normal = voice.speak(text, SpeechOptions.DEFAULT).durationSeconds();
        double fast = voice.speak(text, new SpeechOptions(2.0, null)).durationSeconds();
        assertTrue(fast < normal * 0.7, normal + " vs " + fast);
    }

    @Test
    void idNamesTheLanguage() {
        assertEquals("espeak:en-us", voice.info().id());
        assertEquals("espeak", voice.info().engine());
    }

    @Test
    void unknownLanguageIsAnUnknownVoice() {
        NarratorException e = assertThrows(NarratorException.class, () -> EspeakVoice.load("xx-nope"));
        assertEquals(ErrorCode.UNKNOWN_VOICE, e.code());
    }

    @Test
    void emojiOnlyIsInvalidText() {
        NarratorException e = assertThrows(NarratorException.class, () -> voice.speak("🎉🎉", SpeechOptions.DEFAULT));
        assertEquals(ErrorCode.INVALID_TEXT, e.code());
    }

    private static double rms(float[] samples) {
        double sum = 0;
        for (float sample : samples) {
            sum += sample * sample;
        }
        return Math.sqrt(sum / samples.length);
    }
}
