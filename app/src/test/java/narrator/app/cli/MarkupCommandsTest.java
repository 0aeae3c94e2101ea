package narrator.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script markup from the command line: the example dialogue renders, and a lexicon changes the ids sent. */
class MarkupCommandsTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        out.reset();
        Map<String, String> all = new HashMap<>(Map.of("NARRATOR_HOME", dir.toString(), "TTS_PROVIDER", "espeak",
                "X264_PRESET", "ultrafast", "DATA_DIR", dir.resolve("data").toString()));
        all.putAll(env);
        return Main.run(List.of(args), all, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theExampleDialogueRendersInItsSpeakersVoicesWithTheWrittenTextInTheCaptions() throws Exception {
        Path outDir = dir.resolve("out");
        Path lexicon = Files.writeString(dir.resolve("lexicon.json"), "{\"DNS\": \"domain name system\"}");
        int code = run(Map.of(), "render", "--script", EXAMPLES.resolve("dialogue.txt").toString(), "--speakers",
                EXAMPLES.resolve("speakers.json").toString(), "--lexicon", lexicon.toString(), "--size", "240x426",
                "--out", outDir.toString());

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.size(outDir.resolve("final.mp4")) > 0);
        String srt = Files.readString(outDir.resolve("subs.srt"));
        String captions = String.join(" ", srt.lines().filter(line -> !line.isBlank() && !line.matches("[0-9:,> -]+"))
                .toList());
        assertTrue(captions.contains("Where were you? The Nginx logs have been red since midnight."), captions);
        assertTrue(captions.contains("It is not Nginx. It is the DNS."), captions);
        assertTrue(captions.contains("I was right here, reading them."), captions);
        assertTrue(captions.contains("marked the guilty records with a * and nobody slept."), "an escaped star: "
                + captions);
        for (String markup : List.of("engine x", "domain name", "[pause", "ALICE:", "BOB:", "NARRATOR:", "*right", "\\")) {
            assertFalse(captions.contains(markup), markup + " in " + captions);
        }
    }

    @Test
    void aMarkupErrorExitsNamingItsPlaceAndNoMarkupReadsTheScriptAsText() throws Exception {
        Path script = Files.writeString(dir.resolve("s.txt"), "Hello there.\nA long [pause 20s] here.");
        assertEquals(1, run(Map.of(), "render", "--script", script.toString(), "--out", dir.resolve("o").toString()));
        String refused = err.toString(StandardCharsets.UTF_8);
        assertTrue(refused.contains("INVALID_REQUEST: script line 2, column 8: a pause may be at most 10 s"), refused);
        assertFalse(refused.contains("\tat "), "no stack trace: " + refused);

        assertEquals(0, run(Map.of(), "render", "--script", script.toString(), "--no-markup", "--size", "240x426",
                "--out", dir.resolve("o").toString()), err.toString(StandardCharsets.UTF_8));
        String srt = Files.readString(dir.resolve("o").resolve("subs.srt"));
        assertTrue(srt.replace('\n', ' ').contains("A long [pause 20s] here."), srt);
    }

    @Test
    void aLexiconEntryChangesTheIdsSentToTheVoice() throws Exception {
        Path voices = Files.createDirectories(dir.resolve("models").resolve("voices"));
        Files.writeString(voices.resolve("en_US-configonly-medium.onnx.json"), TestVoices.piperConfig(1, 22050, 0f));
        Path respelled = Files.writeString(dir.resolve("respelled.json"), "{\"Nginx\": \"engine x\"}");
        Path ipa = Files.writeString(dir.resolve("ipa.json"), "{\"Nginx\": \"/ˈɛndʒɪn ɛks/\"}");
        String voice = "piper:en_US-configonly-medium";

        JsonNode plain = phonemes(Map.of(), voice, "We run Nginx.");
        JsonNode engineX = phonemes(Map.of(), voice, "We run engine x.");
        JsonNode byFile = phonemes(Map.of(), voice, "We run Nginx.", "--lexicon", respelled.toString());
        JsonNode byService = phonemes(Map.of("LEXICON_FILE", respelled.toString()), voice, "We run Nginx.");
        JsonNode inline = phonemes(Map.of(), voice, "We run [Nginx](engine x).", "--markup");
        JsonNode byIpa = phonemes(Map.of(), voice, "We run Nginx.", "--lexicon", ipa.toString());

        assertNotEquals(ids(plain), ids(byFile), "the lexicon changes what is sent");
        assertEquals(ids(engineX), ids(byFile), "a respelling is spoken as if written so");
        assertEquals(ids(byFile), ids(byService), "LEXICON_FILE applies the same");
        assertEquals(ids(byFile), ids(inline), "so does [Nginx](engine x) with --markup");
        String sent = byIpa.get("calls").get(0).get("phonemes").asText();
        assertTrue(sent.endsWith(Normalizer.normalize(" ˈɛndʒɪn ɛks.", Normalizer.Form.NFD)), "IPA is sent as given: " + sent);
        assertEquals(ids(phonemes(Map.of(), voice, "We run Nginx.")), ids(plain), "nothing is left behind");
    }

    private JsonNode phonemes(Map<String, String> env, String voice, String text, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("phonemes", "--voice", voice, "--json"));
        args.addAll(List.of(options));
        args.add(text);
        assertEquals(0, run(env, args.toArray(String[]::new)), err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static List<Long> ids(JsonNode result) {
        List<Long> ids = new ArrayList<>();
        result.get("calls").forEach(call -> call.get("ids").forEach(id -> ids.add(id.asLong())));
        return ids;
    }
}
