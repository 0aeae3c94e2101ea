package narrator.pipeline.render;

import java.util.List;
import java.util.Objects;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * The picture as a sequence of scenes, counted in output frames: scene i is on screen for frames
 * {@code [start, end)}, the first starting at 0 and each starting where the one before ends. A
 * crossfade of {@code fadeFrames} (even) into scene i is centred on its start: the picture is half one,
 * half the other exactly at that frame, so a fade moves no boundary. A pure value: a renderer may draw
 * it in one pass or cut it into segments.
 */
public record SceneTimeline(int fps, List<Scene> scenes) {
    public static final SceneTimeline NONE = new SceneTimeline(30, List.of());

    /**
     * @param media      a probed image or video
     * @param motion     the move over an image; ignored for a video
     * @param fadeFrames crossfade into this scene, 0 for a cut (always 0 for the first scene)
     * @param clipAudio  mix a video's own sound under the voice
     */
    public record Scene(BaseMedia media, long start, long end, Motion motion, int fadeFrames, ClipFit clipFit,
                        boolean clipAudio) {
        public Scene {
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(motion, "motion");
            Objects.requireNonNull(clipFit, "clipFit");
            if (media.kind() == BaseMedia.Kind.NONE || start < 0 || end <= start || fadeFrames < 0
                    || fadeFrames % 2 != 0) {
                throw new NarratorException(ErrorCode.INTERNAL, "bad scene: " + start + "-" + end + " fade " + fadeFrames);
            }
        }

        public long frames() {
            return end - start;
        }
    }

    public SceneTimeline {
        scenes = List.copyOf(scenes);
        long expected = 0;
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            long shortest = i == 0 ? 0 : Math.min(scene.frames(), scenes.get(i - 1).frames());
            if (scene.start() != expected || scene.fadeFrames() > shortest) {
                throw new NarratorException(ErrorCode.INTERNAL, "scenes must follow each other: scene " + i);
            }
            expected = scene.end();
        }
    }

    public boolean isEmpty() {
        return scenes.isEmpty();
    }

    /** The first frame of scene i's own picture: its start, less the half of its fade-in spent on the scene before. */
    public long segmentStart(int i) {
        return scenes.get(i).start() - scenes.get(i).fadeFrames() / 2;
    }

    /** Frames of scene i's own picture: its length plus the halves of the fades on either side. */
    public long segmentFrames(int i) {
        long end = scenes.get(i).end() + (i + 1 < scenes.size() ? scenes.get(i + 1).fadeFrames() / 2 : 0);
        return end - segmentStart(i);
    }
}
