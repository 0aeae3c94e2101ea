package narrator.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpeechTest {
    @Test
    void durationComesFromSampleCount() {
        assertEquals(0.5, new Speech(new float[11025], 22050, "").durationSeconds(), 1e-12);
    }

    @Test
    void speedOutsideRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SpeechOptions(0.1, null));
    }
}
