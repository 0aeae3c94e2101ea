package narrator.tts.piper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.ModelCall;
import narrator.tts.Speech;
import narrator.tts.SpeechOptions;
import narrator.tts.espeak.EspeakPhonemizer;
import narrator.tts.testing.OnnxModelWriter;
import narrator.tts.testing.OnnxModelWriter.DataType;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiperVoiceTest {
    private static final EspeakPhonemizer ESPEAK = EspeakPhonemizer.shared();

    @TempDir
    static Path voices;
    @TempDir
    Path dir;

    private static PiperVoice single;
    private static PiperVoice multi;

    @BeforeAll
    static void loadVoices() {
        single = PiperVoice.load(TestVoices.writePiperVoice(voices, "en_US-test-medium", 1), 2, ESPEAK);
        multi = PiperVoice.load(TestVoices.writePiperVoice(voices, "en_US-multi-medium", 4), 2, ESPEAK);
    }

    @AfterAll
    static void closeVoices() {
        single.close();
        multi.close();
    }

    @Test
    void aModelThatFailsAtInferenceIsATtsFailureAndTheVoiceStaysUsable() {
        try (PiperVoice failing = PiperVoice.load(TestVoices.writeFailingPiperVoice(dir, "fails"), 1, ESPEAK)) {
            NarratorException e = assertThrows(NarratorException.class,
                    () -> failing.speak("This sentence is far longer than the model accepts.", SpeechOptions.DEFAULT));
            assertEquals(ErrorCode.TTS_FAILED, e.code());
            assertTrue(e.getMessage().startsWith("voice piper:fails failed to synthesize"), e.getMessage());
            assertThrows(NarratorException.class, () -> failing.speak("Again.", SpeechOptions.DEFAULT),
                    "a failed call leaves the session usable: the next call fails the same clear way");
        }
    }

    @Test
    void aModelWithADurationsOutputTimesEveryWordFromItsDurations() {
        String text = "Hello there. How are you?";
        try (PiperVoice timed = PiperVoice.load(TestVoices.writeTimedPiperVoice(dir, "timed"), 1, ESPEAK)) {
            Speech speech = timed.speak(text, SpeechOptions.DEFAULT);

            // Expected from the ids alone: a word starts after a space id and the pad that follows it.
            long space = TestVoices.phonemeId(" ");
            List<Long> expected = new ArrayList<>();
            long offset = 0;
            for (ModelCall call : new PiperFrontEnd(timed.config(), ESPEAK).calls(text)) {
                if (offset > 0) {
                    offset += Math.round(PiperVoice.SENTENCE_SILENCE_SECONDS * TestVoices.SAMPLE_RATE);
                }
                long frames = 0;
                expected.add(offset);
                for (int i = 0; i < call.ids().size(); i++) {
                    if (i >= 2 && call.ids().get(i - 2) == space) {
                        expected.add(offset + frames * TestVoices.SAMPLES_PER_ID);
                    }
                    frames += TestVoices.framesOf(call.ids().get(i));
                }
                offset += frames * TestVoices.SAMPLES_PER_ID;
            }
            assertEquals(offset, speech.samples().length, "the audio is as long as the durations say");
            assertEquals(5, expected.size());
            assertEquals(expected, speech.wordStarts());
        }
        assertEquals(List.of(), single.speak(text, SpeechOptions.DEFAULT).wordStarts(),
                "a model without durations leaves the words to the estimate");
    }

    @Test
    void speaksTheSameAfterReleasingItsWorkingMemory() {
        float[] before = single.speak("Hello there. How are you?", SpeechOptions.DEFAULT).samples();
        single.releaseWorkingMemory();
        assertArrayEquals(before, single.speak("Hello there. How are you?", SpeechOptions.DEFAULT).samples());
    }

    @Test
    void releasingIsHarmlessOnAModelThatFails() {
        try (PiperVoice failing = PiperVoice.load(TestVoices.writeFailingPiperVoice(dir, "fails2"), 1, ESPEAK)) {
            failing.releaseWorkingMemory();
            assertEquals(ErrorCode.TTS_FAILED, assertThrows(NarratorException.class,
                    () -> failing.speak("This sentence is far longer than the model accepts.", SpeechOptions.DEFAULT)).code());
        }
    }

    @Test
    void describesItselfFromTheConfig() {
        assertEquals("piper:en_US-test-medium", single.info().id());
        assertEquals("en-us", single.info().language());
        assertEquals(List.of("speaker_0", "speaker_1", "speaker_2", "speaker_3"), multi.info().speakers());
    }

    @Test
    void sampleRateComesFromTheConfig() {
        try (PiperVoice lowRate = PiperVoice.load(
                TestVoices.writePiperVoice(dir, "en_US-test-low", 1, 16000, 0f), 1, ESPEAK)) {
            assertEquals(16000, lowRate.info().sampleRate());
            assertEquals(16000, lowRate.speak("Hello.", SpeechOptions.DEFAULT).sampleRate());
        }
    }

    @Test
    void knownSentenceMapsToPipersIds() {
        String phonemes = ESPEAK.phonemize("Hello, world.", "en-us");
        assertEquals("həlˈoʊ, wˈɜːld.", phonemes);
        PhonemeIds ids = new PhonemeIdMapper(single.config().phonemeIdMap()).map(phonemes);
        // ^ _ h _ ə _ l _ ˈ _ o _ ʊ _ , _ ' ' _ w _ ˈ _ ɜ _ ː _ l _ d _ . _ $
        assertEquals(List.of(1L, 0L, 20L, 0L, 59L, 0L, 24L, 0L, 120L, 0L, 27L, 0L, 100L, 0L, 8L, 0L,
                3L, 0L, 35L, 0L, 120L, 0L, 62L, 0L, 122L, 0L, 24L, 0L, 17L, 0L, 10L, 0L, 2L), ids.ids());
        assertEquals(List.of(), List.copyOf(ids.missing().keySet()));
    }

    @Test
    void lengthFollowsIdCount() {
        Speech speech = single.speak("Hello, world.", SpeechOptions.DEFAULT);
        assertEquals(33 * TestVoices.SAMPLES_PER_ID, speech.samples().length);
        assertEquals("həlˈoʊ, wˈɜːld.", speech.phonemes());
        assertTrue(peak(speech.samples()) > 0.1f);
    }

    @Test
    void doubleSpeedGivesHalfTheSamples() {
        String text = "The quick brown fox jumps over the lazy dog.";
        int normal = single.speak(text, SpeechOptions.DEFAULT).samples().length;
        int fast = single.speak(text, new SpeechOptions(2.0, null)).samples().length;
        assertEquals(normal / 2.0, fast, 2);
    }

    @Test
    void zeroNoiseIsDeterministicAndNoiseIsNot() {
        String text = "Deterministic output.";
        assertArrayEquals(single.speak(text, SpeechOptions.DEFAULT).samples(),
                single.speak(text, SpeechOptions.DEFAULT).samples());
        try (PiperVoice noisy = PiperVoice.load(
                TestVoices.writePiperVoice(dir, "en_US-noisy-medium", 1, 22050, 0.667f), 1, ESPEAK)) {
            assertFalse(Arrays.equals(noisy.speak(text, SpeechOptions.DEFAULT).samples(),
                    noisy.speak(text, SpeechOptions.DEFAULT).samples()));
        }
    }

    @Test
    void speakerReachesTheModelByNameOrNumber() {
        String text = "Which speaker is this?";
        float[] first = multi.speak(text, new SpeechOptions(1.0, "speaker_0")).samples();
        float[] second = multi.speak(text, new SpeechOptions(1.0, "speaker_2")).samples();
        assertFalse(Arrays.equals(first, second));
        assertArrayEquals(second, multi.speak(text, new SpeechOptions(1.0, "2")).samples());
        assertArrayEquals(first, multi.speak(text, SpeechOptions.DEFAULT).samples());
    }

    @Test
    void unknownSpeakerIsRejectedWithTheChoices() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> multi.speak("Hello.", new SpeechOptions(1.0, "nobody")));
        assertEquals(ErrorCode.UNKNOWN_VOICE, e.code());
        assertTrue(e.getMessage().contains("'nobody'"), e.getMessage());
    }

    @Test
    void concurrentSynthesisMatchesSingleThreaded() throws Exception {
        String text = "Several jobs may speak on one voice at the same time.";
        float[] expected = multi.speak(text, new SpeechOptions(1.0, "speaker_1")).samples();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<float[]>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> multi.speak(text, new SpeechOptions(1.0, "speaker_1")).samples());
            }
            for (Future<float[]> result : pool.invokeAll(calls)) {
                assertArrayEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badTextIsInvalidText() {
        assertInvalidText("", "empty");
        assertInvalidText("   \n\t", "whitespace");
        assertInvalidText("?!... --", "punctuation");
        assertInvalidText("😀🎉👍", "emoji");
    }

    @Test
    void unknownCharactersAreDroppedAndTheRestIsSpoken() {
        Speech speech = single.speak("Hello ☃ world ✓", SpeechOptions.DEFAULT);
        assertTrue(speech.samples().length > 0);
        assertTrue(speech.phonemes().startsWith("həlˈoʊ"), speech.phonemes());
    }

    @Test
    void aLongSentenceIsOneModelCallAndSentencesArePausedBetween() {
        String sentence = "and the narrator keeps talking without a full stop ".repeat(20).strip() + ".";
        List<ModelCall> calls = new PiperFrontEnd(single.config(), ESPEAK).calls(sentence + " Then it stops.");
        assertEquals(2, calls.size());
        int silence = (int) Math.round(PiperVoice.SENTENCE_SILENCE_SECONDS * TestVoices.SAMPLE_RATE);
        int expected = (calls.get(0).ids().size() + calls.get(1).ids().size()) * TestVoices.SAMPLES_PER_ID + silence;
        assertEquals(expected, single.speak(sentence + " Then it stops.", SpeechOptions.DEFAULT).samples().length);
    }

    @Test
    void missingModelIsUnavailable() throws IOException {
        Path model = TestVoices.writePiperVoice(dir, "gone", 1);
        Files.delete(model);
        assertUnavailable(model, "gone.onnx is missing");
    }

    @Test
    void missingConfigIsUnavailable() throws IOException {
        Path model = TestVoices.writePiperVoice(dir, "noconfig", 1);
        Files.delete(dir.resolve("noconfig.onnx.json"));
        assertUnavailable(model, "noconfig.onnx.json is missing");
    }

    @Test
    void truncatedModelIsUnavailable() throws IOException {
        Path model = TestVoices.writePiperVoice(dir, "cut", 1);
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(bytes, bytes.length / 2));
        assertUnavailable(model, "cut.onnx cannot be loaded");
    }

    @Test
    void malformedConfigIsUnavailable() throws IOException {
        Path model = TestVoices.writePiperVoice(dir, "broken", 1);
        Files.writeString(dir.resolve("broken.onnx.json"), "{\"audio\": {\"sample_rate\": ");
        assertUnavailable(model, "broken.onnx.json is not valid JSON");
    }

    @Test
    void modelWithOtherInputsIsUnavailable() {
        Path model = dir.resolve("kokoro-like.onnx");
        new OnnxModelWriter()
                .input("tokens", DataType.INT64, "1", "n")
                .node("Cast", List.of("tokens"), List.of("audio"), java.util.Map.of("to", DataType.FLOAT.code()))
                .output("audio", DataType.FLOAT, "1", "n")
                .write(model);
        TestVoices.writePiperVoice(dir, "ignored", 1);
        writeConfigFor(model);
        assertUnavailable(model, "model inputs [tokens] do not match Piper (expects input, input_lengths, scales[, sid])");
    }

    @Test
    void multiSpeakerConfigNeedsASidInput() {
        Path model = TestVoices.writePiperModel(dir.resolve("nosid.onnx"), false);
        writeConfigFor(model, TestVoices.piperConfig(3, 22050, 0f));
        assertUnavailable(model, "do not match Piper");
    }

    private void writeConfigFor(Path model) {
        writeConfigFor(model, TestVoices.piperConfig(1, 22050, 0f));
    }

    private static void writeConfigFor(Path model, String config) {
        try {
            Files.writeString(model.resolveSibling(model.getFileName() + ".json"), config);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertUnavailable(Path model, String expected) {
        NarratorException e = assertThrows(NarratorException.class, () -> PiperVoice.load(model, 1, ESPEAK));
        assertEquals(ErrorCode.VOICE_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertInvalidText(String text, String expected) {
        NarratorException e = assertThrows(NarratorException.class, () -> single.speak(text, SpeechOptions.DEFAULT));
        assertEquals(ErrorCode.INVALID_TEXT, e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static float peak(float[] samples) {
        float peak = 0;
        for (float sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }
}
