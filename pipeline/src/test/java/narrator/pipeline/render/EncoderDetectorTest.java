package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;

class EncoderDetectorTest {
    private final EncoderDetector detector = new EncoderDetector(new FfmpegRunner());

    @Test
    void libx264IsTakenAsAsked() {
        assertEquals(Encoder.LIBX264, detector.detect("libx264"));
        assertEquals(Encoder.LIBX264, detector.detect(" LIBX264 "));
    }

    @Test
    void withoutAnNvidiaGpuAutoAndNvencFallBackToLibx264() {
        // The boundary: these machines have no NVIDIA GPU, so FFmpeg's h264_nvenc cannot open.
        assertEquals(Encoder.LIBX264, detector.detect("auto"));
        assertEquals(Encoder.LIBX264, detector.detect("nvenc"));
        assertEquals(Encoder.LIBX264, detector.detect(null));
    }

    @Test
    void unknownEncoderIsAnInvalidRequest() {
        assertEquals(ErrorCode.INVALID_REQUEST,
                assertThrows(NarratorException.class, () -> detector.detect("h265")).code());
    }

    @Test
    void probeEncodesOneTinyFrameToNowhere() {
        assertEquals(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi",
                "-i", "color=s=256x256", "-frames:v", "1", "-c:v", "h264_nvenc", "-f", "null", "-"),
                EncoderDetector.PROBE);
    }

    @Test
    void recognisesNvencOpenFailures() {
        assertTrue(EncoderDetector.isNvencUnavailable(new ProcessFailure("ffmpeg", 1, List.of(
                "[h264_nvenc @ 0x55c16413f040] Cannot load libcuda.so.1",
                "Error initializing output stream 0:0 -- Error while opening encoder for output stream #0:0"))));
        assertTrue(EncoderDetector.isNvencUnavailable(new ProcessFailure("ffmpeg", 1, List.of(
                "[h264_nvenc @ 0x1] OpenEncodeSessionEx failed: out of memory (10): (no details)"))));
        assertFalse(EncoderDetector.isNvencUnavailable(new ProcessFailure("ffmpeg", 1, List.of(
                "/in/voice.wav: Invalid data found when processing input"))));
    }
}
