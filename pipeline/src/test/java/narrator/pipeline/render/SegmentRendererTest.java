package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.pipeline.CancelSignal;
import narrator.pipeline.VideoSize;

/** One segment drawn with real FFmpeg: exactly its frames, picture only, NVENC falling back as the one pass does. */
class SegmentRendererTest {
    @TempDir
    Path dir;

    private final FfmpegRunner runner = new FfmpegRunner();
    private final SegmentRenderer renderer = new SegmentRenderer(runner, Duration.ofMinutes(1));

    @Test
    void aSegmentOfAPlainBackgroundHasExactlyItsFramesAndNoSound() {
        RenderSpec spec = RenderSpec.builder(dir.resolve("unused.wav"), 5, dir.resolve("segment-001.mp4"))
                .size(new VideoSize(160, 284)).x264("ultrafast", 30).build();
        List<Double> progress = new ArrayList<>();

        Path made = renderer.render(new Segment(1, 30, 75, spec), progress::add, CancelSignal.none());

        Inspect.Streams streams = Inspect.streams(made);
        assertEquals(1, streams.video());
        assertEquals(0, streams.audio());
        assertEquals(1.5, streams.duration(), 1e-3, "45 frames at 30 fps");
        assertFalse(progress.isEmpty());
    }

    @Test
    void nvencThatCannotBeOpenedFallsBackToLibx264ForTheSegment() {
        // No NVIDIA GPU here: h264_nvenc fails to open, as on a GPU host whose driver went away.
        RenderSpec spec = RenderSpec.builder(dir.resolve("unused.wav"), 3, dir.resolve("segment-000.mp4"))
                .size(new VideoSize(160, 284)).encoder(Encoder.NVENC).build();

        Path made = renderer.render(new Segment(0, 0, 30, spec), f -> { }, CancelSignal.none());

        assertTrue(Files.exists(made));
        assertEquals(1.0, Inspect.streams(made).duration(), 1e-3);
    }
}
