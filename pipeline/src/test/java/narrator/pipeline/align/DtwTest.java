package narrator.pipeline.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DtwTest {
    private static final int DIMS = 3;
    private static final float[] PAUSE = {4, 4, 4};

    @Test
    void findsEveryFrameOfARetimedCopyWithLongerPausesThroughAllLevels() {
        // 3000 frames (30 s) of "speech" with a short pause every 500: three halvings down to the full
        // matrix, then bands back up. The recording speaks the first half slower and the second faster,
        // and holds each pause four times as long.
        float[] reference = speech(3000, new Random(1));
        List<Integer> origin = new ArrayList<>();
        List<float[]> frames = new ArrayList<>();
        Random random = new Random(2);
        for (int i = 0; i < 3000; i++) {
            if (isPause(i)) {
                for (int k = 0; k < 4; k++) {
                    origin.add(-1);
                    frames.add(PAUSE);
                }
                continue;
            }
            int copies = i < 1500 ? (random.nextInt(4) == 0 ? 2 : 1) : (random.nextInt(4) == 0 ? 0 : 1);
            for (int c = 0; c < copies; c++) {
                origin.add(i);
                frames.add(new float[] {reference[i * DIMS], reference[i * DIMS + 1], reference[i * DIMS + 2]});
            }
        }
        float[] recording = new float[frames.size() * DIMS];
        for (int j = 0; j < frames.size(); j++) {
            System.arraycopy(frames.get(j), 0, recording, j * DIMS, DIMS);
        }

        Warp warp = new Dtw(16).align(reference, recording, DIMS);

        int checked = 0;
        for (int i = 0; i < 3000; i++) {
            int expected = origin.indexOf(i);
            if (expected >= 0) { // a frame the recording dropped has no place to check
                assertEquals(expected, warp.firstColumn()[i], 1, "reference frame " + i);
                checked++;
            }
        }
        assertTrue(checked > 2500, "checked " + checked);
        assertTrue(warp.steps() >= recording.length / DIMS, "every recording frame is on the path");
    }

    @Test
    void halvingAveragesPairsAndKeepsAnOddLastFrame() {
        float[] halved = Dtw.halve(new float[] {0, 2, 4, 6, 8}, 5, 1);

        assertEquals(3, halved.length);
        assertEquals(1f, halved[0]);
        assertEquals(5f, halved[1]);
        assertEquals(8f, halved[2]);
    }

    private static boolean isPause(int frame) {
        return frame % 500 >= 480;
    }

    /** Noise smoothed over 8 frames, as speech features change from frame to frame, with pauses. */
    private static float[] speech(int frames, Random random) {
        float[] noise = new float[(frames + 8) * DIMS];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        float[] values = new float[frames * DIMS];
        for (int f = 0; f < frames; f++) {
            for (int d = 0; d < DIMS; d++) {
                float sum = 0;
                for (int k = 0; k < 8; k++) {
                    sum += noise[(f + k) * DIMS + d];
                }
                values[f * DIMS + d] = isPause(f) ? PAUSE[d] : sum / 3;
            }
        }
        return values;
    }
}
