package narrator.tts.kokoro;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.ModelCall;
import narrator.tts.Voice;
import narrator.tts.VoiceInfo;
import narrator.tts.espeak.EspeakPhonemizer;
import narrator.tts.onnx.Durations;
import narrator.tts.onnx.OrtSessions;

/**
 * A loaded Kokoro v1.0 model ({@code kokoro-v1.0.onnx}) with its voices file
 * ({@code voices-v1.0.bin}). One ONNX session serves every voice and thread: ONNX Runtime allows
 * concurrent runs on one session. Exports with a second output (the timestamped ones' per-token
 * durations) let the speech say where each word starts.
 */
public final class KokoroModel implements AutoCloseable {
    public static final int SAMPLE_RATE = 24_000;

    /** Describes a voice of this engine without loading the model, for listings. */
    public static VoiceInfo describe(String voiceName) {
        return new VoiceInfo("kokoro:" + voiceName, "kokoro", voiceName, KokoroLanguages.ofVoice(voiceName),
                SAMPLE_RATE, java.util.List.of());
    }
    /**
     * Most phoneme tokens per model call. Kokoro's context is 512 positions, two of them pads, and
     * the style for N tokens is row N of a voice's 510 rows, so N stays below 510.
     */
    public static final int MAX_TOKENS = 509;

    /**
     * Default most phoneme tokens per call: memory follows the tokens of a call (measured peak RSS:
     * 509 tokens 1208 MB, 200 796 MB, 100 614 MB), so long texts are split well below the limit.
     */
    public static final int MAX_TOKENS_PER_CALL = 150;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final KokoroInputs inputs;
    private final KokoroVoices voices;
    private final KokoroFrontEnd frontEnd;
    private final boolean reportsDurations;

    private KokoroModel(OrtEnvironment env, OrtSession session, KokoroInputs inputs, KokoroVoices voices,
                        KokoroFrontEnd frontEnd) {
        this.env = env;
        this.session = session;
        this.inputs = inputs;
        this.voices = voices;
        this.frontEnd = frontEnd;
        this.reportsDurations = session.getOutputNames().size() > 1;
    }

    /** One call's audio, and its tokens' durations in frames (empty when the model reports none). */
    record Audio(float[] samples, double[] durations) {
    }

    /**
     * Loads the model once; {@code threads} is the intra-op thread count of its session.
     *
     * @throws NarratorException VOICE_UNAVAILABLE when a file is missing, truncated or not Kokoro's
     */
    public static KokoroModel load(Path model, Path voicesBin, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (!Files.isRegularFile(model)) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE, "the Kokoro model file " + model + " does not exist");
        }
        KokoroVoices voices = KokoroVoices.open(voicesBin);
        KokoroFrontEnd frontEnd = KokoroFrontEnd.of(EspeakPhonemizer.shared());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = openSession(env, model, threads);
        try {
            return new KokoroModel(env, session, KokoroInputs.of(session.getInputInfo(), model), voices, frontEnd);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE,
                    "the Kokoro model " + model + " cannot be inspected: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** The voices in the voices file, sorted. */
    public List<String> voiceNames() {
        return voices.names();
    }

    /** @throws NarratorException UNKNOWN_VOICE when the voices file has no such voice */
    public Voice voice(String name) {
        if (!voices.contains(name)) {
            throw new NarratorException(ErrorCode.UNKNOWN_VOICE, "there is no Kokoro voice named " + name);
        }
        return new KokoroVoice(this, name);
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    KokoroFrontEnd frontEnd() {
        return frontEnd;
    }

    /**
     * One model call exactly as the front end prepared it (framed ids, style row); every element of the
     * first output is a sample.
     */
    Audio synthesize(String voice, ModelCall call, double speed) {
        try (OrtSession.RunOptions options = new OrtSession.RunOptions()) {
            return run(voice, call, speed, options);
        } catch (OrtException e) {
            throw new NarratorException(ErrorCode.TTS_FAILED, "Kokoro inference failed: " + e.getMessage(), e);
        }
    }

    /**
     * A one-token call that ends by returning the arena's free memory to the system: about 200 MB
     * after a narration (measured on Kokoro's architecture: 643 MB to 448 MB), which a render that
     * follows on a 1 GB machine needs. Regions still in use by a concurrent call stay.
     */
    void releaseWorkingMemory(String voice) {
        try (OrtSession.RunOptions options = OrtSessions.shrinkingArena()) {
            run(voice, new ModelCall("ə", KokoroVocab.framedIds("ə"), 1), 1.0, options);
        } catch (OrtException | NarratorException e) {
            // Only an optimisation: the memory stays with the arena and is reused by the next call.
        }
    }

    private Audio run(String voice, ModelCall call, double speed, OrtSession.RunOptions options) throws OrtException {
        long[] padded = call.idArray();
        float[] style = voices.style(voice, call.styleRow());
        try (OnnxTensor tokens = OnnxTensor.createTensor(env, LongBuffer.wrap(padded), new long[] {1, padded.length});
             OnnxTensor styleTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(style), new long[] {1, style.length});
             OnnxTensor speedTensor = speedTensor(speed);
             OrtSession.Result result = session.run(Map.of(inputs.tokens(), tokens, "style", styleTensor,
                     "speed", speedTensor), options)) {
            OnnxValue audio = result.get(0);
            if (!(audio instanceof OnnxTensor tensor) || tensor.getFloatBuffer() == null) {
                throw new NarratorException(ErrorCode.TTS_FAILED, "the Kokoro model did not return float audio");
            }
            FloatBuffer buffer = tensor.getFloatBuffer();
            float[] samples = new float[buffer.remaining()];
            buffer.get(samples);
            return new Audio(samples, reportsDurations ? Durations.read(result.get(1)) : new double[0]);
        }
    }

    private OnnxTensor speedTensor(double speed) throws OrtException {
        if (inputs.integerSpeed()) {
            // An int32 speed cannot say 1.5; the nearest whole speed is the closest this export can do.
            int whole = (int) Math.max(1, Math.round(speed));
            return OnnxTensor.createTensor(env, IntBuffer.wrap(new int[] {whole}), new long[] {1});
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {(float) speed}), new long[] {1});
    }

    private static OrtSession openSession(OrtEnvironment env, Path model, int threads) {
        try {
            return OrtSessions.open(model, threads);
        } catch (OrtException e) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE, "the Kokoro model " + model
                    + " cannot be loaded (truncated or not an ONNX model?): " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing only frees native memory; there is nothing a caller could do about a failure.
        }
    }
}
