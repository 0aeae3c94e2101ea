package narrator.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import narrator.app.config.Settings;
import narrator.app.service.LexiconFile;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.script.Lexicon;
import narrator.pipeline.script.ScriptMarkup;
import narrator.tts.FrontEnd;
import narrator.tts.ModelCall;
import narrator.tts.catalogue.VoiceCatalogue;

/**
 * {@code narrator phonemes}: per model call, the phonemes and ids Narrator would send a voice (and
 * Kokoro's style row). Needs only a Piper voice's {@code .onnx.json} and no Kokoro model file.
 */
final class PhonemesCommand {
    static final String HELP = """
            usage: narrator phonemes --voice ID [--json] TEXT...   (no TEXT: read it from standard input)
                   narrator phonemes --jsonl [--voice ID] < in.jsonl > out.jsonl
              --voice ID       e.g. piper:en_US-lessac-medium, kokoro:af_bella, espeak:en-us
              --json           one JSON object: {"voice", "text", "calls": [{"phonemes", "ids", "style_row"?}]}
              --jsonl          one request per input line, {"text": ..., "voice": ...} (voice defaults to --voice),
                               one result per output line; a failed line gets {"error": {"code", "message"}}
              --lexicon FILE   pronunciations as JSON, as a request's lexicon, over LEXICON_FILE's (which always applies)
              --markup         read the text's script markup too, e.g. [Nginx](engine x), as a render does
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final InputStream in;
    private final PrintStream out;

    PhonemesCommand(Settings settings, InputStream in, PrintStream out) {
        this.settings = settings;
        this.in = in;
        this.out = out;
    }

    int run(List<String> argv) {
        Args args = Args.parse(argv, Set.of("voice", "lexicon"), Set.of("json", "jsonl", "markup", "help"));
        if (args.flag("help")) {
            out.print(HELP);
            return 0;
        }
        Lexicon lexicon = new LexiconFile(settings.speech().lexiconFile().orElse(null)).get()
                .with(requestLexicon(args.value("lexicon").orElse(null)));
        ScriptMarkup reading = new ScriptMarkup(args.flag("markup"), Map.of(), lexicon);
        try (VoiceCatalogue voices = new VoiceCatalogue(settings.tts())) {
            if (args.flag("jsonl")) {
                return jsonLines(voices, args.value("voice").orElse(null), reading);
            }
            String voice = args.value("voice").orElseThrow(() -> new NarratorException(ErrorCode.INVALID_REQUEST,
                    "--voice ID is required (see: narrator voices)"));
            String text = args.positional().isEmpty() ? readAll() : String.join(" ", args.positional());
            ObjectNode result = describe(voices, voice, text, reading);
            if (args.flag("json")) {
                out.println(result.toString());
            } else {
                printReadable(result);
            }
            return 0;
        }
    }

    /** The {@code --lexicon} file, checked as a request's lexicon is. */
    private static Lexicon requestLexicon(String file) {
        Map<String, Object> entries = RenderCommand.jsonObject("--lexicon", file);
        if (entries == null) {
            return Lexicon.EMPTY;
        }
        try {
            Map<String, String> strings = new HashMap<>();
            entries.forEach((written, spoken) -> strings.put(written, String.valueOf(spoken)));
            return new Lexicon(strings);
        } catch (IllegalArgumentException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "--lexicon " + file + ": " + e.getMessage());
        }
    }

    private int jsonLines(VoiceCatalogue voices, String defaultVoice, ScriptMarkup reading) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    out.println(answer(voices, line, defaultVoice, reading).toString());
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line's result; a bad line answers with its error so the rest of a corpus still runs. */
    private static ObjectNode answer(VoiceCatalogue voices, String line, String defaultVoice, ScriptMarkup reading) {
        try {
            JsonNode request = JSON.readTree(line);
            if (!(request instanceof ObjectNode) || !request.path("text").isTextual()) {
                throw new NarratorException(ErrorCode.INVALID_REQUEST, "each line must be an object with a \"text\" string");
            }
            String voice = request.path("voice").isTextual() ? request.path("voice").asText() : defaultVoice;
            if (voice == null) {
                throw new NarratorException(ErrorCode.INVALID_REQUEST, "the line names no \"voice\" and --voice is not given");
            }
            ObjectNode result = describe(voices, voice, request.path("text").asText(), reading);
            if (request.has("key")) {
                result.set("key", request.get("key"));
            }
            return result;
        } catch (JsonProcessingException e) {
            return error(new NarratorException(ErrorCode.INVALID_REQUEST, "the line is not JSON: " + e.getOriginalMessage()));
        } catch (NarratorException e) {
            return error(e);
        }
    }

    /** Without markup or a lexicon, the text goes to the front end exactly as given. */
    private static ObjectNode describe(VoiceCatalogue voices, String voice, String text, ScriptMarkup reading) {
        FrontEnd frontEnd = voices.frontEnd(voice);
        List<ModelCall> calls = !reading.enabled() && reading.lexicon().entries().isEmpty() ? frontEnd.calls(text)
                : frontEnd.calls(reading.parse(text).spoken());
        ObjectNode result = JSON.createObjectNode().put("voice", voice).put("text", text);
        ArrayNode array = result.putArray("calls");
        for (ModelCall call : calls) {
            ObjectNode node = array.addObject().put("phonemes", call.phonemes());
            ArrayNode ids = node.putArray("ids");
            call.ids().forEach(ids::add);
            if (call.styleRow() != ModelCall.NO_STYLE_ROW) {
                node.put("style_row", call.styleRow());
            }
        }
        return result;
    }

    private static ObjectNode error(NarratorException e) {
        ObjectNode result = JSON.createObjectNode();
        result.putObject("error").put("code", e.code().name()).put("message", e.getMessage());
        return result;
    }

    private void printReadable(ObjectNode result) {
        JsonNode calls = result.get("calls");
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            out.println("call " + (i + 1) + " of " + calls.size());
            out.println("  phonemes:  " + call.get("phonemes").asText());
            if (!call.get("ids").isEmpty()) {
                out.println("  ids:       " + joined(call.get("ids")));
            } else {
                out.println("  ids:       (none: espeak-ng speaks the text itself)");
            }
            if (call.has("style_row")) {
                out.println("  style row: " + call.get("style_row").asInt());
            }
        }
    }

    private static String joined(JsonNode ids) {
        StringBuilder text = new StringBuilder();
        ids.forEach(id -> text.append(text.isEmpty() ? "" : " ").append(id.asLong()));
        return text.toString();
    }

    private String readAll() {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
