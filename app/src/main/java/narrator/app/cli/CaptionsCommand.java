package narrator.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;
import narrator.app.api.RequestParser;
import narrator.app.config.Settings;
import narrator.app.service.Assembly;
import narrator.app.spec.CaptionsSpec;
import narrator.app.spec.InputRef;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.subtitles.Caption;
import narrator.pipeline.subtitles.SubtitleFileReader;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.pipeline.video.CaptionBurner;

/**
 * {@code narrator captions}: cues burned onto your own video, checked by the API's rules and run as the service's
 * queue would (without the queue).
 */
final class CaptionsCommand {
    static final String HELP = """
            usage: narrator captions --video SRC --cues FILE [options]
              --video SRC      your video (file, http(s) URL or s3://bucket/key); its own sound is kept
              --cues FILE      cues.json (the API's cues: [{"text", "start", "end", "style"?}], or an object
                               holding them as "cues" or "scenario.cues"), subs.srt or subs.vtt
              --size WxH       output frame, e.g. 1080x1920 (default: the video's own)
              --fps N          output frame rate (default: the video's own)
              --quality Q      low, medium or high (default from X264_CRF)
              --format F       mp4 or mov (default mp4)
              --style FILE     subtitle style as JSON for every cue, the API's subtitle_style object
              --encoder E      auto, libx264 or nvenc (default from VIDEO_ENCODER)
              --out DIR        output directory (default ./out)
            writes captioned.mp4 (or .mov) and subs.ass into DIR
            """;
    private static final Set<String> VALUES = Set.of("video", "cues", "size", "fps", "quality", "format", "style",
            "encoder", "out");
    private static final Set<String> FLAGS = Set.of("help");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;

    CaptionsCommand(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    int run(java.util.List<String> argv) {
        Args args = Args.parse(argv, VALUES, FLAGS);
        if (args.flag("help")) {
            out.print(HELP);
            return 0;
        }
        String video = args.value("video").orElseThrow(() ->
                new NarratorException(ErrorCode.INVALID_REQUEST, "--video FILE|URL is required"));
        Path cues = Path.of(args.value("cues").orElseThrow(() ->
                new NarratorException(ErrorCode.INVALID_REQUEST, "--cues FILE (.json, .srt or .vtt) is required")));
        Path outDir = Path.of(args.value("out", "out")).toAbsolutePath();
        try (Assembly parts = new Assembly(settings, settings.server().port())) {
            RequestParser parser = new RequestParser(JSON, parts.specs(), parts.store()::checkReadable);
            CaptionsSpec spec = parser.captions(request(args, cues), InputRef.of(video));
            Files.createDirectories(outDir);
            Path work = Files.createTempDirectory(outDir, ".captions-");
            try {
                ProgressBar bar = new ProgressBar(err, System.console() != null);
                CaptionBurner.Burned burned = parts.runner(parts.encoder(args.value("encoder",
                        settings.render().encoder().name()))).captions(spec, work, bar, CancelSignal.none());
                bar.finish();
                Path made = outDir.resolve(burned.video().getFileName());
                Files.move(burned.video(), made, StandardCopyOption.REPLACE_EXISTING);
                Files.move(burned.subtitles(), outDir.resolve("subs.ass"), StandardCopyOption.REPLACE_EXISTING);
                out.println("Wrote " + made);
                return 0;
            } finally {
                RenderCommand.deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API's request body for these options, so the command line is checked exactly as the API is. */
    private static String request(Args args, Path cuesFile) {
        ObjectNode body = JSON.createObjectNode();
        body.set("cues", cues(cuesFile));
        ObjectNode options = body.putObject("options");
        args.value("size").ifPresent(size -> {
            String[] sides = size.toLowerCase(Locale.ROOT).split("x");
            if (sides.length != 2) {
                throw new NarratorException(ErrorCode.INVALID_REQUEST, "--size must look like 1080x1920, got " + size);
            }
            options.put("width", whole("--size", sides[0]));
            options.put("height", whole("--size", sides[1]));
        });
        args.value("fps").ifPresent(fps -> options.put("fps", whole("--fps", fps)));
        args.value("quality").ifPresent(quality -> options.put("quality", quality));
        args.value("format").ifPresent(format -> options.put("format", format));
        args.value("style").ifPresent(style -> body.set("subtitle_style", readJson(Path.of(style), "--style")));
        return body.toString();
    }

    /** The cues as the API's JSON array, whatever the file's format. */
    private static JsonNode cues(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".srt") || name.endsWith(".vtt")) {
            ArrayNode cues = JSON.createArrayNode();
            for (Caption caption : SubtitleFileReader.read(readText(file, "--cues"), SubtitleStyle.DEFAULT)) {
                cues.addObject().put("text", caption.text()).put("start", caption.startMillis() / 1000.0)
                        .put("end", caption.endMillis() / 1000.0);
            }
            return cues;
        }
        JsonNode json = readJson(file, "--cues");
        JsonNode held = json.isArray() ? json : json.has("scenario") ? json.path("scenario").path("cues") : json.path("cues");
        return held.isMissingNode() ? JSON.createArrayNode() : held;
    }

    private static int whole(String option, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, option + " must be a whole number, got '" + text + "'");
        }
    }

    private static JsonNode readJson(Path file, String option) {
        try {
            return JSON.readTree(readText(file, option));
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, option + " " + file + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static String readText(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, option + ": cannot read " + file + ": " + e.getMessage());
        }
    }
}
