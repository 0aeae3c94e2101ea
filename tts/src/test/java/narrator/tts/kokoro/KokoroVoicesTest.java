package narrator.tts.kokoro;

import static narrator.tts.kokoro.NpzReaderTest.assertUnavailable;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KokoroVoicesTest {
    @TempDir
    Path dir;

    @Test
    void namesAreSorted() {
        Path file = KokoroTestModel.writeVoices(dir.resolve("voices.npz"), true, "bf_emma", "af_bella", "ff_siwis");
        assertEquals(List.of("af_bella", "bf_emma", "ff_siwis"), KokoroVoices.names(file));
    }

    @Test
    void styleIsTheRowOfTheTokenCount() {
        Path file = KokoroTestModel.writeVoices(dir.resolve("voices.npz"), true, "af_one", "af_two");
        KokoroVoices voices = KokoroVoices.open(file);

        float[] style = voices.style("af_two", 37);

        assertEquals(KokoroVoices.STYLE_SIZE, style.length);
        for (int column = 0; column < style.length; column++) {
            assertEquals(KokoroTestModel.styleValue(1, 37, column), style[column]);
        }
    }

    @Test
    void aVoiceWithTooFewRowsIsRejected() {
        float[] data = new float[10 * KokoroVoices.STYLE_SIZE];
        Path file = NpzWriter.write(dir.resolve("short.npz"),
                Map.of("af_short", new NpyArray(new int[] {10, 1, KokoroVoices.STYLE_SIZE}, data)), false);

        assertUnavailable(() -> KokoroVoices.open(file).style("af_short", 3), "expected [510, 1, 256]");
    }

    @Test
    void aFileWithoutVoicesIsRejected() {
        Path file = NpzWriter.write(dir.resolve("empty.npz"), Map.of(), false);
        assertUnavailable(() -> KokoroVoices.open(file), "holds no voices");
    }
}
