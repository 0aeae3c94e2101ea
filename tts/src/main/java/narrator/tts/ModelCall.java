package narrator.tts;

import java.util.List;

/**
 * One call of a voice model as its front end prepares it: the phonemes, the ids sent to the model
 * (framing included) and, for Kokoro, the row of the voice's style table used (-1 when the engine
 * has none). What {@code narrator phonemes} prints and what the golden-file tests compare.
 */
public record ModelCall(String phonemes, List<Long> ids, int styleRow) {
    public static final int NO_STYLE_ROW = -1;

    public ModelCall {
        ids = List.copyOf(ids);
    }

    public long[] idArray() {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
