package narrator.app.spec;

import java.util.Objects;
import narrator.pipeline.scenes.SceneOptions;

/** One requested scene: where its picture comes from, and how it is placed and drawn. */
public record SceneRef(InputRef media, SceneOptions options) {
    public SceneRef {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(options, "options");
    }
}
