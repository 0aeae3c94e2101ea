package narrator.tts.kokoro;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * How a Kokoro model names and types its inputs. The kokoro-onnx v1.0 export takes {@code tokens}
 * int64, {@code style} float and {@code speed} float; other exports (onnx-community's) call the
 * tokens {@code input_ids} and take an int32 speed, which only whole speeds can use.
 */
record KokoroInputs(String tokens, boolean integerSpeed) {
    static KokoroInputs of(Map<String, NodeInfo> inputs, Path model) {
        String tokens = inputs.containsKey("tokens") ? "tokens" : "input_ids";
        OnnxJavaType speed = typeOf(inputs.get("speed"));
        boolean fits = inputs.size() == 3
                && typeOf(inputs.get(tokens)) == OnnxJavaType.INT64
                && typeOf(inputs.get("style")) == OnnxJavaType.FLOAT
                && (speed == OnnxJavaType.FLOAT || speed == OnnxJavaType.INT32);
        if (!fits) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE, "the model " + model + " is not a Kokoro model: its inputs "
                    + new TreeSet<>(inputs.keySet()) + " do not match Kokoro (expects tokens, style, speed)");
        }
        return new KokoroInputs(tokens, speed == OnnxJavaType.INT32);
    }

    private static OnnxJavaType typeOf(NodeInfo input) {
        return input != null && input.getInfo() instanceof TensorInfo tensor ? tensor.type : null;
    }
}
