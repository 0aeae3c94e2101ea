package narrator.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import narrator.app.config.Settings;
import narrator.app.spec.JobSpecs;
import narrator.app.voices.VoiceFetcher;
import narrator.app.voices.VoiceManifest;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.FfmpegCommand;
import narrator.pipeline.render.FfmpegRunner;
import narrator.tts.TtsSettings;
import narrator.tts.catalogue.VoiceCatalogue;

/**
 * {@code narrator demo}: gets the best voice it can (the default Piper voice, else espeak-ng with a
 * clear note), makes a moving background and a music bed with FFmpeg, and renders
 * {@code examples/script.txt} over them with karaoke captions, so the first video shows the voice, the
 * ducking and the captions at once.
 */
final class DemoCommand {
    private static final int BACKGROUND_LOOP_SECONDS = 20;
    private static final int MUSIC_LOOP_SECONDS = 16;
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
        Path background = outDir.resolve(".demo-background.mp4");
        Path music = outDir.resolve(".demo-music.wav");
        try {
            generate(background, music);
            out.println("==> Rendering " + examples.resolve("script.txt")
                    + " over a generated moving background, with generated music and karaoke captions");
            JobSpecs.Fields fields = new JobSpecs.Fields(script, background.toString(), music.toString(), null, null,
                    null, null, null, true, null, false, null, null, null, null, null, null, null, null, null, null);
            RenderCommand render = new RenderCommand(settings, out, err);
            RenderCommand.Rendered rendered = render.renderInto(fields, settings.render().encoder().name(), outDir);
            out.println();
            out.println("Done. Your video: " + rendered.video());
            render.printTimings(rendered.timings());
            out.println("Also in " + outDir + ": voice.wav, timings.json, subs.ass, subs.srt, subs.vtt, thumbnail.jpg");
            return 0;
        } finally {
            background.toFile().delete();
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

    /**
     * A background loop at a third of the video's size (smooth gradients scale up cleanly, and a small clip
     * costs a 1-2 core VPS seconds, not minutes) and a music bed: a soft I-V-vi-IV chord loop in A major,
     * one chord every 4 s with short fades so the changes do not click.
     */
    private void generate(Path background, Path music) {
        try {
            Files.createDirectories(background.getParent());
            VideoSize small = settings.render().defaultSize().scaledDown(3);
            FfmpegRunner ffmpeg = new FfmpegRunner();
            ffmpeg.run(FfmpegCommand.generatedBackground(small, 30, BACKGROUND_LOOP_SECONDS, background),
                    Duration.ofMinutes(2));
            ffmpeg.run(FfmpegCommand.generatedAudio(chordLoop(), MUSIC_LOOP_SECONDS, music), Duration.ofMinutes(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String chordLoop() {
        double[][] chords = {{220.00, 277.18, 329.63}, {164.81, 207.65, 246.94}, {185.00, 220.00, 277.18},
                {146.83, 185.00, 220.00}};
        StringBuilder sum = new StringBuilder();
        for (int i = 0; i < chords.length; i++) {
            double[] f = chords[i];
            sum.append(i == 0 ? "" : "+").append("eq(mod(floor(t/4),4),").append(i).append(")*(")
                    .append(String.format(Locale.ROOT,
                            "0.22*sin(2*PI*%.2f*t)+0.16*sin(2*PI*%.2f*t)+0.14*sin(2*PI*%.2f*t)+0.12*sin(PI*%.2f*t)",
                            f[0], f[1], f[2], f[0]))
                    .append(')');
        }
        // Fades of 1/8 s at each chord change, and a gentle pulse on every half-second beat.
        return "(" + sum + ")*min(1,mod(t,4)*8)*min(1,(4-mod(t,4))*8)*(0.75+0.25*exp(-6*mod(t,0.5)))";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
