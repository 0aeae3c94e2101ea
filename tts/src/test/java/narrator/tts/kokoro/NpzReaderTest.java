package narrator.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpzReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "deflated={0}")
    @ValueSource(booleans = {false, true})
    void arraysRoundTrip(boolean deflated) {
        NpyArray voice = new NpyArray(new int[] {3, 1, 2}, new float[] {1f, -2f, 3.5f, 0f, Float.MIN_VALUE, 6e7f});
        NpyArray vector = new NpyArray(new int[] {4}, new float[] {0.25f, 0.5f, 0.75f, 1f});
        Path file = NpzWriter.write(dir.resolve("arrays.npz"), Map.of("zf_b", voice, "af_a", vector), deflated);

        NpzReader reader = NpzReader.open(file);

        assertEquals(List.of("af_a", "zf_b"), reader.names());
        NpyArray read = reader.read("zf_b");
        assertArrayEquals(voice.shape(), read.shape());
        assertArrayEquals(voice.data(), read.data());
        assertArrayEquals(new int[] {4}, reader.read("af_a").shape());
    }

    @Test
    void namesComeFromTheIndexOfAFileWhoseArraysAreBroken() throws IOException {
        Path file = dir.resolve("voices.npz");
        NpzWriter.write(file, Map.of("af_heart", new NpyArray(new int[] {1}, new float[] {1f})), false);
        byte[] bytes = Files.readAllBytes(file);
        // Corrupt the array's data (after the local header) but keep the zip's index at the end intact.
        Arrays.fill(bytes, 60, 80, (byte) 0);
        Files.write(file, bytes);

        assertEquals(List.of("af_heart"), KokoroVoices.names(file));
        assertUnavailable(() -> NpzReader.open(file).read("af_heart"), file.toString());
    }

    @Test
    void aFileThatIsNotAZipIsRejectedByName() throws IOException {
        Path file = Files.writeString(dir.resolve("voices-v1.0.bin"), "{\"af_heart\": [[0.1]]}");
        assertUnavailable(() -> NpzReader.open(file), "voices-v1.0.bin is not a NumPy .npz archive");
    }

    @Test
    void aMissingFileIsRejectedByName() {
        Path file = dir.resolve("absent.npz");
        assertUnavailable(() -> KokoroVoices.names(file), "absent.npz does not exist");
    }

    @Test
    void float64ArraysAreRejected() {
        byte[] npy = NpzWriter.npy("<f8", new int[] {2}, new float[] {1f, 2f, 3f, 4f});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpyArray.parse(npy));
        assertTrue(e.getMessage().contains("<f8"), e.getMessage());
    }

    @Test
    void dataShorterThanTheShapeIsRejected() {
        byte[] npy = NpzWriter.npy("<f4", new int[] {510, 1, 256}, new float[] {1f});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpyArray.parse(npy));
        assertTrue(e.getMessage().contains("[510, 1, 256]"), e.getMessage());
    }

    static void assertUnavailable(Executable call, String messagePart) {
        NarratorException e = assertThrows(NarratorException.class, call);
        assertEquals(ErrorCode.VOICE_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
