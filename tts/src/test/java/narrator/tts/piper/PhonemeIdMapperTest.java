package narrator.tts.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhonemeIdMapperTest {
    private static final Map<String, List<Long>> IDS = Map.of(
            "_", List.of(0L), "^", List.of(1L), "$", List.of(2L), " ", List.of(3L),
            "a", List.of(14L), "c", List.of(16L), "\u0327", List.of(140L), "ˈ", List.of(120L),
            "x", List.of(36L, 37L));
    private final PhonemeIdMapper mapper = new PhonemeIdMapper(IDS);

    @Test
    void framesWithBosPadAfterEveryPhonemeAndEos() {
        assertEquals(List.of(1L, 0L, 120L, 0L, 14L, 0L, 3L, 0L, 14L, 0L, 2L), mapper.map("ˈa a").ids());
    }

    @Test
    void decomposesToNfdBeforeMapping() {
        // "ç" is one codepoint in NFC and "c" + combining cedilla in NFD.
        assertEquals(List.of(1L, 0L, 16L, 0L, 140L, 0L, 2L), mapper.map("\u00e7").ids());
    }

    @Test
    void aSymbolMayMapToSeveralIds() {
        assertEquals(List.of(1L, 0L, 36L, 37L, 0L, 2L), mapper.map("x").ids());
    }

    @Test
    void unknownPhonemesAreSkippedAndCounted() {
        PhonemeIds ids = mapper.map("aqaq😀");
        assertEquals(List.of(1L, 0L, 14L, 0L, 14L, 0L, 2L), ids.ids());
        assertEquals(Map.of("q", 2, "😀", 1), ids.missing());
        assertEquals(2, ids.spokenPhonemes());
    }
}
