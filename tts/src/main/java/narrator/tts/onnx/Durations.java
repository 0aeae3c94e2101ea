package narrator.tts.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * A voice model's durations output read as numbers: one per input id, in frames. Exports write it as
 * float (Piper's {@code w_ceil}) or as int64 (Kokoro's {@code pred_dur}); anything else reads as none.
 */
public final class Durations {
    private Durations() {
    }

    public static double[] read(OnnxValue output) {
        if (!(output instanceof OnnxTensor tensor)) {
            return new double[0];
        }
        FloatBuffer floats = tensor.getFloatBuffer();
        if (floats != null) {
            double[] values = new double[floats.remaining()];
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.get();
            }
            return values;
        }
        LongBuffer longs = tensor.getLongBuffer();
        if (longs == null) {
            return new double[0];
        }
        double[] values = new double[longs.remaining()];
        for (int i = 0; i < values.length; i++) {
            values[i] = longs.get();
        }
        return values;
    }
}
