package narrator.app.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import narrator.app.config.Settings;
import narrator.app.jobs.JobKind;
import narrator.app.service.JobRunner;
import narrator.app.service.Assembly;
import narrator.app.spec.InputRef;
import narrator.app.spec.JobSpec;
import narrator.app.spec.JobSpecs;
import narrator.app.spec.RequestRules;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.Stage;
import narrator.pipeline.align.AlignmentReport;
import narrator.pipeline.video.VideoOutputs;

/** {@code narrator render}: one video from a script file, with the service's pipeline and settings. */
final class RenderCommand {
    static final String HELP = """
            usage: narrator render --script FILE|- [options]
              --video SRC      base video or image (file, http(s) URL or s3://bucket/key); default: generated background
              --music SRC      background music; default: voice only
              --voiceover SRC  your own recording of the script as the voice; captions are aligned to it
              --voice ID       e.g. piper:en_US-lessac-medium, kokoro:af_bella, espeak:en-us (see: narrator voices)
              --speaker S      speaker name or number of a multi-speaker voice
              --speed X        %s to %s (default 1.0)
              --size WxH       WIDTHxHEIGHT with even sides, or portrait, landscape, square (default from DEFAULT_SIZE)
              --fit crop|pad   how a base of another shape fills the frame (default crop)
              --zoom           slow zoom on a still image
              --scenes FILE    the picture scene by scene instead of --video: the API's scenes array as JSON
                               (or {"scenes": [...]}); a scene's media is a URL or a file, relative to FILE
              --captions S     caption style: sentence, karaoke, word, highlight or chunks (default sentence)
              --max-words N    most words per caption for --captions chunks (default 3)
              --karaoke        the same as --captions karaoke
              --style FILE     subtitle style as JSON, the API's subtitle_style object, e.g.
                               {"font_size": 72, "primary_color": "#FFFF00", "alignment": "middle"}
              --speakers FILE  the API's speakers object as JSON: the voice of each NAME: that starts a line, e.g.
                               {"ALICE": {"voice": "espeak:en-us", "color": "#FFD166"}}
              --lexicon FILE   the API's lexicon object as JSON, e.g. {"Nginx": "engine x"}
              --no-markup      read the script as plain text (no speakers, pauses, [..](..) or *emphasis*)
              --encoder E      auto, libx264 or nvenc (default from VIDEO_ENCODER)
              --segment-seconds N     render a long video in segments of about N seconds, cut at sentences;
                                      0: one pass (default from SEGMENT_SECONDS)
              --render-parallelism N  segments drawn at once, FFMPEG_THREADS divided between them
                                      (default from RENDER_PARALLELISM)
              --out DIR        output directory (default ./out)
            writes final.mp4, voice.wav, timings.json, subs.ass, subs.srt, subs.vtt and thumbnail.jpg into DIR
            """.formatted(RequestRules.MIN_SPEED, RequestRules.MAX_SPEED);
    private static final Set<String> VALUES = Set.of("script", "video", "music", "voiceover", "voice", "speaker",
            "speed", "size", "fit", "encoder", "style", "speakers", "lexicon", "scenes", "out", "captions",
            "max-words", "segment-seconds", "render-parallelism");
    private static final Set<String> FLAGS = Set.of("karaoke", "zoom", "no-markup", "help");
    private static final List<String> OUTPUTS = List.of("final.mp4", "voice.wav", "timings.json", "subs.ass", "subs.srt", "subs.vtt",
            "thumbnail.jpg");

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;

    RenderCommand(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        Args args = Args.parse(argv, VALUES, FLAGS);
        if (args.flag("help")) {
            out.print(HELP);
            return 0;
        }
        String scriptSource = args.value("script").orElseThrow(() ->
                new NarratorException(ErrorCode.INVALID_REQUEST, "--script FILE (or - for standard input) is required"));
        JobSpecs.Fields fields = new JobSpecs.Fields(readScript(scriptSource), args.value("video").orElse(null),
                args.value("music").orElse(null), args.value("voiceover").orElse(null), args.value("voice").orElse(null),
                args.value("speaker").orElse(null), args.value("speed").isPresent() ? args.number("speed", 1.0) : null,
                args.value("size").orElse(null), args.flag("karaoke"), args.value("fit").orElse(null), args.flag("zoom"),
                null, jsonObject("--style", args.value("style").orElse(null)), null, null,
                jsonObject("--speakers", args.value("speakers").orElse(null)),
                jsonObject("--lexicon", args.value("lexicon").orElse(null)), args.flag("no-markup") ? false : null,
                args.value("captions").orElse(null), args.integer("max-words").orElse(null),
                scenes(args.value("scenes").orElse(null)));
        Path outDir = Path.of(args.value("out", "out")).toAbsolutePath();
        RenderCommand segmented = new RenderCommand(settings.withSegments(
                args.integer("segment-seconds").orElse(settings.render().segmentSeconds()),
                args.integer("render-parallelism").orElse(settings.render().renderParallelism())), out, err);
        Rendered result = segmented.renderInto(fields, args.value("encoder", settings.render().encoder().name()), outDir);
        out.println("Wrote " + result.video());
        printTimings(result.timings());
        return 0;
    }

    /** The rendered video and how long each stage took. */
    record Rendered(Path video, Map<Stage, Duration> timings) {
    }

    /**
     * Checks {@code fields} exactly as the API checks a request, runs the job as the service's queue
     * would (without the queue), and moves its files into {@code outDir}.
     */
    Rendered renderInto(JobSpecs.Fields fields, String encoderChoice, Path outDir) {
        try (Assembly parts = new Assembly(settings, settings.server().port())) {
            JobSpec spec = parts.specs().resolve(fields.voiceover() == null ? JobKind.RENDER : JobKind.RENDER_VIDEO, fields);
            if (fields.voice() == null) {
                parts.voices().defaultVoiceNote().ifPresent(note -> err.println("note: " + note));
            }
            Files.createDirectories(outDir);
            Path work = Files.createTempDirectory(outDir, ".render-");
            try {
                JobRunner runner = parts.runner(parts.encoder(encoderChoice));
                ProgressBar bar = new ProgressBar(err, System.console() != null);
                VideoOutputs outputs = runner.video(spec, work, bar, CancelSignal.none(),
                        parts.localSegments(settings.render().renderParallelism()), prepared -> prepared.timings().writeTo(work.resolve("timings.json")));
                bar.finish();
                for (String name : OUTPUTS) {
                    Path made = work.resolve(name);
                    if (Files.exists(made)) {
                        Files.move(made, outDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                outputs.alignment().ifPresent(a -> {
                    err.printf(Locale.ROOT, "captions: %s (confidence %.2f)%n", a.method().equals(AlignmentReport.DTW)
                            ? "aligned to the voiceover" : "stretched over the voiceover", a.confidence());
                    a.warning().ifPresent(w -> err.println("warning: " + w));
                });
                if (outputs.thumbnail().isEmpty()) {
                    err.println("note: no thumbnail could be made (the video is fine)");
                }
                return new Rendered(outDir.resolve("final.mp4"), bar.timings());
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void printTimings(Map<Stage, Duration> timings) {
        out.println("Stage timings:");
        timings.forEach((stage, took) -> out.printf(Locale.ROOT, "  %-13s %7.2f s%n", stage.label(), seconds(took)));
        out.printf(Locale.ROOT, "  %-13s %7.2f s%n", "total",
                seconds(timings.values().stream().reduce(Duration.ZERO, Duration::plus)));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** A file's JSON object ({@code --style}, {@code --speakers}, {@code --lexicon}), checked later as the API's. */
    static Map<String, Object> jsonObject(String option, String file) {
        if (file == null) {
            return null;
        }
        try {
            return new ObjectMapper().readValue(Path.of(file).toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, option + " " + file + " is not a readable JSON object: "
                    + e.getMessage());
        }
    }

    /**
     * The {@code --scenes} file's scenes, checked later with the API's rules; a scene's media that is
     * a relative file path is taken from the file's directory.
     */
    static List<Object> scenes(String file) {
        if (file == null) {
            return null;
        }
        Path path = Path.of(file).toAbsolutePath();
        Object parsed;
        try {
            parsed = new ObjectMapper().readValue(path.toFile(), Object.class);
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "--scenes " + file + " is not readable JSON: "
                    + e.getMessage());
        }
        Object list = parsed instanceof Map<?, ?> wrapper ? wrapper.get("scenes") : parsed;
        if (!(list instanceof List<?> scenes)) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "--scenes " + file
                    + " must hold a JSON array of scenes, or an object with one in \"scenes\"");
        }
        List<Object> resolved = new java.util.ArrayList<>();
        for (Object scene : scenes) {
            if (scene instanceof Map<?, ?> map && map.get("media") instanceof String media
                    && InputRef.of(media) instanceof InputRef.LocalFile local) {
                Map<Object, Object> copy = new java.util.LinkedHashMap<>(map);
                copy.put("media", path.getParent().resolve(local.path()).normalize().toString());
                resolved.add(copy);
            } else {
                resolved.add(scene);
            }
        }
        return resolved;
    }

    private static String readScript(String source) {
        try {
            return source.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(source), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "cannot read the script " + source + ": " + e.getMessage());
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp dir is harmless
        }
    }
}
