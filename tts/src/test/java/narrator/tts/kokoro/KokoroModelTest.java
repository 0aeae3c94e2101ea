package narrator.tts.kokoro;

import static narrator.tts.kokoro.NpzReaderTest.assertUnavailable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.ModelCall;
import narrator.tts.Speech;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;
import narrator.tts.VoiceInfo;
import narrator.tts.espeak.EspeakPhonemizer;
import narrator.tts.testing.OnnxModelWriter;
import narrator.tts.testing.OnnxModelWriter.DataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** End to end: real espeak-ng, real ONNX Runtime, a generated model in Kokoro's formats. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KokoroModelTest {
    private static final int PER_TOKEN = KokoroTestModel.SAMPLES_PER_TOKEN;

    private Path dir;
    private Path modelFile;
    private Path voicesFile;
    private KokoroModel model;

    @BeforeAll
    void loadModel(@TempDir Path tempDir) {
        dir = tempDir;
        Path[] files = KokoroTestModel.write(dir, "af_test", "bf_test");
        modelFile = files[0];
        voicesFile = files[1];
        model = KokoroModel.load(modelFile, voicesFile, 1);
    }

    @Test
    void aModelWithADurationsOutputTimesEveryWordFromItsDurations(@TempDir Path timedDir) {
        Path[] files = KokoroTestModel.writeTimed(timedDir, "af_test");
        String text = "Hello there, how are you?";
        try (KokoroModel timed = KokoroModel.load(files[0], files[1], 1)) {
            Speech speech = timed.voice("af_test").speak(text, SpeechOptions.DEFAULT);

            // Expected from the tokens alone: a word starts after a space token; frames in proportion to the audio.
            long space = KokoroVocab.ids(" ")[0];
            List<Long> expected = new ArrayList<>();
            long offset = 0;
            for (ModelCall call : timed.frontEnd().calls(text, "af_test")) {
                int samples = call.ids().size() * PER_TOKEN;
                long total = call.ids().stream().mapToLong(KokoroTestModel::framesOf).sum();
                long frames = 0;
                expected.add(offset);
                for (int i = 0; i < call.ids().size(); i++) {
                    if (i >= 1 && call.ids().get(i - 1) == space) {
                        expected.add(offset + Math.round(frames / (double) total * samples));
                    }
                    frames += KokoroTestModel.framesOf(call.ids().get(i));
                }
                offset += samples;
            }
            assertEquals(offset, speech.samples().length);
            assertEquals(5, expected.size());
            assertEquals(expected, speech.wordStarts());
        }
        assertEquals(List.of(), model.voice("af_test").speak(text, SpeechOptions.DEFAULT).wordStarts(),
                "a model without durations leaves the words to the estimate");
    }

    @AfterAll
    void closeModel() {
        model.close();
    }

    @Test
    void listsVoicesAndDescribesThem() {
        assertEquals(List.of("af_test", "bf_test"), model.voiceNames());
        assertEquals(new VoiceInfo("kokoro:bf_test", "kokoro", "bf_test", "en-gb", 24_000, List.of()),
                model.voice("bf_test").info());
    }

    @Test
    void speaksAt24kHzOneCallPerShortText() {
        Speech speech = model.voice("af_test").speak("Hello world.", SpeechOptions.DEFAULT);

        assertEquals(24_000, speech.sampleRate());
        int tokens = KokoroVocab.ids(speech.phonemes()).length;
        assertTrue(speech.phonemes().startsWith("həlˈoʊ"), speech.phonemes());
        assertEquals((tokens + 2) * PER_TOKEN, speech.samples().length);
    }

    @Test
    void sendsExactlyTheFrontEndsCalls() {
        String text = "Dr. Smith paid $25.50 at 3:45. " + "The rain kept falling on the old town, and nobody minded. ".repeat(8);
        List<ModelCall> calls = KokoroFrontEnd.of(EspeakPhonemizer.shared()).calls(text, "af_test");
        float[] samples = model.voice("af_test").speak(text, SpeechOptions.DEFAULT).samples();

        // Each token lasts 600 samples at a level set by its id and the call's style row; read the middle of each.
        assertTrue(calls.size() > 1, calls.size() + " calls");
        int token = 0;
        for (ModelCall call : calls) {
            for (long id : call.ids()) {
                assertEquals(KokoroTestModel.expectedLevel(0, call.styleRow(), id), samples[token * PER_TOKEN + PER_TOKEN / 2], 1e-5);
                token++;
            }
        }
        assertEquals(token * PER_TOKEN, samples.length);
    }

    @Test
    void speaksTheSameAfterReleasingItsWorkingMemory() {
        Voice voice = model.voice("af_test");
        float[] before = voice.speak("Hello world.", SpeechOptions.DEFAULT).samples();
        voice.releaseWorkingMemory();
        assertArrayEquals(before, voice.speak("Hello world.", SpeechOptions.DEFAULT).samples());
    }

    @Test
    void styleIsTheVoiceRowOfTheTokenCount() {
        for (String text : List.of("Hi.", "A somewhat longer sentence than that.")) {
            Speech speech = model.voice("bf_test").speak(text, SpeechOptions.DEFAULT);
            int tokens = KokoroVocab.ids(speech.phonemes()).length;
            float padSample = speech.samples()[0];

            assertEquals(KokoroTestModel.expectedLevel(1, tokens, 0), padSample, 1e-5);
            assertNotEquals(KokoroTestModel.expectedLevel(1, tokens + 1, 0), padSample, 1e-4);
            assertNotEquals(KokoroTestModel.expectedLevel(0, tokens, 0), padSample, 1e-4);
        }
    }

    @Test
    void speedTwoHalvesTheLength() {
        Voice voice = model.voice("af_test");
        Speech normal = voice.speak("The quick brown fox jumps over the lazy dog.", SpeechOptions.DEFAULT);
        Speech fast = voice.speak("The quick brown fox jumps over the lazy dog.", SpeechOptions.DEFAULT.withSpeed(2));

        assertEquals(normal.samples().length / 2, fast.samples().length);
    }

    @Test
    void splitsLongTextSoNoCallExceedsTheBudget() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 5_000; i++) {
            text.append("Sentence number ").append(i).append(" talks about rivers, mountains and the sea; ")
                    .append("it keeps going for a while before it ends. ");
        }
        Speech speech = model.voice("af_test").speak(text.substring(0, 5_000), SpeechOptions.DEFAULT);

        // Each call adds two pad tokens; calls are joined by a space in the phonemes.
        int tokens = KokoroVocab.ids(speech.phonemes()).length;
        int calls = speech.samples().length / PER_TOKEN - tokens - 1;
        assertTrue(tokens > 4 * KokoroModel.MAX_TOKENS_PER_CALL, tokens + " tokens");
        assertTrue(calls >= (tokens + KokoroModel.MAX_TOKENS_PER_CALL - 1) / KokoroModel.MAX_TOKENS_PER_CALL, calls + " calls");
        assertEquals((tokens + calls + 1) * PER_TOKEN, speech.samples().length);
    }

    @Test
    void concurrentSynthesisMatchesSingleThreaded() throws InterruptedException, ExecutionException {
        List<String> texts = List.of("One fish.", "Two fish, red fish.", "Blue fish swim.", "The sun rose.",
                "Bonjour à tous.", "Where is the station?", "It rained all night.", "Quiet please!");
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            expected.add(model.voice(voiceFor(i)).speak(texts.get(i), SpeechOptions.DEFAULT).samples());
        }

        ExecutorService pool = Executors.newFixedThreadPool(texts.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                Voice voice = model.voice(voiceFor(i));
                String text = texts.get(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return voice.speak(text, SpeechOptions.DEFAULT).samples();
                }));
            }
            start.countDown();
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(expected.get(i), results.get(i).get(), texts.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\t", "...!?", "— , ;", "\uD83D\uDE00\uD83C\uDF89"})
    void textWithNothingToSayIsInvalid(String text) {
        NarratorException e = assertThrows(NarratorException.class,
                () -> model.voice("af_test").speak(text, SpeechOptions.DEFAULT));
        assertEquals(ErrorCode.INVALID_TEXT, e.code());
    }

    @Test
    void anUnknownVoiceIsReported() {
        NarratorException e = assertThrows(NarratorException.class, () -> model.voice("af_nobody"));
        assertEquals(ErrorCode.UNKNOWN_VOICE, e.code());
        assertTrue(e.getMessage().contains("af_nobody"));
    }

    @Test
    void aMissingModelFileIsReportedByName() {
        Path missing = dir.resolve("kokoro-v1.0.onnx");
        assertUnavailable(() -> KokoroModel.load(missing, voicesFile, 1), "kokoro-v1.0.onnx does not exist");
    }

    @Test
    void aTruncatedModelIsReportedByName() throws IOException {
        byte[] bytes = Files.readAllBytes(modelFile);
        Path truncated = Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(bytes, bytes.length / 2));
        assertUnavailable(() -> KokoroModel.load(truncated, voicesFile, 1), "truncated.onnx cannot be loaded");
    }

    @Test
    void aVoicesFileThatIsNotAnNpzIsReportedByName() throws IOException {
        Path json = Files.writeString(dir.resolve("voices.json"), "{\"af_test\": []}");
        assertUnavailable(() -> KokoroModel.load(modelFile, json, 1), "voices.json is not a NumPy .npz archive");
    }

    @Test
    void aModelWithOtherInputsIsRejected() {
        // A Piper-shaped model: right file format, wrong engine.
        Path piper = new OnnxModelWriter()
                .input("input", DataType.INT64, "1", "n")
                .input("input_lengths", DataType.INT64, "1")
                .input("scales", DataType.FLOAT, "3")
                .node("Identity", List.of("scales"), List.of("output"), Map.of())
                .output("output", DataType.FLOAT, "3")
                .write(dir.resolve("piper.onnx"));

        assertUnavailable(() -> KokoroModel.load(piper, voicesFile, 1),
                "inputs [input, input_lengths, scales] do not match Kokoro (expects tokens, style, speed)");
    }

    @Test
    void anInputIdsExportWithIntegerSpeedIsSupported() {
        Path variant = KokoroTestModel.writeModel(dir.resolve("input-ids.onnx"), "input_ids", DataType.INT32);
        try (KokoroModel other = KokoroModel.load(variant, voicesFile, 1)) {
            Speech speech = other.voice("af_test").speak("Hello world.", SpeechOptions.DEFAULT.withSpeed(2));
            int tokens = KokoroVocab.ids(speech.phonemes()).length;
            assertEquals((tokens + 2) * PER_TOKEN / 2, speech.samples().length);
        }
    }

    private static String voiceFor(int index) {
        return index % 2 == 0 ? "af_test" : "bf_test";
    }
}
