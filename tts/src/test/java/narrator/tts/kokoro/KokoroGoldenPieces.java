package narrator.tts.kokoro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import narrator.tts.espeak.EspeakPhonemizer;

/**
 * For {@code generate-kokoro-golden.sh}: the texts the oracle must read, as oracle input lines.
 * Every corpus text, plus each piece Narrator splits a long text into (the golden file maps
 * text to kokoro-js's calls, so a piece is checked as kokoro-js reads it alone).
 * Usage: {@code KokoroGoldenPieces CORPUS.jsonl ORACLE-IN.jsonl}
 */
public final class KokoroGoldenPieces {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KokoroGoldenPieces() {
    }

    public static void main(String[] args) throws IOException {
        KokoroFrontEnd frontEnd = KokoroFrontEnd.of(EspeakPhonemizer.shared());
        Map<String, Map<String, String>> lines = new LinkedHashMap<>();
        for (JsonNode item : readJsonLines(Path.of(args[0]))) {
            String key = item.get("key").asText();
            String voice = item.get("voice").asText();
            String text = item.get("text").asText();
            lines.putIfAbsent(voice + "\n" + text, Map.of("key", key, "voice", voice, "text", text));
            List<KokoroPiece> pieces = frontEnd.pieces(text, voice);
            for (int i = 0; i < pieces.size(); i++) {
                String piece = pieces.get(i).text();
                lines.putIfAbsent(voice + "\n" + piece, Map.of("key", key + "#" + (i + 1), "voice", voice, "text", piece));
            }
        }
        List<String> out = new ArrayList<>();
        for (Map<String, String> line : lines.values()) {
            out.add(JSON.writeValueAsString(new TreeMap<>(line)));
        }
        Files.write(Path.of(args[1]), out);
    }

    static List<JsonNode> readJsonLines(Path file) {
        try {
            List<JsonNode> items = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    items.add(JSON.readTree(line));
                }
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
