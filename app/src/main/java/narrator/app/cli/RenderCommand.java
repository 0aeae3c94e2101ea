package narrator.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import narrator.app.api.RequestRules;
import narrator.app.config.Settings;
import narrator.app.download.AddressPolicy;
import narrator.app.download.Downloader;
import narrator.app.service.Pipelines;
import narrator.app.storage.LocalObjectStore;
import narrator.app.storage.ObjectStore;
import narrator.app.storage.S3ObjectStore;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.RenderOptions;
import narrator.pipeline.VideoOutputs;
import narrator.pipeline.VideoRequest;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.EncoderDetector;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.Fit;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.tts.SpeechOptions;
import narrator.tts.VoiceCatalogue;

/** {@code narrator render}: one video from a script file, with the service's pipeline and settings. */
final class RenderCommand {
    static final String HELP = """
            usage: narrator render --script FILE|- [options]
              --video SRC      base video or image (file, http(s) URL or s3://bucket/key); default: generated background
              --music SRC      background music; default: voice only
              --voice ID       e.g. piper:en_US-lessac-medium, kokoro:af_bella, espeak:en-us (see: narrator voices)
              --speaker S      speaker name or number of a multi-speaker voice
              --speed X        %s to %s (default 1.0)
              --size WxH       WIDTHxHEIGHT with even sides, or portrait, landscape, square (default from DEFAULT_SIZE)
              --fit crop|pad   how a base of another shape fills the frame (default crop)
              --zoom           slow zoom on a still image
              --karaoke        highlight each word as it is spoken
              --style FILE     subtitle style as JSON, the API's subtitle_style object, e.g.
                               {"font_size": 72, "primary_color": "#FFFF00", "alignment": "middle"}
              --encoder E      auto, libx264 or nvenc (default from VIDEO_ENCODER)
              --out DIR        output directory (default ./out)
            writes final.mp4, voice.wav, subs.ass, subs.srt, subs.vtt and thumbnail.jpg into DIR
            """.formatted(RequestRules.MIN_SPEED, RequestRules.MAX_SPEED);
    private static final Set<String> VALUES = Set.of("script", "video", "music", "voice", "speaker", "speed", "size",
            "fit", "encoder", "style", "out");
    private static final Set<String> FLAGS = Set.of("karaoke", "zoom", "help");
    private static final List<String> OUTPUTS = List.of("final.mp4", "voice.wav", "subs.ass", "subs.srt", "subs.vtt",
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
        String script = readScript(scriptSource);
        Path outDir = Path.of(args.value("out", "out")).toAbsolutePath();
        Path result = render(script, args, outDir);
        out.println("Wrote " + result);
        return 0;
    }

    /** Renders into {@code outDir} and returns the video's path. */
    Path render(String script, Args args, Path outDir) {
        if (script.length() > settings.inputs().maxScriptChars()) {
            throw new NarratorException(ErrorCode.SCRIPT_TOO_LONG, "the script has " + script.length()
                    + " characters; the limit is " + settings.inputs().maxScriptChars() + " (MAX_SCRIPT_CHARS)");
        }
        // Checked as the API checks a request, before anything is downloaded or spoken.
        double speed = RequestRules.speed(args.value("speed").isPresent() ? args.number("speed", 1.0) : null);
        VideoSize size = args.value("size").map(RequestRules::size).orElse(settings.render().defaultSize());
        Fit fit = RequestRules.fit(args.value("fit", "crop"));
        SubtitleStyle style = style(args.value("style").orElse(null));
        RequestRules.checkRenderable(size, style);
        FfmpegRunner ffmpeg = new FfmpegRunner();
        try (VoiceCatalogue voices = new VoiceCatalogue(settings.tts())) {
            String voiceId = args.value("voice").orElseGet(voices::defaultVoiceId);
            if (args.value("voice").isEmpty()) {
                voices.defaultVoiceNote().ifPresent(note -> err.println("note: " + note));
            }
            Files.createDirectories(outDir);
            Path work = Files.createTempDirectory(outDir, ".render-");
            try {
                Path video = fetch(args.value("video").orElse(null), work.resolve("input-base"),
                        settings.inputs().maxVideoBytes(), "--video");
                Path music = fetch(args.value("music").orElse(null), work.resolve("input-music"),
                        settings.inputs().maxAudioBytes(), "--music");
                String encoderChoice = args.value("encoder", settings.render().encoder().name()).toLowerCase(Locale.ROOT);
                RenderOptions options = Pipelines.defaultOptions(settings, new EncoderDetector(ffmpeg).detect(encoderChoice))
                        .withImageZoom(args.flag("zoom"))
                        .withFit(fit);
                VideoRequest request = new VideoRequest(script, voices.voice(voiceId),
                        new SpeechOptions(speed, args.value("speaker").orElse(null)), size,
                        args.flag("karaoke"), style, video, music, null, options);
                ProgressBar bar = new ProgressBar(err, System.console() != null);
                VideoOutputs outputs = Pipelines.build(settings, ffmpeg).video(request, work, bar, CancelSignal.none());
                bar.finish();
                for (String name : OUTPUTS) {
                    Path made = work.resolve(name);
                    if (Files.exists(made)) {
                        Files.move(made, outDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                if (outputs.thumbnail().isEmpty()) {
                    err.println("note: no thumbnail could be made (the video is fine)");
                }
                return outDir.resolve("final.mp4");
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path fetch(String source, Path dest, long maxBytes, String role) {
        if (source == null) {
            return null;
        }
        if (!source.matches("(?i)^(https?|s3)://.*")) {
            Path local = Path.of(source);
            if (!Files.isRegularFile(local)) {
                throw new NarratorException(ErrorCode.INVALID_REQUEST, role + ": no such file " + source);
            }
            return local.toAbsolutePath();
        }
        try (ObjectStore store = settings.s3().<ObjectStore>map(S3ObjectStore::new).orElseGet(() ->
                new LocalObjectStore(settings.server().dataDir().resolve("storage"),
                        settings.server().publicBaseUrl(settings.server().port())))) {
            AddressPolicy policy = new AddressPolicy(settings.inputs().allowPrivateUrls(), Set.of());
            return new Downloader(store, policy, settings.inputs().downloadTimeout()).fetch(source, dest, maxBytes, role);
        }
    }

    private static SubtitleStyle style(String file) {
        if (file == null) {
            return SubtitleStyle.DEFAULT;
        }
        try {
            Map<String, Object> fields = new ObjectMapper().readValue(Path.of(file).toFile(),
                    new TypeReference<Map<String, Object>>() { });
            return SubtitleStyle.fromMap(fields);
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "--style " + file + " is not a readable JSON object: "
                    + e.getMessage());
        }
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
