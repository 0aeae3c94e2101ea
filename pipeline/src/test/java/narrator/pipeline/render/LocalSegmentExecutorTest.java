package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.VideoSize;

/** Segments drawn with real FFmpeg, two at a time: retried alone once, and all removed when one fails for good. */
class LocalSegmentExecutorTest {
    @TempDir
    Path dir;

    private final LocalSegmentExecutor executor = new LocalSegmentExecutor(
            new SegmentRenderer(new FfmpegRunner(), Duration.ofMinutes(1)), 2);

    private Segment segment(int index, long start, long end, Path output) {
        return new Segment(index, start, end, RenderSpec.builder(dir.resolve("unused.wav"), 4, output)
                .size(new VideoSize(160, 284)).x264("ultrafast", 30).build());
    }

    @Test
    void aSegmentThatFailsOnceIsDrawnAgainAndProgressReachesTheEnd() throws IOException {
        // The second segment's output is at first a directory: FFmpeg cannot write it, the failed run removes
        // the (empty) directory as it removes any partial output, and the retry succeeds.
        Path blocked = Files.createDirectory(dir.resolve("segment-001.mp4"));
        List<Segment> segments = List.of(segment(0, 0, 60, dir.resolve("segment-000.mp4")), segment(1, 60, 135, blocked));
        List<Double> progress = new ArrayList<>();

        List<Path> files = executor.renderAll(segments, progress::add, CancelSignal.none());

        assertEquals(List.of(dir.resolve("segment-000.mp4"), blocked), files);
        assertEquals(2.5, Inspect.streams(blocked).duration(), 1e-3);
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back: " + progress);
        }
    }

    @Test
    void aSegmentThatFailsTwiceFailsTheRenderAndLeavesNoSegmentBehind() throws IOException {
        List<Segment> segments = List.of(segment(0, 0, 30, dir.resolve("segment-000.mp4")),
                segment(1, 30, 60, dir.resolve("missing").resolve("segment-001.mp4")));

        NarratorException e = assertThrows(NarratorException.class,
                () -> executor.renderAll(segments, f -> { }, CancelSignal.none()));

        assertEquals(ErrorCode.RENDER_FAILED, e.code());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
