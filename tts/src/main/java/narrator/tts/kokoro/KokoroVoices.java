package narrator.tts.kokoro;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Kokoro's voices file ({@code voices-v1.0.bin}, an .npz): per voice a float32 array
 * [510, 1, 256] whose row N is the style vector for an utterance of N phoneme tokens. The index is
 * read eagerly; each voice's 522 KB array is read on first use and then kept.
 */
public final class KokoroVoices {
    static final int STYLE_SIZE = 256;
    /** Rows a voice needs: one per token count the engine may send, 0..{@link KokoroModel#MAX_TOKENS}. */
    static final int MIN_ROWS = KokoroModel.MAX_TOKENS + 1;

    private final NpzReader file;
    private final Map<String, float[]> loaded = new ConcurrentHashMap<>();

    private KokoroVoices(NpzReader file) {
        this.file = file;
    }

    /**
     * The voice names in a Kokoro voices file, sorted, without loading any voice.
     *
     * @throws NarratorException VOICE_UNAVAILABLE when the file is missing or not an .npz
     */
    public static List<String> names(Path voicesBin) {
        return NpzReader.open(voicesBin).names();
    }

    static KokoroVoices open(Path voicesBin) {
        NpzReader file = NpzReader.open(voicesBin);
        if (file.names().isEmpty()) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE,
                    "the voices file " + voicesBin + " holds no voices");
        }
        return new KokoroVoices(file);
    }

    List<String> names() {
        return file.names();
    }

    boolean contains(String name) {
        return file.names().contains(name);
    }

    /** Row {@code row} of the voice's style table (Kokoro picks the row by the unpadded token count). */
    float[] style(String voice, int row) {
        float[] rows = loaded.computeIfAbsent(voice, this::load);
        int from = row * STYLE_SIZE;
        return Arrays.copyOfRange(rows, from, from + STYLE_SIZE);
    }

    private float[] load(String voice) {
        NpyArray array = file.read(voice);
        int[] shape = array.shape();
        boolean styleRows = (shape.length == 3 && shape[1] == 1 && shape[2] == STYLE_SIZE)
                || (shape.length == 2 && shape[1] == STYLE_SIZE);
        if (!styleRows || shape[0] < MIN_ROWS) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE, "the Kokoro voice " + voice + " in "
                    + file.file() + " has shape " + Arrays.toString(shape) + ", expected [510, 1, 256]");
        }
        return array.data();
    }
}
