package narrator.pipeline.scenes;

import java.util.ArrayList;
import java.util.List;

import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.render.SceneTimeline;

/**
 * Times placed scenes in output frames. Every start sample is rounded to the nearest frame the same
 * way, so each scene change lands within half a frame of its sentence and the scenes add up to the
 * whole video exactly. A crossfade is a whole, even number of frames centred on the change, never
 * longer than either scene it joins.
 */
public final class SceneFrames {
    private SceneFrames() {
    }

    /** {@code totalFrames}: the whole output, voice and tail; the last scene runs to its end. */
    public static SceneTimeline timeline(List<PlacedScene> placed, int sampleRate, int fps, long totalFrames) {
        List<Long> starts = new ArrayList<>();
        for (PlacedScene scene : placed) {
            starts.add(Math.round(scene.startSample() * (double) fps / sampleRate));
        }
        starts.add(totalFrames);
        List<SceneTimeline.Scene> scenes = new ArrayList<>();
        for (int i = 0; i < placed.size(); i++) {
            long start = starts.get(i);
            long end = starts.get(i + 1);
            if (end <= start) {
                throw SceneAssigner.invalid("scenes[" + i + "] would last less than one frame");
            }
            PlacedScene scene = placed.get(i);
            int fade = 0;
            if (i > 0) {
                long shortest = Math.min(end - start, start - starts.get(i - 1));
                long wanted = 2 * Math.round(scene.options().crossfadeSeconds() * fps / 2);
                fade = (int) Math.min(wanted, shortest - shortest % 2);
            }
            BaseMedia media = scene.media();
            scenes.add(new SceneTimeline.Scene(media, start, end, scene.options().motionAt(i), fade,
                    scene.options().clipFit(), scene.options().clipAudio()));
        }
        return new SceneTimeline(fps, scenes);
    }
}
