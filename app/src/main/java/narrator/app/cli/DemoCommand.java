package narrator.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import narrator.app.config.Settings;
import narrator.app.spec.JobSpecs;
import narrator.app.voices.VoiceFetcher;
import narrator.app.voices.VoiceManifest;
import narrator.core.NarratorException;
import narrator.pipeline.render.FfmpegCommand;
import narrator.pipeline.render.FfmpegRunner;
import narrator.tts.TtsSettings;
import narrator.tts.catalogue.VoiceCatalogue;

/**
 * {@code narrator demo}: gets the best voice it can (the default Piper voice, else espeak-ng with a
 * clear note), makes a music bed with FFmpeg, and renders {@code examples/script.txt}.
 */
final class DemoCommand {
    private final Settings settings;
    private final Path home;
    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(Settings settings, Path home, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.home = home;
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        Args args = Args.parse(argv, Set.of("examples", "out"), Set.of());
        Path examples = Path.of(args.value("examples", home.resolve("examples").toString()));
        Path outDir = Path.of(args.value("out", home.resolve("out").resolve("demo").toString())).toAbsolutePath();
        String script = read(examples.resolve("script.txt"));

        ensureVoice();
        Path music = musicBed(outDir);
        try {
            out.println("==> Rendering " + examples.resolve("script.txt"));
            JobSpecs.Fields fields = new JobSpecs.Fields(script, null, music.toString(), null, null, null, null, null,
                    false, null, false, null, null, null, null, null);
            Path video = new RenderCommand(settings, out, err).renderInto(fields, settings.render().encoder().name(), outDir);
            out.println();
            out.println("Done. Your video: " + video);
            out.println("Also in " + outDir + ": voice.wav, subs.ass, subs.srt, subs.vtt, thumbnail.jpg");
            return 0;
        } finally {
            music.toFile().delete();
        }
    }

    /** Installs the manifest's default voice when the configured engine has no model yet. */
    private void ensureVoice() {
        try (VoiceCatalogue voices = new VoiceCatalogue(settings.tts())) {
            if (voices.defaultVoiceNote().isEmpty()) {
                out.println("==> Voice: " + voices.defaultVoiceId());
                return;
            }
        }
        if (!settings.tts().provider().equals(TtsSettings.PIPER)) {
            out.println("==> Voice: espeak-ng fallback (" + settings.tts().provider() + " model not installed)");
            return;
        }
        VoiceManifest manifest = VoiceManifest.read(home.resolve("models").resolve("manifest.json"));
        String id = manifest.defaultVoice();
        out.println("==> Fetching the default voice " + id);
        try {
            new VoiceFetcher(Duration.ofMinutes(10)).fetch(manifest.find(id).orElseThrow(), settings.tts().modelsDir(), out);
            out.println("==> Voice: " + id);
        } catch (NarratorException | java.util.NoSuchElementException e) {
            err.println("note: could not download " + id + " (" + e.getMessage() + ").");
            err.println("note: using espeak-ng instead: it works offline but sounds robotic. When you are online, run");
            err.println("      ./narrator voices fetch " + id + "   and render again for a natural voice.");
        }
    }

    /** A soft, slowly pulsing chord: background music without shipping a binary. */
    private Path musicBed(Path outDir) {
        try {
            Files.createDirectories(outDir);
            Path music = outDir.resolve(".demo-music.wav");
            String chord = "0.25*sin(2*PI*220*t)+0.18*sin(2*PI*277.18*t)+0.15*sin(2*PI*329.63*t)+0.1*sin(2*PI*110*t)";
            new FfmpegRunner().run(FfmpegCommand.generatedAudio("(" + chord + ")*(0.6+0.4*sin(2*PI*0.25*t))", 40, music),
                    Duration.ofMinutes(1));
            return music;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
