package narrator.pipeline.scenes;

import java.util.Objects;

import narrator.pipeline.render.ClipFit;
import narrator.pipeline.render.Motion;

/**
 * How one scene is placed and drawn, checked by whoever parsed it.
 *
 * @param motion           the move over an image; null varies it from scene to scene
 * @param crossfadeSeconds a crossfade from the scene before, centred on this scene's start; 0 for a cut
 * @param clipAudio        mix a clip's own sound under the voice (at the music's volume, ducked like it)
 */
public record SceneOptions(Anchor anchor, Motion motion, double crossfadeSeconds, ClipFit clipFit, boolean clipAudio) {
    public static final double MAX_CROSSFADE_SECONDS = 3.0;
    public static final SceneOptions DEFAULT = new SceneOptions(Anchor.AUTO, null, 0, ClipFit.LOOP, false);

    public SceneOptions {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(clipFit, "clipFit");
        if (crossfadeSeconds < 0 || crossfadeSeconds > MAX_CROSSFADE_SECONDS) {
            throw SceneAssigner.invalid("a crossfade lasts from 0 to " + MAX_CROSSFADE_SECONDS + " seconds");
        }
        if (clipAudio && clipFit == ClipFit.SLOW) {
            throw SceneAssigner.invalid("clip_audio needs clip_fit loop: a slowed clip's sound would not match it");
        }
    }

    /** The move for the scene at {@code index} (0-based). */
    public Motion motionAt(int index) {
        return motion != null ? motion : Motion.varied(index);
    }
}
