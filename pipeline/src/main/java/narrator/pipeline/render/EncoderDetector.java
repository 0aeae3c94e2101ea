package narrator.pipeline.render;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Chooses the encoder for a configured {@code "auto" | "libx264" | "nvenc"}. Debian's FFmpeg has NVENC
 * compiled in whether or not the machine has an NVIDIA GPU, so the only honest test is to open the
 * encoder: one tiny frame, done once per detector and remembered.
 */
public final class EncoderDetector {
    private static final Logger LOG = LoggerFactory.getLogger(EncoderDetector.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    /** One black 256x256 frame (NVENC refuses very small frames) encoded to nowhere. */
    static final List<String> PROBE = List.of(FfmpegCommand.FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error",
            "-f", "lavfi", "-i", "color=s=256x256", "-frames:v", "1", "-c:v", "h264_nvenc", "-f", "null", "-");

    private final FfmpegRunner runner;
    private Boolean nvencWorks;

    public EncoderDetector(FfmpegRunner runner) {
        this.runner = runner;
    }

    public Encoder detect(String requested) {
        String wanted = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "libx264" -> Encoder.LIBX264;
            case "auto", "nvenc" -> nvencOrLibx264(wanted);
            default -> throw new NarratorException(ErrorCode.INVALID_REQUEST,
                    "encoder must be auto, libx264 or nvenc, got '" + requested + "'");
        };
    }

    private Encoder nvencOrLibx264(String wanted) {
        if (nvencWorks()) {
            return Encoder.NVENC;
        }
        LOG.info("encoder '{}': h264_nvenc cannot open here (no NVIDIA GPU or driver); using libx264", wanted);
        return Encoder.LIBX264;
    }

    private synchronized boolean nvencWorks() {
        if (nvencWorks == null) {
            try {
                runner.run(PROBE, PROBE_TIMEOUT);
                nvencWorks = true;
            } catch (NarratorException e) {
                LOG.debug("h264_nvenc probe failed: {}", e.getMessage());
                nvencWorks = false;
            }
        }
        return nvencWorks;
    }

    /** Whether a failed render's stderr says the NVENC encoder could not be opened (no GPU, driver or session). */
    public static boolean isNvencUnavailable(ProcessFailure failure) {
        return failure.stderrMentions("nvenc", "cuda", "cannot load");
    }
}
