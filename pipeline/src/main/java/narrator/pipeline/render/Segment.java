package narrator.pipeline.render;

import java.util.Objects;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Frames {@code [startFrame, endFrame)} of a video, rendered on their own. {@code spec} is the whole video's
 * spec except that its subtitles are this segment's own document (times counted from the segment's first
 * frame) and its output is the segment's file (picture only). Rendered, a segment shows exactly the frames a
 * one-pass render of the whole video shows over its range.
 */
public record Segment(int index, long startFrame, long endFrame, RenderSpec spec) {
    public Segment {
        Objects.requireNonNull(spec, "spec");
        if (index < 0 || startFrame < 0 || endFrame <= startFrame) {
            throw new NarratorException(ErrorCode.INTERNAL, "bad segment " + index + ": " + startFrame + "-" + endFrame);
        }
    }

    public long frames() {
        return endFrame - startFrame;
    }
}
