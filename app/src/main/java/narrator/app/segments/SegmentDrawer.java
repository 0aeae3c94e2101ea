package narrator.app.segments;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.render.Segment;

/**
 * Draws one segment into {@code segment.spec().output()} and returns the file (the pipeline's
 * {@code SegmentRenderer::render}); {@code progress} gets the share (0 to 1) of its frames drawn; a cancel stops it
 * at once.
 */
@FunctionalInterface
public interface SegmentDrawer {
    Path draw(Segment segment, DoubleConsumer progress, CancelSignal cancel);
}
