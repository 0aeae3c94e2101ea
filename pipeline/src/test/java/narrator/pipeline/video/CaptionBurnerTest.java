package narrator.pipeline.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.MediaInfo;
import narrator.pipeline.render.MediaProbe;
import narrator.pipeline.render.RenderSpec;
import narrator.pipeline.subtitles.Caption;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.pipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captions burned onto a flat video with real FFmpeg: drawn exactly while each caption lasts, the sound kept. */
class CaptionBurnerTest {
    private static final RenderSpec.Encoding FAST = new RenderSpec.Encoding(narrator.pipeline.render.Encoder.LIBX264,
            "ultrafast", 23, "p4", 23, 1);
    private final FfmpegRunner ffmpeg = new FfmpegRunner();
    private final CaptionBurner burner = new CaptionBurner(ffmpeg, Duration.ofMinutes(2));

    @TempDir
    Path work;

    @Test
    void captionsAreDrawnWhileTheyLastAndTheVideoKeepsItsSoundAndLength() {
        Path video = TestMedia.flatVideo(work, 3, 320, 240, true);
        SubtitleStyle yellow = SubtitleStyle.DEFAULT.with(Map.of("font_size", 28, "primary_color", "#FFFF00"));
        List<Caption> captions = List.of(new Caption("Hello 世界", 500, 1500, yellow),
                new Caption("later", 2000, 2500, SubtitleStyle.DEFAULT));

        CaptionBurner.Burned burned = burner.burn(new CaptionRequest(video, captions, null, 0, FAST, "mp4"), work,
                ProgressListener.NONE, CancelSignal.none());

        MediaInfo out = new MediaProbe(ffmpeg).probe(burned.video(), "output");
        assertEquals(new VideoSize(320, 240), burned.size());
        assertEquals(320, out.width());
        assertEquals(240, out.height());
        assertTrue(out.hasAudio(), "the video's own audio is kept");
        assertEquals(3.0, out.durationSeconds(), 0.1);
        assertEquals(0, TestMedia.brightPixels(burned.video(), 0.2), "nothing before the first caption");
        assertTrue(TestMedia.brightPixels(burned.video(), 1.0) > 50, "the first caption is drawn");
        assertEquals(0, TestMedia.brightPixels(burned.video(), 1.8), "nothing between the captions");
        assertTrue(TestMedia.brightPixels(burned.video(), 2.2) > 20, "the second caption is drawn");
        assertTrue(Files.exists(burned.subtitles()));
    }

    @Test
    void aRequestedFrameAndRateAreMadeAndASilentVideoStaysSilent() {
        Path video = TestMedia.flatVideo(work, 2, 320, 240, false);

        CaptionBurner.Burned burned = burner.burn(new CaptionRequest(video, List.of(new Caption("Hi", 0, 1000,
                SubtitleStyle.DEFAULT)), new VideoSize(240, 320), 10, FAST, "mov"), work, ProgressListener.NONE,
                CancelSignal.none());

        String streams = ffmpeg.run(List.of("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_type,width,height,r_frame_rate", "-of", "csv=p=0", burned.video().toString()),
                Duration.ofSeconds(30)).stdout().strip();
        assertEquals("video,240,320,10/1", streams);
        assertTrue(burned.video().getFileName().toString().endsWith(".mov"));
    }

    @Test
    void aCaptionPastTheEndOfTheVideoIsRefusedNamingIt() {
        Path video = TestMedia.flatVideo(work, 2, 320, 240, false);
        List<Caption> captions = List.of(new Caption("in", 0, 1000, SubtitleStyle.DEFAULT),
                new Caption("out", 1500, 2600, SubtitleStyle.DEFAULT));

        NarratorException e = assertThrows(NarratorException.class, () -> burner.burn(new CaptionRequest(video,
                captions, null, 0, FAST, "mp4"), work, ProgressListener.NONE, CancelSignal.none()));

        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals("cues[1] ends at 2.600 s, after the end of the video (2.000 s)", e.getMessage());
        assertEquals("cues[1].end", e.details().get("field"));
    }

    @Test
    void aStillImageIsNotAVideoToCaption() {
        Path image = TestMedia.image(work, 320, 240);

        NarratorException e = assertThrows(NarratorException.class, () -> burner.burn(new CaptionRequest(image,
                List.of(new Caption("x", 0, 100, SubtitleStyle.DEFAULT)), null, 0, FAST, "mp4"), work,
                ProgressListener.NONE, CancelSignal.none()));

        assertEquals(ErrorCode.INVALID_MEDIA, e.code());
    }
}
