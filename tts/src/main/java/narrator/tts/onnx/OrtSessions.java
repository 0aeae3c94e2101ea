package narrator.tts.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;

/**
 * Opens voice models with the session options measured to suit a small shared machine: both
 * engines use these, so a change of policy is made once.
 */
public final class OrtSessions {
    private OrtSessions() {
    }

    /**
     * Options for a run at whose end ONNX Runtime returns its arena's free regions to the system.
     * Not for every run: re-acquiring the memory made each Kokoro call about 20% slower.
     */
    public static OrtSession.RunOptions shrinkingArena() throws OrtException {
        OrtSession.RunOptions options = new OrtSession.RunOptions();
        options.addRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
        return options;
    }

    /**
     * A CPU session with {@code threads} intra-op threads.
     * <ul>
     * <li>Spinning off: spinning threads lose badly when FFmpeg or a second job shares the cores.
     * <li>Memory patterns off: ONNX Runtime keeps a planned buffer for every input shape it has seen,
     * and every sentence is a new shape (measured on Kokoro's architecture: 1349 MB after one pass
     * over the benchmark text, 2072 MB after the second; off: 1355 MB, and RTF 0.31 as before).
     * <li>The CPU arena stays on: without it Piper ran 7x slower (every tensor freshly mapped) and
     * the first Kokoro call 6x slower.
     * </ul>
     */
    public static OrtSession open(Path model, int threads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setMemoryPatternOptimization(false);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            return OrtEnvironment.getEnvironment().createSession(model.toString(), options);
        }
    }
}
