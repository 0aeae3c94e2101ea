package narrator.pipeline.render;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where a video of {@code totalFrames} is cut into segments of about {@code segmentSeconds}: only where a
 * sentence starts, so a cut falls in a pause and rarely splits a caption. Each cut frame is the last frame at
 * or before the sentence's first sample whose time is a whole number of centiseconds (at 30 fps every third
 * frame): ASS times are centiseconds, so a segment's subtitles shift by its start exactly. Pure.
 */
public final class SegmentPlanner {
    private SegmentPlanner() {
    }

    /** Frames {@code [startFrame, endFrame)}. */
    public record Range(long startFrame, long endFrame) {
    }

    /**
     * The segments in order, tiling {@code [0, totalFrames)}; empty (render in one pass) when the video is
     * shorter than two segments, {@code segmentSeconds} is 0, or no sentence starts where a cut could go.
     *
     * @param sentenceStarts the first sample of each sentence, in any order
     */
    public static List<Range> plan(List<Long> sentenceStarts, int sampleRate, long totalFrames, int fps,
                                   double segmentSeconds) {
        double segmentFrames = segmentSeconds * fps;
        if (segmentSeconds <= 0 || totalFrames < 2 * segmentFrames) {
            return List.of();
        }
        long step = gridStep(fps);
        TreeSet<Long> candidates = new TreeSet<>();
        for (long sample : sentenceStarts) {
            // floor(sample * fps / rate) without overflow for any realistic narration.
            long frame = (long) Math.floor((double) sample * fps / sampleRate);
            long cut = frame / step * step;
            if (cut > 0 && cut < totalFrames) {
                candidates.add(cut);
            }
        }
        long count = Math.max(2, Math.round(totalFrames / segmentFrames));
        TreeSet<Long> cuts = new TreeSet<>();
        for (long i = 1; i < count; i++) {
            long ideal = Math.round((double) totalFrames * i / count);
            Long below = candidates.floor(ideal);
            Long above = candidates.ceiling(ideal);
            Long nearest = below == null ? above : above == null ? below : ideal - below <= above - ideal ? below : above;
            if (nearest != null) {
                cuts.add(nearest);
            }
        }
        if (cuts.isEmpty()) {
            return List.of();
        }
        List<Range> ranges = new ArrayList<>();
        long start = 0;
        for (long cut : cuts) {
            ranges.add(new Range(start, cut));
            start = cut;
        }
        ranges.add(new Range(start, totalFrames));
        return List.copyOf(ranges);
    }

    /** The smallest frame count whose duration is a whole number of centiseconds: fps / gcd(fps, 100). */
    static long gridStep(int fps) {
        return fps / gcd(fps, 100);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The frame's time in centiseconds; exact for a frame on the grid of {@link #gridStep}. */
    public static long centiseconds(long frame, int fps) {
        return frame * 100 / fps;
    }
}
