package narrator.tts.kokoro;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import narrator.tts.testing.OnnxModelWriter;
import narrator.tts.testing.OnnxModelWriter.DataType;
import narrator.tts.testing.OnnxModelWriter.Tensor;

/**
 * A tiny model and voices file in the real Kokoro v1.0 formats, generated at test time (no real
 * model can be downloaded here). The model takes {@code tokens} int64[1, N], {@code style}
 * float[1, 256] and {@code speed} float[1] and returns {@code N * 600 / speed} samples: sample values
 * are {@code tanh(0.005 * token + mean(style))}, the token nearest in time, so the audio depends on
 * every token and on the style row. Like the real model it fails on more than 512 tokens. The timed
 * variant also returns {@code durations} int64[1, N], {@code token % 3 + 1} frames per token, as the
 * timestamped exports return their predicted durations.
 */
public final class KokoroTestModel {
    public static final int SAMPLES_PER_TOKEN = 600;
    private static final int CONTEXT = 512;
    private static final float TOKEN_SCALE = 0.005f;
    private static final int ROWS = 510;

    private KokoroTestModel() {
    }

    /**
     * Writes {@code model.onnx} and {@code voices.npz} (stored entries, as kokoro-onnx ships it)
     * into {@code dir} and returns them in that order.
     */
    public static Path[] write(Path dir, String... voiceNames) {
        return new Path[] {
            writeModel(dir.resolve("model.onnx"), "tokens", DataType.FLOAT),
            writeVoices(dir.resolve("voices.npz"), false, voiceNames)
        };
    }

    /** Like {@link #write}, with the model's durations output. */
    public static Path[] writeTimed(Path dir, String... voiceNames) {
        return new Path[] {
            writeModel(dir.resolve("timed.onnx"), "tokens", DataType.FLOAT, true),
            writeVoices(dir.resolve("voices.npz"), false, voiceNames)
        };
    }

    /** Frames the timed model gives one token. */
    static long framesOf(long token) {
        return token % 3 + 1;
    }

    /** The model; {@code tokensName} and {@code speedType} select the export variant. */
    static Path writeModel(Path file, String tokensName, DataType speedType) {
        return writeModel(file, tokensName, speedType, false);
    }

    private static Path writeModel(Path file, String tokensName, DataType speedType, boolean durations) {
        OnnxModelWriter onnx = new OnnxModelWriter()
                .input(tokensName, DataType.INT64, "1", "n")
                .input("style", DataType.FLOAT, "1", "256")
                .input("speed", speedType, "1")
                .initializer("token_scale", Tensor.scalar(TOKEN_SCALE))
                .initializer("samples_per_token", Tensor.floats(new long[] {2}, 1f, SAMPLES_PER_TOKEN))
                .initializer("one", Tensor.floats(new long[] {1}, 1f))
                .initializer("positions", Tensor.floats(new long[] {CONTEXT}, new float[CONTEXT]))
                .initializer("zero_i", Tensor.int64s(new long[0], 0))
                .initializer("one_i", Tensor.int64s(new long[0], 1))
                .initializer("flat", Tensor.int64s(new long[] {1}, -1))
                // Sample level per token: tanh(token * scale + mean(style)).
                .node("Cast", List.of(tokensName), List.of("token_f"), Map.of("to", DataType.FLOAT.code()))
                .node("Mul", List.of("token_f", "token_scale"), List.of("token_level"))
                .node("ReduceMean", List.of("style"), List.of("style_mean"), Map.of("axes", new long[] {1}, "keepdims", 1))
                .node("Add", List.of("token_level", "style_mean"), List.of("level"))
                // A position lookup, as the real model's: more than CONTEXT tokens fail the Gather.
                .node("Shape", List.of(tokensName), List.of("shape"))
                .node("Gather", List.of("shape", "one_i"), List.of("n"), Map.of("axis", 0))
                .node("Range", List.of("zero_i", "n", "one_i"), List.of("position_ids"))
                .node("Gather", List.of("positions", "position_ids"), List.of("position_level"), Map.of("axis", 0))
                .node("Add", List.of("level", "position_level"), List.of("positioned"))
                .node("Tanh", List.of("positioned"), List.of("token_samples"))
                // Length: sizes = int64([1, n] * [1, 600] / [1, speed]).
                .node("Cast", List.of("speed"), List.of("speed_f"), Map.of("to", DataType.FLOAT.code()))
                .node("Concat", List.of("one", "speed_f"), List.of("divisor"), Map.of("axis", 0))
                .node("Cast", List.of("shape"), List.of("shape_f"), Map.of("to", DataType.FLOAT.code()))
                .node("Mul", List.of("shape_f", "samples_per_token"), List.of("stretched"))
                .node("Div", List.of("stretched", "divisor"), List.of("sizes_f"))
                .node("Cast", List.of("sizes_f"), List.of("sizes"), Map.of("to", DataType.INT64.code()))
                .node("Resize", List.of("token_samples", "", "", "sizes"), List.of("resized"), Map.of("mode", "nearest"))
                .node("Reshape", List.of("resized", "flat"), List.of("waveform"))
                .output("waveform", DataType.FLOAT, "t");
        if (durations) {
            onnx.initializer("three_i", Tensor.int64s(new long[0], 3))
                    .node("Mod", List.of(tokensName, "three_i"), List.of("token_mod"))
                    .node("Add", List.of("token_mod", "one_i"), List.of("durations"))
                    .output("durations", DataType.INT64, "1", "n");
        }
        return onnx.write(file);
    }

    /** A voices .npz; voice {@code i} of {@code names} holds {@link #styleValue} values. */
    static Path writeVoices(Path file, boolean deflated, String... names) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (int voice = 0; voice < names.length; voice++) {
            float[] data = new float[ROWS * KokoroVoices.STYLE_SIZE];
            for (int row = 0; row < ROWS; row++) {
                for (int column = 0; column < KokoroVoices.STYLE_SIZE; column++) {
                    data[row * KokoroVoices.STYLE_SIZE + column] = styleValue(voice, row, column);
                }
            }
            arrays.put(names[voice], new NpyArray(new int[] {ROWS, 1, KokoroVoices.STYLE_SIZE}, data));
        }
        return NpzWriter.write(file, arrays, deflated);
    }

    /** Differs per voice, per row and per column, so a wrong voice or row shows in the audio. */
    static float styleValue(int voice, int row, int column) {
        return 0.1f * (voice + 1) + 0.001f * row + 0.0001f * (column % 8 - 4);
    }

    /** The sample level the model produces for {@code token} with row {@code row} of voice {@code voice}. */
    static float expectedLevel(int voice, int row, long token) {
        double mean = 0;
        for (int column = 0; column < KokoroVoices.STYLE_SIZE; column++) {
            mean += styleValue(voice, row, column);
        }
        return (float) Math.tanh(token * TOKEN_SCALE + mean / KokoroVoices.STYLE_SIZE);
    }
}
