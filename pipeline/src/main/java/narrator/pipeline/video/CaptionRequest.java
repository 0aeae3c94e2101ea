package narrator.pipeline.video;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.RenderSpec;
import narrator.pipeline.subtitles.Caption;

/**
 * Captions to burn onto a caller's own video.
 *
 * @param size   the output frame; null keeps the video's own (rounded down to even sides)
 * @param fps    output frame rate; 0 keeps the video's own
 * @param format the container: {@code mp4} or {@code mov}
 */
public record CaptionRequest(Path video, List<Caption> captions, VideoSize size, int fps, RenderSpec.Encoding encoding,
                             String format) {
    public CaptionRequest {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(format, "format");
        captions = List.copyOf(captions);
    }
}
