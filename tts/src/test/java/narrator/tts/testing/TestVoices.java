package narrator.tts.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import narrator.tts.testing.OnnxModelWriter.DataType;
import narrator.tts.testing.OnnxModelWriter.Tensor;

/**
 * Generates small voices in the real upstream formats, so tests in every module run the real
 * loading and inference code without downloading a model.
 *
 * <p>The Piper model has Piper's inputs and output. It "speaks" {@code N * 256 * length_scale}
 * samples for N phoneme ids: a sine whose pitch follows the mean id and the speaker id, plus
 * normal noise scaled by {@code noise_scale} (so noise 0 is deterministic).
 *
 * <p>The timed variant ({@link #writeTimedPiperVoice}) also has the second output that voices patched
 * for alignments have: each id lasts {@code (id % 3 + 1) * length_scale} frames of 256 samples, which is
 * how long its audio is, so word boundaries differ from any estimate by letters or phonemes.
 */
public final class TestVoices {
    public static final int SAMPLES_PER_ID = 256;
    public static final int SAMPLE_RATE = 22050;

    /**
     * Piper's phoneme inventory in id order (piper-phonemize's default map): pad, bos, eos, space,
     * punctuation, Latin letters, IPA, tone digits, combining marks and a few language extras.
     */
    private static final String SYMBOLS = "_^$ !'(),-.:;?abcdefhijklmnopqrstuvwxyz"
            + "æçðøħŋœǀǁǂǃɐɑɒɓɔɕɖɗɘəɚɛɜɞɟɠɡɢɣɤɥɦɧɨɪɫɬɭɮɯɰɱɲɳɴɵɶɸɹɺɻɽɾʀʁʂʃʄʈʉʊʋʌʍʎʏʐʑʒʔʕʘʙʛʜʝʟʡʢʲ"
            + "ˈˌːˑ˞βθχᵻⱱ0123456789\u0327\u0303\u032a\u032f\u0329ʰˤε↓#\"↑\u033a\u033bgʦX\u031d\u030a";

    private TestVoices() {
    }

    /** A deterministic (noise 0) 22,050 Hz English voice; returns the {@code .onnx} path. */
    public static Path writePiperVoice(Path dir, String name, int numSpeakers) {
        return writePiperVoice(dir, name, numSpeakers, SAMPLE_RATE, 0f);
    }

    /** A voice with the given sample rate and {@code inference.noise_scale}. */
    public static Path writePiperVoice(Path dir, String name, int numSpeakers, int sampleRate, float noiseScale) {
        Path model = dir.resolve(name + ".onnx");
        writePiperModel(model, numSpeakers > 1);
        write(dir.resolve(name + ".onnx.json"), piperConfig(numSpeakers, sampleRate, noiseScale));
        return model;
    }

    /** A deterministic voice whose model reports each id's duration, as voices patched for alignments do. */
    public static Path writeTimedPiperVoice(Path dir, String name) {
        Path model = dir.resolve(name + ".onnx");
        writePiperModel(model, false, true);
        write(dir.resolve(name + ".onnx.json"), piperConfig(1, SAMPLE_RATE, 0f));
        return model;
    }

    /** Frames the timed voice gives one id (256 samples each at length scale 1). */
    public static long framesOf(long id) {
        return id % 3 + 1;
    }

    /**
     * A voice that loads (its inputs are Piper's) but whose inference fails for any text longer than a
     * few phonemes: its graph reshapes the ids to a fixed length. Stands for a model that breaks at run time.
     */
    public static Path writeFailingPiperVoice(Path dir, String name) {
        Path model = dir.resolve(name + ".onnx");
        new OnnxModelWriter()
                .input("input", DataType.INT64, "1", "phonemes")
                .input("input_lengths", DataType.INT64, "1")
                .input("scales", DataType.FLOAT, "3")
                .initializer("fixed", Tensor.int64s(new long[] {2}, 1, 3))
                .node("Reshape", List.of("input", "fixed"), List.of("ids"))
                .node("Cast", List.of("ids"), List.of("output"), Map.of("to", DataType.FLOAT.code()))
                .output("output", DataType.FLOAT, "1", "3")
                .write(model);
        write(dir.resolve(name + ".onnx.json"), piperConfig(1, SAMPLE_RATE, 0f));
        return model;
    }

    /** Speaker names the generated multi-speaker voices use, in id order. */
    public static String speakerName(int id) {
        return "speaker_" + id;
    }

    /** The phoneme id of one symbol in the generated voices' map. */
    public static long phonemeId(String symbol) {
        List<String> symbols = symbols();
        int id = symbols.indexOf(symbol);
        if (id < 0) {
            throw new IllegalArgumentException("not in the test phoneme map: " + symbol);
        }
        return id;
    }

    /** A Piper-format config: upstream keys, real phoneme map, {@code speaker_N} speakers. */
    public static String piperConfig(int numSpeakers, int sampleRate, float noiseScale) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putObject("audio").put("sample_rate", sampleRate).put("quality", "test");
        root.putObject("espeak").put("voice", "en-us");
        root.putObject("inference").put("noise_scale", noiseScale).put("length_scale", 1.0).put("noise_w", 0.8);
        root.put("phoneme_type", "espeak");
        root.put("num_symbols", symbols().size());
        root.put("num_speakers", numSpeakers);
        ObjectNode speakers = root.putObject("speaker_id_map");
        for (int id = 0; numSpeakers > 1 && id < numSpeakers; id++) {
            speakers.put(speakerName(id), id);
        }
        ObjectNode ids = root.putObject("phoneme_id_map");
        List<String> symbols = symbols();
        for (int id = 0; id < symbols.size(); id++) {
            ArrayNode list = ids.putArray(symbols.get(id));
            list.add(id);
        }
        root.put("piper_version", "1.0.0");
        return root.toPrettyString();
    }

    /** Writes only the ONNX graph (Piper's inputs, {@code sid} when multi-speaker). */
    public static Path writePiperModel(Path model, boolean multiSpeaker) {
        return writePiperModel(model, multiSpeaker, false);
    }

    private static Path writePiperModel(Path model, boolean multiSpeaker, boolean durations) {
        OnnxModelWriter onnx = new OnnxModelWriter()
                .input("input", DataType.INT64, "1", "phonemes")
                .input("input_lengths", DataType.INT64, "1")
                .input("scales", DataType.FLOAT, "3");
        if (multiSpeaker) {
            onnx.input("sid", DataType.INT64, "1");
        }
        onnx.initializer("index0", Tensor.int64s(new long[0], 0))
                .initializer("index1", Tensor.int64s(new long[0], 1))
                .initializer("zero", Tensor.scalar(0f))
                .initializer("one", Tensor.scalar(1f))
                .initializer("hop", Tensor.scalar(SAMPLES_PER_ID))
                .initializer("pitch", Tensor.scalar(0.002f))
                .initializer("half", Tensor.scalar(0.5f))
                .initializer("tenth", Tensor.scalar(0.1f))
                .initializer("speakerStep", Tensor.scalar(7f))
                .initializer("outerAxes", Tensor.int64s(new long[] {2}, 0, 1))
                // T = N * 256 * length_scale samples.
                .node("Shape", List.of("input"), List.of("shape"))
                .node("Gather", List.of("shape", "index1"), List.of("n"), Map.of("axis", 0))
                .node("Cast", List.of("n"), List.of("nf"), Map.of("to", DataType.FLOAT.code()))
                .node("Gather", List.of("scales", "index1"), List.of("lengthScale"), Map.of("axis", 0))
                .node("Gather", List.of("scales", "index0"), List.of("noiseScale"), Map.of("axis", 0))
                .node("Mul", List.of("nf", "hop"), List.of("frames"));
        if (durations) {
            // Each id lasts (id % 3 + 1) * length_scale frames; the audio is as long as their sum.
            onnx.initializer("three", Tensor.int64s(new long[0], 3))
                    .initializer("oneId", Tensor.int64s(new long[0], 1))
                    .node("Mod", List.of("input", "three"), List.of("idMod"))
                    .node("Add", List.of("idMod", "oneId"), List.of("idFrames"))
                    .node("Cast", List.of("idFrames"), List.of("idFramesF"), Map.of("to", DataType.FLOAT.code()))
                    .node("Mul", List.of("idFramesF", "lengthScale"), List.of("durations"))
                    .node("ReduceSum", List.of("durations"), List.of("totalFrames"), Map.of("keepdims", 0))
                    .node("Mul", List.of("totalFrames", "hop"), List.of("length"));
        } else {
            onnx.node("Mul", List.of("frames", "lengthScale"), List.of("length"));
        }
        onnx.node("Range", List.of("zero", "length", "one"), List.of("t"))
                // Pitch from the mean phoneme id (plus 7 per speaker).
                .node("Cast", List.of("input"), List.of("idsf"), Map.of("to", DataType.FLOAT.code()))
                .node("ReduceMean", List.of("idsf"), List.of("meanId"), Map.of("keepdims", 0));
        String key = "meanId";
        if (multiSpeaker) {
            onnx.node("Cast", List.of("sid"), List.of("sidf"), Map.of("to", DataType.FLOAT.code()))
                    .node("Mul", List.of("sidf", "speakerStep"), List.of("speakerShift"))
                    .node("Add", List.of("meanId", "speakerShift"), List.of("voiced"));
            key = "voiced";
        }
        onnx.node("Add", List.of(key, "one"), List.of("keyPlusOne"))
                .node("Mul", List.of("keyPlusOne", "pitch"), List.of("frequency"))
                .node("Mul", List.of("t", "frequency"), List.of("phase"))
                .node("Sin", List.of("phase"), List.of("wave"))
                .node("Mul", List.of("wave", "half"), List.of("clean"))
                .node("RandomNormalLike", List.of("clean"), List.of("noise"), Map.of("dtype", DataType.FLOAT.code()))
                .node("Mul", List.of("noise", "noiseScale"), List.of("scaledNoise"))
                .node("Mul", List.of("scaledNoise", "tenth"), List.of("quietNoise"))
                .node("Add", List.of("clean", "quietNoise"), List.of("audio"))
                .node("Unsqueeze", List.of("audio", "outerAxes"), List.of("output"))
                .output("output", DataType.FLOAT, "1", "1", "samples");
        if (durations) {
            onnx.output("durations", DataType.FLOAT, "1", "phonemes");
        }
        return onnx.write(model);
    }

    private static List<String> symbols() {
        List<String> symbols = new ArrayList<>();
        SYMBOLS.codePoints().forEach(codepoint -> symbols.add(Character.toString(codepoint)));
        return symbols;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
