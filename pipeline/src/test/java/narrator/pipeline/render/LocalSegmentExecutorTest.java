package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.VideoSize;

/**
 * Plans drawn with real FFmpeg as spans of consecutive segments: one FFmpeg for all of them one at a time, a failed
 * span tried once more, and every file removed when it fails for good.
 */
class LocalSegmentExecutorTest {
    private static final String SUBTITLES = """
            [Script Info]
            ScriptType: v4.00+

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            Dialogue: 0,0:00:00.00,0:00:03.00,Default,,0,0,0,,{\\kf50}The {\\kf60}tide
            """;

    @TempDir
    Path dir;

    private final SegmentRenderer renderer = new SegmentRenderer(new FfmpegRunner(), Duration.ofMinutes(1));

    private Segment segment(int index, long start, long end) {
        return new Segment(index, start, end, RenderSpec.builder(dir.resolve("unused.wav"), 8,
                dir.resolve("segment-00" + index + ".mp4")).size(new VideoSize(160, 284)).x264("ultrafast", 30).build());
    }

    private List<Segment> segments() {
        return List.of(segment(0, 0, 60), segment(1, 60, 135), segment(2, 135, 180));
    }

    /** Subtitle windows as a plan writes them; {@code missing} first answers name no file, so FFmpeg fails. */
    private final class Windows implements SegmentPlan.SubtitleWindows {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        int missing;

        Windows(int missing) {
            this.missing = missing;
        }

        @Override
        public synchronized Path write(long startFrame, long endFrame) {
            asked.add(startFrame + "-" + endFrame);
            Path file = dir.resolve("subs-" + startFrame + "-" + endFrame + "-" + asked.size() + ".ass");
            if (missing-- > 0) {
                return file;
            }
            try {
                return Files.writeString(file, SUBTITLES);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void oneAtATimeOneFfmpegDrawsTheWholePlanAsOneSpan() {
        Windows windows = new Windows(0);
        Set<Long> ffmpegs = Collections.synchronizedSet(new HashSet<>());
        List<Double> progress = Collections.synchronizedList(new ArrayList<>());

        List<Path> files = new LocalSegmentExecutor(renderer, 1).renderAll(new SegmentPlan(segments(), windows), f -> {
            progress.add(f);
            ProcessHandle.current().descendants().filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg"))
                    .orElse(false)).forEach(p -> ffmpegs.add(p.pid()));
        }, CancelSignal.none());

        assertEquals(segments().stream().map(s -> s.spec().output()).toList(), files);
        assertEquals(List.of(2.0, 2.5, 1.5), files.stream().map(f -> Inspect.streams(f).duration()).toList());
        assertEquals(List.of("0-180"), windows.asked, "one span of every segment");
        // Sampled at progress reports, which a short draw may end before: never two, not always one seen.
        assertTrue(ffmpegs.size() <= 1, "one FFmpeg process drew them: " + ffmpegs);
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);
    }

    @Test
    void spansAreConsecutiveRunsOfAboutEqualFrames() {
        assertEquals(List.of(new LocalSegmentExecutor.Run(0, 2)), LocalSegmentExecutor.runs(List.of(60L, 75L, 45L), 1));
        assertEquals(List.of(new LocalSegmentExecutor.Run(0, 1), new LocalSegmentExecutor.Run(2, 3)),
                LocalSegmentExecutor.runs(List.of(30L, 30L, 30L, 30L), 2));
        assertEquals(List.of(new LocalSegmentExecutor.Run(0, 0), new LocalSegmentExecutor.Run(1, 3)),
                LocalSegmentExecutor.runs(List.of(90L, 30L, 30L, 30L), 2));
        // Every run gets a segment, however uneven the frames.
        assertEquals(List.of(new LocalSegmentExecutor.Run(0, 0), new LocalSegmentExecutor.Run(1, 1),
                new LocalSegmentExecutor.Run(2, 2)), LocalSegmentExecutor.runs(List.of(10L, 10L, 900L), 3));
    }

    @Test
    void aSpanThatFailsIsDrawnOnceMoreAndProgressReachesTheEnd() {
        // The span's first subtitle document is missing: FFmpeg fails; the retry's span gets one.
        Windows windows = new Windows(1);
        List<Double> progress = Collections.synchronizedList(new ArrayList<>());

        List<Path> files = new LocalSegmentExecutor(renderer, 1).renderAll(new SegmentPlan(segments(), windows),
                progress::add, CancelSignal.none());

        assertEquals(List.of("0-180", "0-180"), windows.asked);
        assertEquals(List.of(2.0, 2.5, 1.5), files.stream().map(f -> Inspect.streams(f).duration()).toList());
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back: " + progress);
        }
    }

    @Test
    void aSpanThatFailsTwiceFailsTheRenderAndLeavesNoSegmentBehind() throws IOException {
        // Two at a time: segment 0 alone (drawn), segments 1 and 2 as a span whose subtitles never exist.
        Windows windows = new Windows(Integer.MAX_VALUE);

        NarratorException e = assertThrows(NarratorException.class, () -> new LocalSegmentExecutor(renderer, 2)
                .renderAll(new SegmentPlan(segments(), windows), f -> { }, CancelSignal.none()));

        assertEquals(ErrorCode.RENDER_FAILED, e.code());
        assertEquals(List.of("60-180", "60-180"), windows.asked);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(f -> f.toString().endsWith(".mp4") || f.toString().endsWith(".span"))
                    .toList());
        }
    }
}
