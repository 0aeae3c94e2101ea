package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.VideoSize;

/**
 * Spans of segments drawn with real FFmpeg, one process each: a file per segment with exactly its frames, each
 * complete when reported, picture only, NVENC falling back as the one pass does, a cancel leaving only what was
 * reported.
 */
class SegmentRendererTest {
    private static final VideoSize SIZE = new VideoSize(360, 640);
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final String KARAOKE = """
            [Script Info]
            ScriptType: v4.00+
            PlayResX: 360
            PlayResY: 640

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, \
            Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, \
            MarginR, MarginV, Encoding
            Style: Default,DejaVu Sans,40,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,0,2,20,20,40,1

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            Dialogue: 0,0:00:00.00,0:00:02.00,Default,,0,0,0,,{\\kf50}The {\\kf60}tide {\\kf90}comes in
            Dialogue: 0,0:00:02.00,0:00:05.00,Default,,0,0,0,,{\\kf70}Boats {\\kf80}rock {\\kf150}in the harbour
            """;

    @TempDir
    Path dir;

    private final FfmpegRunner runner = new FfmpegRunner();
    private final SegmentRenderer renderer = new SegmentRenderer(runner, TIMEOUT);

    @Test
    void aSpanOfAMovingBaseWithKaraokeIsAFilePerSegmentEachCompleteWhenReported() throws IOException {
        RenderSpec spec = movingBase(6).build();
        Path subtitles = Files.writeString(dir.resolve("subs-15-135.ass"), KARAOKE);
        SegmentSpan span = new SegmentSpan(List.of(segment(0, 15, 45, spec), segment(1, 45, 99, spec),
                segment(2, 99, 135, spec)), subtitles);
        List<Integer> order = new ArrayList<>();
        List<Long> framesWhenReported = new ArrayList<>();
        List<Double> progress = new ArrayList<>();

        renderer.render(span, s -> {
            order.add(s.index());
            framesWhenReported.add(frames(s.spec().output()));
        }, progress::add, CancelSignal.none());

        assertEquals(List.of(0, 1, 2), order);
        assertEquals(List.of(30L, 54L, 36L), framesWhenReported, "each file whole and exactly its frames when reported");
        for (Segment s : span.segments()) {
            Inspect.Streams streams = Inspect.streams(s.spec().output());
            assertEquals(1, streams.video());
            assertEquals(0, streams.audio());
            assertEquals("I", firstPictureType(s.spec().output()), "segment " + s.index() + " starts with a keyframe");
        }
        assertFalse(Files.exists(FfmpegCommand.spanDir(span)));
        assertFalse(progress.isEmpty());
    }

    @Test
    void aSegmentOfAPlainBackgroundHasExactlyItsFramesAndNoSound() {
        RenderSpec spec = RenderSpec.builder(dir.resolve("unused.wav"), 5, dir.resolve("segment-001.mp4"))
                .size(new VideoSize(160, 284)).x264("ultrafast", 30).build();
        List<Segment> drawn = new ArrayList<>();

        renderer.render(SegmentSpan.of(new Segment(1, 30, 75, spec)), drawn::add, f -> { }, CancelSignal.none());

        assertEquals(1, drawn.size());
        Inspect.Streams streams = Inspect.streams(spec.output());
        assertEquals(1, streams.video());
        assertEquals(0, streams.audio());
        assertEquals(1.5, streams.duration(), 1e-3, "45 frames at 30 fps");
    }

    @Test
    void nvencThatCannotBeOpenedFallsBackToLibx264ForTheSpan() {
        // No NVIDIA GPU here: h264_nvenc fails to open, as on a GPU host whose driver went away.
        RenderSpec spec = RenderSpec.builder(dir.resolve("unused.wav"), 3, dir.resolve("segment-000.mp4"))
                .size(new VideoSize(160, 284)).encoder(Encoder.NVENC).build();

        renderer.render(SegmentSpan.of(new Segment(0, 0, 30, spec)), s -> { }, f -> { }, CancelSignal.none());

        assertEquals(1.0, Inspect.streams(spec.output()).duration(), 1e-3);
    }

    @Test
    void aCancelMidSpanKeepsTheSegmentsReportedAndLeavesNoFileOfTheOthers() throws IOException {
        // A long last segment: the cancel, at the first report, comes while FFmpeg still draws it.
        RenderSpec spec = movingBase(30).build();
        Path subtitles = Files.writeString(dir.resolve("subs.ass"), KARAOKE);
        SegmentSpan span = new SegmentSpan(List.of(segment(0, 0, 30, spec), segment(1, 30, 60, spec),
                segment(2, 60, 900, spec)), subtitles);
        CancelSignal cancel = new CancelSignal();
        List<Integer> reported = Collections.synchronizedList(new ArrayList<>());

        NarratorException e = assertThrows(NarratorException.class, () -> renderer.render(span, s -> {
            reported.add(s.index());
            cancel.cancel();
        }, f -> { }, cancel));

        assertEquals(ErrorCode.CANCELLED, e.code());
        // The cancel came at the first report; any segment FFmpeg had closed by then was reported with it.
        assertTrue(reported.size() == 1 || reported.equals(List.of(0, 1)), "reported " + reported);
        for (Segment s : span.segments()) {
            Path file = s.spec().output();
            if (reported.contains(s.index())) {
                assertEquals(s.frames(), frames(file), "segment " + s.index() + " stays whole");
            } else {
                assertFalse(Files.exists(file), "segment " + s.index() + " leaves no file");
            }
        }
        assertFalse(Files.exists(FfmpegCommand.spanDir(span)));
    }

    private RenderSpec.Builder movingBase(double seconds) {
        Path base = dir.resolve("moving.mp4");
        runner.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", String.format(Locale.ROOT,
                "testsrc2=s=320x240:r=25:d=%.3f", seconds + 2), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt",
                "yuv420p", base.toString()), TIMEOUT);
        return RenderSpec.builder(dir.resolve("unused.wav"), seconds, dir.resolve("unused.mp4"))
                .base(new MediaProbe(runner).probeBase(base)).size(SIZE).x264("veryfast", 23);
    }

    private Segment segment(int index, long start, long end, RenderSpec spec) {
        return new Segment(index, start, end, spec.toBuilder()
                .output(dir.resolve(String.format(Locale.ROOT, "segment-%03d.mp4", index))).build());
    }

    /** The frames ffprobe decodes from {@code video}. */
    private long frames(Path video) {
        return Long.parseLong(runner.run(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", video.toString()), TIMEOUT).stdout().trim());
    }

    private String firstPictureType(Path video) {
        return runner.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#1",
                "-show_entries", "frame=pict_type", "-of", "csv=p=0", video.toString()), TIMEOUT).stdout()
                .lines().findFirst().orElse("").replace(",", "").trim();
    }
}
