package narrator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VideoSizeTest {
    @Test
    void scaledDownKeepsEvenSidesOfAtLeast16() {
        assertEquals(new VideoSize(360, 640), VideoSize.PORTRAIT.scaledDown(3));
        assertEquals(new VideoSize(60, 106), new VideoSize(360, 640).scaledDown(6));
        assertEquals(new VideoSize(16, 16), new VideoSize(16, 20).scaledDown(3));
    }
}
