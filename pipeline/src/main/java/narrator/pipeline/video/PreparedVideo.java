package narrator.pipeline.video;

import java.util.List;
import narrator.pipeline.Narration;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.scenes.PlacedScene;

/** A video request after its first phase: inputs probed, the voice track written, scenes placed on it (if any). */
public record PreparedVideo(VideoRequest request, BaseMedia base, Narration narration, List<PlacedScene> scenes) {
    public PreparedVideo {
        scenes = List.copyOf(scenes);
    }
}
