package narrator.pipeline.video;

import java.util.Optional;
import narrator.pipeline.Narration;
import narrator.pipeline.align.AlignmentReport;
import narrator.pipeline.render.BaseMedia;

/**
 * A video request after its first phase: inputs probed and the voice track written; {@code alignment}
 * says how the captions were timed when the caller provided the voice.
 */
public record PreparedVideo(VideoRequest request, BaseMedia base, Narration narration,
                            Optional<AlignmentReport> alignment) {
}
