package narrator.pipeline.video;

import narrator.pipeline.Narration;
import narrator.pipeline.render.BaseMedia;

/** A video request after its first phase: inputs probed and the voice track written. */
public record PreparedVideo(VideoRequest request, BaseMedia base, Narration narration) {
}
