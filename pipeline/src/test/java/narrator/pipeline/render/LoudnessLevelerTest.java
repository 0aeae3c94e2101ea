package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The arithmetic; {@link RendererTest} checks the loudness of real renders. */
class LoudnessLevelerTest {
    private static final Loudness TARGET = Loudness.STREAMING;

    @Test
    void theGainIsTheDistanceToTheTarget() {
        assertEquals(7.5, LoudnessLeveler.gain(TARGET, new LoudnessMeter.Reading(-21.5, -4)), 1e-9);
        assertEquals(-3, LoudnessLeveler.gain(TARGET, new LoudnessMeter.Reading(-11, -0.2)), 1e-9);
    }

    @Test
    void theCeilingLeavesAMarginUnderTheTruePeakTarget() {
        assertEquals(-2.25, LoudnessLeveler.ceilingDb(TARGET), 1e-9);
    }

    @Test
    void theLimiterActsOnlyWhenTheRaisedPeaksWouldPassTheCeiling() {
        LoudnessMeter.Reading speech = new LoudnessMeter.Reading(-21, -4);

        assertTrue(LoudnessLeveler.limiterActs(TARGET, speech, 7));
        assertFalse(LoudnessLeveler.limiterActs(TARGET, speech, 1.5));
    }
}
