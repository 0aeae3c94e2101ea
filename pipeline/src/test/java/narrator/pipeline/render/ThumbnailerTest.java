package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.pipeline.CancelSignal;
import narrator.pipeline.testing.TestMedia;

class ThumbnailerTest {
    @TempDir
    Path dir;

    private final Thumbnailer thumbnailer = new Thumbnailer(new FfmpegRunner());

    @Test
    void tenPercentInAtLeastOneSecondButInsideShortVideos() {
        assertEquals(6.0, Thumbnailer.at(60), 1e-9);
        assertEquals(1.0, Thumbnailer.at(5), 1e-9);
        assertEquals(0.75, Thumbnailer.at(1.5), 1e-9);
        assertEquals(0.2, Thumbnailer.at(0.4), 1e-9);
    }

    @Test
    void argv() {
        assertEquals(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss", "6",
                "-i", "/v/final.mp4", "-frames:v", "1", "-vf", "scale='min(720,iw)':-2", "-q:v", "3", "/v/thumb.jpg"),
                Thumbnailer.argv(Path.of("/v/final.mp4"), 6, Path.of("/v/thumb.jpg")));
    }

    @Test
    void aJpegAtMost720Wide() throws IOException {
        Path video = TestMedia.video(dir, 1.5, 1000, 560, false);

        Optional<Path> thumb = thumbnailer.thumbnail(video, 1.5, dir.resolve("thumb.jpg"));

        byte[] jpeg = Files.readAllBytes(thumb.orElseThrow());
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, Arrays.copyOf(jpeg, 3));
        Inspect.Streams streams = Inspect.streams(thumb.get());
        assertEquals(720, streams.width());
        assertEquals(404, streams.height());
    }

    @Test
    void failureGivesNothingAndNeverThrows() {
        Path jpeg = dir.resolve("thumb.jpg");

        assertTrue(thumbnailer.thumbnail(TestMedia.corrupt(dir, "final.mp4"), 10, jpeg).isEmpty());
        assertTrue(thumbnailer.thumbnail(dir.resolve("missing.mp4"), 10, jpeg).isEmpty());
        assertFalse(Files.exists(jpeg));
    }

    @Test
    void aCancelIsThrownNotSwallowedAsAMissingThumbnail() {
        CancelSignal cancel = new CancelSignal();
        cancel.cancel();
        Path video = TestMedia.video(dir, 1, 320, 240, false);

        narrator.core.NarratorException e = org.junit.jupiter.api.Assertions.assertThrows(
                narrator.core.NarratorException.class,
                () -> thumbnailer.thumbnail(video, 1, dir.resolve("thumb.jpg"), cancel));

        assertEquals(narrator.core.ErrorCode.CANCELLED, e.code());
        assertFalse(Files.exists(dir.resolve("thumb.jpg")));
    }
}
