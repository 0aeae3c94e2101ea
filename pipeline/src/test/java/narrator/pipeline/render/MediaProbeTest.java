package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.testing.TestMedia;

class MediaProbeTest {
    private static final Path FILE = Path.of("/in/file");

    @TempDir
    Path dir;

    private final MediaProbe probe = new MediaProbe(new FfmpegRunner());

    @Test
    void videoWithAudio() {
        MediaInfo info = MediaProbe.parse("""
                {"streams": [
                  {"codec_type": "video", "codec_name": "h264", "width": 1920, "height": 1080, "nb_frames": "300"},
                  {"codec_type": "audio", "codec_name": "aac"}],
                 "format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "10.010000"}}
                """, "base media", FILE);

        assertEquals(new MediaInfo(true, true, false, 10.01, 1920, 1080), info);
    }

    @Test
    void pngThroughImage2IsAStillImage() {
        MediaInfo info = MediaProbe.parse("""
                {"streams": [{"codec_type": "video", "codec_name": "png", "width": 800, "height": 600}],
                 "format": {"format_name": "png_pipe"}}
                """, "base media", FILE);

        assertEquals(new MediaInfo(true, false, true, 0, 800, 600), info);
    }

    @Test
    void animatedGifIsAVideo() {
        MediaInfo info = MediaProbe.parse("""
                {"streams": [{"codec_type": "video", "codec_name": "gif", "width": 320, "height": 240, "nb_frames": "48"}],
                 "format": {"format_name": "gif", "duration": "2.000000"}}
                """, "base media", FILE);

        assertEquals(new MediaInfo(true, false, false, 2, 320, 240), info);
    }

    @Test
    void coverArtInAnMp3IsNotAPicture() {
        MediaInfo info = MediaProbe.parse("""
                {"streams": [
                  {"codec_type": "audio", "codec_name": "mp3"},
                  {"codec_type": "video", "codec_name": "mjpeg", "width": 500, "height": 500,
                   "disposition": {"attached_pic": 1}}],
                 "format": {"format_name": "mp3", "duration": "183.2"}}
                """, "music", FILE);

        assertEquals(new MediaInfo(false, true, false, 183.2, 0, 0), info);
    }

    @Test
    void noUsableStreamIsInvalidMediaNamingTheRole() {
        NarratorException e = assertThrows(NarratorException.class, () -> MediaProbe.parse("""
                {"streams": [{"codec_type": "data"}], "format": {"format_name": "mov", "duration": "1"}}
                """, "base media", FILE));

        assertEquals(ErrorCode.INVALID_MEDIA, e.code());
        assertEquals("base media: file has no audio or video stream", e.getMessage());
    }

    @Test
    void realFiles() {
        assertEquals(new MediaInfo(true, true, false, 2, 320, 240),
                rounded(probe.probe(TestMedia.video(dir, 2, 320, 240, true), "base media")));
        assertEquals(new MediaInfo(true, false, true, 0, 64, 48), probe.probe(TestMedia.image(dir, 64, 48), "base media"));
        assertEquals(BaseMedia.Kind.IMAGE, probe.probeBase(TestMedia.image(dir, 64, 48)).kind());
        assertEquals(BaseMedia.Kind.VIDEO, probe.probeBase(TestMedia.video(dir, 2, 320, 240, false)).kind());
        assertTrue(probe.probeMusic(TestMedia.music(dir, 2)).hasAudio());
        assertEquals(1.5, probe.probe(TestMedia.voiceWav(dir, 1.5), "voice").durationSeconds(), 1e-3);
    }

    @Test
    void corruptFileIsInvalidMediaNamingTheRole() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> probe.probeBase(TestMedia.corrupt(dir, "clip.mp4")));

        assertEquals(ErrorCode.INVALID_MEDIA, e.code());
        assertTrue(e.getMessage().startsWith("base media: clip.mp4 is not readable media ("), e.getMessage());
    }

    @Test
    void aVideoInACodecFfmpegCannotDecodeIsRefusedBeforeRendering() throws IOException {
        // A real Matroska file whose codec id is renamed: ffprobe still sees a 320x240 video stream, but no
        // decoder exists for it, so a render would fail halfway; the probe says why up front.
        Path mkv = dir.resolve("clip.mkv");
        new FfmpegRunner().run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=320x240:d=1",
                "-c:v", "libx264", "-preset", "ultrafast", mkv.toString()), Duration.ofSeconds(30));
        byte[] bytes = Files.readAllBytes(mkv);
        String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = latin1.indexOf("V_MPEG4/ISO/AVC");
        assertTrue(at > 0, "the codec id is in the header");
        System.arraycopy("V_NARRATOR/XYZ1".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, at, 15);
        Files.write(mkv, bytes);

        NarratorException e = assertThrows(NarratorException.class, () -> probe.probeBase(mkv));
        assertEquals(ErrorCode.INVALID_MEDIA, e.code());
        assertEquals("base media: clip.mkv uses a codec FFmpeg cannot decode", e.getMessage());
    }

    @Test
    void wrongKindOrMissingFileIsInvalidMedia() {
        Path voice = TestMedia.voiceWav(dir, 1);
        assertEquals("base media: " + voice.getFileName() + " has no picture",
                assertThrows(NarratorException.class, () -> probe.probeBase(voice)).getMessage());
        assertEquals("music: " + "none.mp3 file not found",
                assertThrows(NarratorException.class, () -> probe.probeMusic(dir.resolve("none.mp3"))).getMessage());
        assertEquals(ErrorCode.INVALID_MEDIA, assertThrows(NarratorException.class,
                () -> probe.probeMusic(TestMedia.image(dir, 64, 48))).code());
    }

    private static MediaInfo rounded(MediaInfo info) {
        return new MediaInfo(info.hasVideo(), info.hasAudio(), info.isStillImage(),
                Math.round(info.durationSeconds() * 10) / 10.0, info.width(), info.height());
    }

    @Test
    void aCancelReachesFfprobe() {
        CancelSignal cancel = new CancelSignal();
        cancel.cancel();
        Path video = TestMedia.video(dir, 1, 320, 240, true);

        NarratorException e = assertThrows(NarratorException.class, () -> probe.probeBase(video, cancel));

        assertEquals(ErrorCode.CANCELLED, e.code());
    }
}
