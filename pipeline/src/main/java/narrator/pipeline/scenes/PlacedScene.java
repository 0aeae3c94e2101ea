package narrator.pipeline.scenes;

import narrator.pipeline.render.BaseMedia;

/** A probed scene and the sample of the narration at which it starts (0 for the first). */
public record PlacedScene(BaseMedia media, SceneOptions options, long startSample) {
}
