package narrator.pipeline.render;

import java.nio.file.Path;
import java.util.Objects;
import narrator.pipeline.VideoSize;

/**
 * A caller's video re-encoded with subtitles burned in, its own audio kept: {@link FfmpegCommand#burn}.
 *
 * @param audio    what becomes of the video's first audio stream
 * @param size     the output frame; a source of another shape is scaled into it and padded, never cut
 * @param fps      output frame rate; 0 keeps the source's
 * @param fontsDir extra fonts for the subtitles; null for the system's fonts
 */
public record BurnSpec(Path video, Audio audio, Path subtitles, Path fontsDir, VideoSize size, int fps,
                       RenderSpec.Encoding encoding, Path output) {
    /** The video's own sound: none, copied as it is, or re-encoded to AAC for a codec MP4 and MOV cannot carry. */
    public enum Audio { NONE, COPY, AAC }

    public BurnSpec {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(subtitles, "subtitles");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(output, "output");
        if (fps < 0 || fps > 120) {
            throw new IllegalArgumentException("fps must be 0 (the source's) to 120, got " + fps);
        }
    }
}
