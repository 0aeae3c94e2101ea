package narrator.pipeline.render;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A finished render.
 *
 * @param wall               the whole render: loudness measurement and encode
 * @param encodeFps          output frames per second of the encode's wall time (30 means real time at 30 fps)
 * @param ffmpegPeakRssBytes FFmpeg's peak resident memory, where /proc lets it be measured
 * @param encoder            the encoder that produced the file (libx264 when NVENC fell back)
 * @param warnings           what the caller should know about how it was made (a segmented render joined by
 *                           encoding again), in words for the job's owner
 */
public record RenderResult(Path output, Duration wall, double encodeFps, OptionalLong ffmpegPeakRssBytes,
                           Encoder encoder, List<String> warnings) {
    public RenderResult {
        warnings = List.copyOf(warnings);
    }
}
