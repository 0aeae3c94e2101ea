package narrator.tts.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import narrator.tts.testing.OnnxModelWriter.DataType;
import narrator.tts.testing.OnnxModelWriter.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelWriterTest {
    @TempDir
    Path dir;

    @Test
    void onnxRuntimeRunsTheWrittenGraph() throws OrtException {
        // y = LeakyRelu(float(x) * 2 + 1, alpha 0.5); m = mean(y) over axis 1.
        Path model = new OnnxModelWriter()
                .input("x", DataType.INT64, "1", "n")
                .initializer("two", Tensor.scalar(2f))
                .node("Cast", List.of("x"), List.of("xf"), Map.of("to", DataType.FLOAT.code()))
                .node("Mul", List.of("xf", "two"), List.of("doubled"))
                .node("Constant", List.of(), List.of("one"), Map.of("value", Tensor.floats(new long[] {1}, 1f)))
                .node("Add", List.of("doubled", "one"), List.of("shifted"))
                .node("LeakyRelu", List.of("shifted"), List.of("y"), Map.of("alpha", 0.5f))
                .node("ReduceMean", List.of("y"), List.of("m"), Map.of("axes", new long[] {1}, "keepdims", 1))
                .output("y", DataType.FLOAT, "1", "n")
                .output("m", DataType.FLOAT, "1", "1")
                .write(dir.resolve("tiny.onnx"));

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, new long[][] {{1, -2, 3}});
             OrtSession.Result result = session.run(Map.of("x", x))) {
            float[][] y = (float[][]) result.get("y").orElseThrow().getValue();
            float[][] m = (float[][]) result.get("m").orElseThrow().getValue();
            assertArrayEquals(new float[] {3f, -1.5f, 7f}, y[0], 1e-6f);
            assertEquals(8.5f / 3, m[0][0], 1e-6f);

            NodeInfo input = session.getInputInfo().get("x");
            TensorInfo info = (TensorInfo) input.getInfo();
            assertArrayEquals(new String[] {"", "n"}, info.getDimensionNames());
            assertArrayEquals(new long[] {1, -1}, info.getShape());
        }
    }
}
