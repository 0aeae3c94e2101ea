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
    void aPhonesRotatedVideoIsCaptionedUprightAtItsShownSize() throws Exception {
        Path stored = TestMedia.flatVideo(work, 2, 320, 240, false);
        Path rotated = work.resolve("rotated.mp4");
        ffmpeg.run(List.of("ffmpeg", "-v", "error", "-y", "-i", stored.toString(), "-c", "copy", "-metadata:s:v:0",
                "rotate=90", rotated.toString()), Duration.ofSeconds(30));

        CaptionBurner.Burned burned = burner.burn(new CaptionRequest(rotated, List.of(new Caption("Upright", 0, 1500,
                SubtitleStyle.DEFAULT)), null, 0, FAST, "mp4"), work, ProgressListener.NONE, CancelSignal.none());

        assertEquals(new VideoSize(240, 320), burned.size());
        assertTrue(Files.readString(burned.subtitles()).contains("PlayResX: 240\nPlayResY: 320"));
        MediaInfo out = new MediaProbe(ffmpeg).probe(burned.video(), "output");
        assertEquals(240, out.width());
        assertEquals(320, out.height());
    }

    @Test
    void audioMp4CarriesIsCopiedAndOtherAudioBecomesAac() {
        Path mp3 = work.resolve("mp3.mp4");
        Path pcm = work.resolve("pcm.mov");
        for (Path source : List.of(mp3, pcm)) {
            ffmpeg.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=s=320x240:d=1", "-f", "lavfi",
                    "-i", "sine=d=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a",
                    source == mp3 ? "libmp3lame" : "pcm_s16le", "-shortest", source.toString()), Duration.ofSeconds(30));
        }

        assertEquals("mp3", audioCodec(burnTo(mp3, "a")), "copied as it is");
        assertEquals("aac", audioCodec(burnTo(pcm, "b")), "PCM re-encoded for MP4");
    }

    private Path burnTo(Path source, String dir) {
        try {
            Path into = Files.createDirectories(work.resolve(dir));
            return burner.burn(new CaptionRequest(source, List.of(new Caption("x", 0, 500, SubtitleStyle.DEFAULT)), null,
                    0, FAST, "mp4"), into, ProgressListener.NONE, CancelSignal.none()).video();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String audioCodec(Path video) {
        return ffmpeg.run(List.of("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", video.toString()), Duration.ofSeconds(30)).stdout().strip();
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
