package narrator.pipeline.render;

import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

import narrator.pipeline.CancelSignal;

/**
 * Where a segmented render's segments are drawn: on this machine, several spans at once, or by any worker of a
 * cluster, skipping those already finished by an earlier attempt. The caller mixes the audio and joins the
 * files.
 */
public interface SegmentExecutor {
    /**
     * Each of the plan's segments' finished file (picture only), in order; {@code progress} gets the share (0 to 1)
     * of all their frames drawn so far. A cancel stops every draw at once.
     */
    List<Path> renderAll(SegmentPlan plan, DoubleConsumer progress, CancelSignal cancel);
}
