package narrator.tts.piper;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.ModelCall;
import narrator.tts.SpeakableText;
import narrator.tts.Speech;
import narrator.tts.SpeechOptions;
import narrator.tts.SpokenText;
import narrator.tts.Voice;
import narrator.tts.VoiceInfo;
import narrator.tts.WordStarts;
import narrator.tts.espeak.EspeakPhonemizer;
import narrator.tts.onnx.Durations;
import narrator.tts.onnx.OrtSessions;

/**
 * A Piper voice ({@code NAME.onnx} + {@code NAME.onnx.json}) run in-process by ONNX Runtime on the
 * CPU. One session per voice, created at load; {@link OrtSession#run} is thread-safe, so several
 * jobs may speak on one voice at once.
 *
 * <p>A model with a second output (a voice patched with piper's {@code patch_voice_with_alignment}, or
 * exported with {@code w_ceil}) reports each id's duration in frames there; the speech then carries
 * where each word starts.
 */
public final class PiperVoice implements Voice, AutoCloseable {
    /** Piper's default pause between sentences (none after the last: callers pace sentences). */
    static final double SENTENCE_SILENCE_SECONDS = 0.2;

    private static final Set<String> REQUIRED_INPUTS = Set.of("input", "input_lengths", "scales");

    private final VoiceInfo info;
    private final PiperConfig config;
    private final OrtSession session;
    private final boolean feedsSpeaker;
    private final boolean reportsDurations;
    private final PiperFrontEnd frontEnd;

    private PiperVoice(VoiceInfo info, PiperConfig config, OrtSession session, EspeakPhonemizer phonemizer) {
        this.info = info;
        this.config = config;
        this.session = session;
        this.feedsSpeaker = session.getInputNames().contains("sid");
        this.reportsDurations = session.getOutputNames().size() > 1;
        this.frontEnd = new PiperFrontEnd(config, phonemizer);
    }

    /**
     * Loads {@code model} with its config {@code model + ".json"}, using {@code threads} intra-op
     * threads.
     *
     * @throws NarratorException VOICE_UNAVAILABLE when a file is missing, truncated, malformed or
     *     the model's inputs are not Piper's
     */
    public static PiperVoice load(Path model, int threads, EspeakPhonemizer phonemizer) {
        String name = voiceName(model);
        PiperConfig config = PiperConfig.read(model.resolveSibling(model.getFileName() + ".json"));
        if (!Files.isRegularFile(model)) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE, "voice model " + model.getFileName()
                    + " is missing (expected next to its .onnx.json)");
        }
        OrtSession session = openSession(model, threads);
        try {
            checkInputs(session.getInputNames(), config, model);
        } catch (NarratorException e) {
            closeQuietly(session);
            throw e;
        }
        VoiceInfo info = new VoiceInfo("piper:" + name, "piper", name, config.espeakVoice(),
                config.sampleRate(), config.speakerNames());
        return new PiperVoice(info, config, session, phonemizer);
    }

    /** {@code en_US-lessac-medium} for {@code .../en_US-lessac-medium.onnx}. */
    public static String voiceName(Path model) {
        String file = model.getFileName().toString();
        return file.endsWith(".onnx") ? file.substring(0, file.length() - ".onnx".length()) : file;
    }

    @Override
    public VoiceInfo info() {
        return info;
    }

    public PiperConfig config() {
        return config;
    }

    @Override
    public Speech speak(String text, SpeechOptions options) {
        SpeakableText.require(text);
        return speak(frontEnd.calls(text), options);
    }

    /** Phonemes in the text go to the model as given (see {@link PiperFrontEnd#calls(SpokenText)}). */
    @Override
    public Speech speak(SpokenText text, SpeechOptions options) {
        SpeakableText.require(text.asWritten());
        return speak(frontEnd.calls(text), options);
    }

    private Speech speak(List<ModelCall> calls, SpeechOptions options) {
        long speaker = speakerId(options.speaker());
        float[] scales = {config.noiseScale(), (float) (config.lengthScale() / options.speed()), config.noiseW()};
        if (calls.stream().noneMatch(frontEnd::speaks)) {
            throw new NarratorException(ErrorCode.INVALID_TEXT,
                    "voice " + info.id() + " found nothing it can pronounce in the text");
        }
        // One model call per sentence, as piper makes them.
        List<float[]> pieces = new ArrayList<>();
        List<Long> wordStarts = new ArrayList<>();
        boolean timed = reportsDurations;
        long offset = 0;
        float[] silence = new float[(int) Math.round(SENTENCE_SILENCE_SECONDS * config.sampleRate())];
        for (ModelCall call : calls) {
            if (!pieces.isEmpty()) {
                pieces.add(silence);
                offset += silence.length;
            }
            Inferred inferred = infer(call.idArray(), scales, speaker, null);
            pieces.add(inferred.samples());
            if (timed) {
                List<Integer> startIds = frontEnd.wordStarts(call);
                List<Long> starts = WordStarts.fromDurations(inferred.durations(), call.ids().size(), startIds,
                        inferred.samples().length);
                // A call with no word (only punctuation) has no starts to give; any other misfit drops them all.
                timed = starts.size() == startIds.size();
                wordStarts.addAll(WordStarts.shifted(starts, offset));
            }
            offset += inferred.samples().length;
        }
        List<String> phonemes = calls.stream().map(ModelCall::phonemes).toList();
        return new Speech(concat(pieces), config.sampleRate(), String.join(" ", phonemes),
                timed ? wordStarts : List.of());
    }

    /** One call's audio, and its ids' durations in frames (empty when the model reports none). */
    private record Inferred(float[] samples, double[] durations) {
    }

    /**
     * A one-word call whose end returns ONNX Runtime's free arena regions to the system: most of the
     * memory a long sentence took, which the render that follows needs more.
     */
    @Override
    public void releaseWorkingMemory() {
        float[] scales = {config.noiseScale(), config.lengthScale(), config.noiseW()};
        try (OrtSession.RunOptions shrinking = OrtSessions.shrinkingArena()) {
            infer(frontEnd.calls("a").get(0).idArray(), scales, 0, shrinking);
        } catch (OrtException | NarratorException e) {
            // Only an optimisation: the memory stays with the arena and is reused by the next call.
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    /** One model run; {@code runOptions} may be null for the defaults. */
    private Inferred infer(long[] ids, float[] scales, long speaker, OrtSession.RunOptions runOptions) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input", OnnxTensor.createTensor(env, new long[][] {ids}));
            inputs.put("input_lengths", OnnxTensor.createTensor(env, new long[] {ids.length}));
            inputs.put("scales", OnnxTensor.createTensor(env, scales));
            if (feedsSpeaker) {
                inputs.put("sid", OnnxTensor.createTensor(env, new long[] {speaker}));
            }
            try (OrtSession.Result result = runOptions == null ? session.run(inputs) : session.run(inputs, runOptions)) {
                return new Inferred(samples((OnnxTensor) result.get(0)),
                        reportsDurations ? Durations.read(result.get(1)) : new double[0]);
            }
        } catch (OrtException | ClassCastException e) {
            throw new NarratorException(ErrorCode.TTS_FAILED,
                    "voice " + info.id() + " failed to synthesize: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Every output element is a sample; scaled down only if the model overshoots [-1, 1]. */
    private static float[] samples(OnnxTensor output) {
        FloatBuffer buffer = output.getFloatBuffer();
        float[] samples = new float[buffer.remaining()];
        buffer.get(samples);
        float peak = 0;
        for (float sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        if (peak > 1f) {
            for (int i = 0; i < samples.length; i++) {
                samples[i] /= peak;
            }
        }
        return samples;
    }

    /** Speaker by name (speaker_id_map) or by number; null picks speaker 0, as Piper does. */
    private long speakerId(String speaker) {
        if (speaker == null || speaker.isBlank() || !config.multiSpeaker()) {
            return 0;
        }
        Integer byName = config.speakerIdMap().get(speaker);
        if (byName != null) {
            return byName;
        }
        try {
            int number = Integer.parseInt(speaker.strip());
            if (number >= 0 && number < config.numSpeakers()) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Not a number either: reported below.
        }
        throw new NarratorException(ErrorCode.UNKNOWN_VOICE, "voice " + info.id() + " has no speaker '"
                + speaker + "' (use a name from its speaker list or a number 0.." + (config.numSpeakers() - 1) + ")");
    }

    private static OrtSession openSession(Path model, int threads) {
        try {
            return OrtSessions.open(model, threads);
        } catch (OrtException e) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE, "voice model " + model.getFileName()
                    + " cannot be loaded (truncated or not an ONNX model?): " + firstLine(e.getMessage()), e);
        }
    }

    private static void checkInputs(Set<String> names, PiperConfig config, Path model) {
        Set<String> allowed = Set.of("input", "input_lengths", "scales", "sid");
        boolean fits = names.containsAll(REQUIRED_INPUTS) && allowed.containsAll(names)
                && (!config.multiSpeaker() || names.contains("sid"));
        if (!fits) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE, "voice model " + model.getFileName()
                    + ": model inputs " + new TreeSet<>(names)
                    + " do not match Piper (expects input, input_lengths, scales[, sid])");
        }
    }

    private static float[] concat(List<float[]> pieces) {
        int total = pieces.stream().mapToInt(piece -> piece.length).sum();
        float[] all = new float[total];
        int at = 0;
        for (float[] piece : pieces) {
            System.arraycopy(piece, 0, all, at, piece.length);
            at += piece.length;
        }
        return all;
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse("unknown error");
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Nothing left to release that the caller could act on.
        }
    }
}
