package narrator.tts.catalogue;

import narrator.tts.catalogue.VoiceCatalogue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped voice manifest is well formed: the fetcher trusts it to verify downloads. */
class ManifestTest {
    private static final Path MANIFEST = Path.of("..", "models", "manifest.json");

    @Test
    void everyFileHasAUrlAChecksumAndASize() throws IOException {
        JsonNode root = new ObjectMapper().readTree(MANIFEST.toFile());
        List<String> ids = new ArrayList<>();
        for (JsonNode pkg : root.path("packages")) {
            ids.add(pkg.path("id").asText());
            assertTrue(List.of("piper", "kokoro").contains(pkg.path("engine").asText()), pkg.toString());
            assertTrue(pkg.path("licence").asText().length() > 3, pkg.toString());
            assertTrue(pkg.path("files").size() >= 2, pkg.toString());
            for (JsonNode file : pkg.path("files")) {
                String url = file.path("url").asText();
                assertTrue(url.startsWith("https://") && url.endsWith("/" + file.path("name").asText()), url);
                assertTrue(file.path("sha256").isNull() || file.path("sha256").asText().matches("[0-9a-f]{64}"), url);
                assertTrue(file.path("size").asLong() > 0, url);
            }
        }
        assertEquals(List.of("piper:en_US-lessac-medium", "piper:en_US-amy-low", "piper:en_GB-alan-medium",
                "kokoro-v1.0", "kokoro-v1.0-int8"), ids);
        assertTrue(ids.contains(root.path("default").asText()));
        assertEquals(VoiceCatalogue.PREFERRED_PIPER_VOICE, root.path("default").asText().substring("piper:".length()));
    }
}
