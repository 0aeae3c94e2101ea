package narrator.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import narrator.tts.ModelCall;
import narrator.tts.espeak.EspeakPhonemizer;
import org.junit.jupiter.api.Test;

/**
 * Narrator's Kokoro calls equal kokoro-js 1.2.1's, id for id, on a corpus of English texts
 * (golden file from {@code src/test/golden/generate-kokoro-golden.sh}; Debian's espeak-ng here,
 * no node). A text that fits one call must equal kokoro-js's call for it; a text Narrator splits
 * must give, for each piece, kokoro-js's call for that piece's text.
 */
class KokoroGoldenTest {
    private final KokoroFrontEnd frontEnd = KokoroFrontEnd.of(EspeakPhonemizer.shared());

    @Test
    void everyCallEqualsKokoroJs() throws URISyntaxException {
        List<JsonNode> corpus = KokoroGoldenPieces.readJsonLines(resource("kokoro-corpus.jsonl"));
        Map<String, JsonNode> golden = new HashMap<>();
        for (JsonNode item : KokoroGoldenPieces.readJsonLines(resource("kokoro-ids.jsonl"))) {
            golden.put(item.get("voice").asText() + "\n" + item.get("text").asText(), item.get("calls"));
        }
        assertTrue(corpus.size() >= 200, corpus.size() + " texts");

        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        int split = 0;
        for (JsonNode item : corpus) {
            String key = item.get("key").asText();
            String voice = item.get("voice").asText();
            List<KokoroPiece> pieces = frontEnd.pieces(item.get("text").asText(), voice);
            split += pieces.size() > 1 ? 1 : 0;
            for (KokoroPiece piece : pieces) {
                compared++;
                JsonNode expected = golden.get(voice + "\n" + piece.text());
                String mismatch = expected == null ? "not in the golden file (regenerate it)"
                        : expected.size() != 1 ? "kokoro-js made " + expected.size() + " calls"
                        : compare(expected.get(0), piece.call());
                if (mismatch != null) {
                    mismatches.add(key + " " + voice + " " + quoted(piece.text()) + ": " + mismatch);
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + compared + " calls differ from kokoro-js:\n" + String.join("\n", mismatches));
        }
        assertTrue(split >= 8, split + " texts were split");
    }

    private static String compare(JsonNode expected, ModelCall actual) {
        List<Long> ids = new ArrayList<>();
        expected.get("ids").forEach(id -> ids.add(id.asLong()));
        int row = expected.get("row").asInt();
        if (ids.equals(actual.ids()) && row == actual.styleRow()) {
            return null;
        }
        return "\n  expected row " + row + " " + quoted(expected.get("phonemes").asText())
                + "\n  actual   row " + actual.styleRow() + " " + quoted(actual.phonemes());
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(KokoroGoldenTest.class.getResource("/golden/" + name).toURI());
    }

    @Test
    void goldenFileCoversTheCorpus() throws URISyntaxException {
        assertEquals(KokoroGoldenPieces.readJsonLines(resource("kokoro-corpus.jsonl")).size(),
                KokoroGoldenPieces.readJsonLines(resource("kokoro-ids.jsonl")).stream()
                        .filter(item -> !item.get("key").asText().contains("#")).count());
    }
}
