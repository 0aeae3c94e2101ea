package narrator.pipeline.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A segmented render's segments, in order, and how to make a span of consecutive ones: {@code windows} writes the
 * subtitle document for frames {@code [startFrame, endFrame)} (the pure subtitle code, windowed) and returns its
 * file, or null when the video has no subtitles.
 */
public record SegmentPlan(List<Segment> segments, SubtitleWindows windows) {
    /** Writes the subtitle document of a frame range; null when the video has none. */
    @FunctionalInterface
    public interface SubtitleWindows {
        Path write(long startFrame, long endFrame);
    }

    public SegmentPlan {
        segments = List.copyOf(segments);
        Objects.requireNonNull(windows, "windows");
    }

    /** Segments {@code from} to {@code to} (positions in {@link #segments}, both included) as one span. */
    public SegmentSpan span(int from, int to) {
        List<Segment> run = segments.subList(from, to + 1);
        if (from == to) {
            return SegmentSpan.of(run.get(0));
        }
        return new SegmentSpan(run, windows.write(run.get(0).startFrame(), run.get(run.size() - 1).endFrame()));
    }
}
