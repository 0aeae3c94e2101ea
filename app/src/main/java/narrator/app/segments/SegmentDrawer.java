package narrator.app.segments;

import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.render.Segment;
import narrator.pipeline.render.SegmentSpan;

/**
 * Draws a span of consecutive segments, each into {@code segment.spec().output()} (the pipeline's
 * {@code SegmentRenderer::render}); {@code drawn} gets each segment, in order, once its file is complete;
 * {@code progress} gets the share (0 to 1) of the span's frames drawn; a cancel stops it at once, leaving the
 * segments already reported and no file of the others.
 */
@FunctionalInterface
public interface SegmentDrawer {
    void draw(SegmentSpan span, Consumer<Segment> drawn, DoubleConsumer progress, CancelSignal cancel);
}
