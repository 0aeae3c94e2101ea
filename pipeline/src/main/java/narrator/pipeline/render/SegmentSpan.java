package narrator.pipeline.render;

import java.nio.file.Path;
import java.util.List;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Consecutive segments drawn by one FFmpeg process, each into its own file, closed (and usable) as soon as the
 * next one starts: a run of segments pays one process start, one seek and one encoder warm-up, as a one-pass
 * render does, and still leaves a file per segment to resume from. {@code subtitles} is the span's own subtitle
 * document (times counted from its first frame), or null when the video has none.
 */
public record SegmentSpan(List<Segment> segments, Path subtitles) {
    public SegmentSpan {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new NarratorException(ErrorCode.INTERNAL, "a span needs at least one segment");
        }
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).startFrame() != segments.get(i - 1).endFrame()) {
                throw new NarratorException(ErrorCode.INTERNAL, "segments of a span must be consecutive: "
                        + segments.get(i - 1).index() + " then " + segments.get(i).index());
            }
        }
    }

    /** One segment alone, with its own subtitles. */
    public static SegmentSpan of(Segment segment) {
        return new SegmentSpan(List.of(segment), segment.spec().picture().subtitles());
    }

    public Segment first() {
        return segments.get(0);
    }

    public long startFrame() {
        return first().startFrame();
    }

    public long endFrame() {
        return segments.get(segments.size() - 1).endFrame();
    }

    public long frames() {
        return endFrame() - startFrame();
    }

    /** The same span with every segment encoded with {@code encoding} (another encoder, a share of the threads). */
    public SegmentSpan withEncoding(RenderSpec.Encoding encoding) {
        return new SegmentSpan(segments.stream().map(s -> new Segment(s.index(), s.startFrame(), s.endFrame(),
                s.spec().toBuilder().encoding(encoding).build())).toList(), subtitles);
    }

    /** The spec the span is encoded with: the first segment's, with the span's subtitles. */
    public RenderSpec spec() {
        return first().spec().toBuilder().subtitles(subtitles).build();
    }
}
