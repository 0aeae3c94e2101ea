package narrator.pipeline.scenes;

import java.nio.file.Path;
import java.util.Objects;

/** One scene as requested: its picture (an image or a video clip on local disk) and how to place and draw it. */
public record Scene(Path media, SceneOptions options) {
    public Scene {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(options, "options");
    }
}
