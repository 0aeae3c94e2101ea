package narrator.pipeline.video;

import java.util.List;
import java.util.Optional;
import narrator.pipeline.Narration;
import narrator.pipeline.align.AlignmentReport;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.scenes.PlacedScene;

/**
 * A video request after its first phase: inputs probed, the voice track written, scenes placed on it (if
 * any); {@code alignment} says how the captions were timed when the caller provided the voice.
 */
public record PreparedVideo(VideoRequest request, BaseMedia base, Narration narration, List<PlacedScene> scenes,
                            Optional<AlignmentReport> alignment) {
    public PreparedVideo {
        scenes = List.copyOf(scenes);
    }
}
