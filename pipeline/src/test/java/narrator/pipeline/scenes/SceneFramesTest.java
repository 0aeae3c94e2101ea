package narrator.pipeline.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import narrator.core.NarratorException;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.render.ClipFit;
import narrator.pipeline.render.MediaInfo;
import narrator.pipeline.render.Motion;
import narrator.pipeline.render.SceneTimeline;

class SceneFramesTest {
    private static final int RATE = 22050;
    private static final BaseMedia IMAGE = BaseMedia.of(Path.of("a.png"), new MediaInfo(true, false, true, 0, 640, 480));

    @Test
    void startsRoundToTheNearestFrameAndTheScenesFillTheVideo() {
        // Sample 44,468 is frame 60.5007 -> 61; sample 99,005 is frame 134.70 -> 135.
        SceneTimeline t = SceneFrames.timeline(List.of(placed(0, 0), placed(44_468, 0), placed(99_005, 0)), RATE, 30, 200);

        assertEquals(List.of(0L, 61L, 135L), t.scenes().stream().map(SceneTimeline.Scene::start).toList());
        assertEquals(List.of(61L, 135L, 200L), t.scenes().stream().map(SceneTimeline.Scene::end).toList());
        assertEquals(List.of(Motion.ZOOM_IN, Motion.PAN_RIGHT, Motion.ZOOM_OUT),
                t.scenes().stream().map(SceneTimeline.Scene::motion).toList(), "auto varies the move");
    }

    @Test
    void aCrossfadeIsAnEvenNumberOfFramesNoLongerThanEitherScene() {
        SceneTimeline t = SceneFrames.timeline(List.of(placed(0, 0), placed(RATE, 0.5), placed(RATE + 7350, 0.5),
                placed(3 * RATE, 0.25)), RATE, 30, 120);

        // Scenes of 30, 10, 50 and 30 frames. 0.5 s is 15 frames, made even: 16; but the second scene lasts
        // only 10 frames, so both its fades are 10 (5 on each side of each change). 0.25 s: 7.5 -> 8.
        assertEquals(List.of(0, 10, 10, 8), t.scenes().stream().map(SceneTimeline.Scene::fadeFrames).toList());
        assertEquals(30 - 5, t.segmentStart(1));
        assertEquals(10 + 5 + 5, t.segmentFrames(1));
    }

    @Test
    void aSceneShorterThanAFrameIsRefused() {
        assertThrows(NarratorException.class, () -> SceneFrames.timeline(List.of(placed(0, 0), placed(100, 0)), RATE,
                30, 90));
    }

    private static PlacedScene placed(long startSample, double crossfade) {
        return new PlacedScene(IMAGE, new SceneOptions(Anchor.AUTO, null, crossfade, ClipFit.LOOP, false), startSample);
    }
}
