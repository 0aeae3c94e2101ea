package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import narrator.pipeline.render.SegmentPlanner.Range;

class SegmentPlannerTest {
    private static final int RATE = 22050;

    private static long sample(double seconds) {
        return Math.round(seconds * RATE);
    }

    @Test
    void cutsAtTheCentisecondFrameAtOrJustBeforeTheSentencesNearestToEachIdealCut() {
        // 90 s at 30 fps, segments of 30 s: ideal cuts at frames 900 and 1800.
        List<Long> starts = List.of(0L, sample(12.5), sample(29.345), sample(31.0), sample(61.0), sample(75));

        List<Range> plan = SegmentPlanner.plan(starts, RATE, 2700, 30, 30);

        // 29.345 s is frame 880.35: frame 879 (29.30 s) is the grid frame before it; 61.0 s is frame 1830.
        assertEquals(List.of(new Range(0, 879), new Range(879, 1830), new Range(1830, 2700)), plan);
    }

    @Test
    void aVideoShorterThanTwoSegmentsOrWithSegmentsOffRendersInOnePass() {
        List<Long> starts = List.of(0L, sample(10), sample(20), sample(30), sample(40));
        assertEquals(List.of(), SegmentPlanner.plan(starts, RATE, 1799, 30, 30));
        assertEquals(List.of(), SegmentPlanner.plan(starts, RATE, 2700, 30, 0));
        assertEquals(2, SegmentPlanner.plan(starts, RATE, 1800, 30, 30).size());
    }

    @Test
    void withoutASentenceToCutAtTheVideoRendersInOnePass() {
        assertEquals(List.of(), SegmentPlanner.plan(List.of(0L), RATE, 3000, 30, 30));
    }

    @Test
    void segmentsTileTheVideoAndEveryCutIsAWholeCentisecond() {
        List<Long> starts = new java.util.ArrayList<>();
        for (double t = 0; t < 600; t += 3.71) {
            starts.add(sample(t));
        }
        for (int fps : List.of(24, 25, 30, 60)) {
            long frames = 600L * fps;
            List<Range> plan = SegmentPlanner.plan(starts, RATE, frames, fps, 30);
            assertEquals(20, plan.size(), fps + " fps");
            long next = 0;
            for (Range r : plan) {
                assertEquals(next, r.startFrame(), "contiguous at " + fps + " fps");
                assertTrue(r.endFrame() > r.startFrame());
                assertEquals(0, r.startFrame() * 100 % fps, "frame " + r.startFrame() + " at " + fps + " fps");
                next = r.endFrame();
            }
            assertEquals(frames, next);
        }
    }

    @Test
    void theCentisecondGridFollowsTheFrameRate() {
        assertEquals(3, SegmentPlanner.gridStep(30));
        assertEquals(1, SegmentPlanner.gridStep(25));
        assertEquals(6, SegmentPlanner.gridStep(24));
        assertEquals(3, SegmentPlanner.gridStep(60));
        assertEquals(2930, SegmentPlanner.centiseconds(879, 30));
    }
}
