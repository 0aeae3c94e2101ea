package narrator.bench.render;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import narrator.pipeline.CancelSignal;
import narrator.pipeline.Narration;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Sentence;
import narrator.pipeline.VideoSize;
import narrator.pipeline.narration.NarrationBuilder;
import narrator.pipeline.narration.Pauses;
import narrator.pipeline.narration.SpeechCache;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.MediaProbe;
import narrator.bench.render.MultiPassBaseline;
import narrator.pipeline.render.RenderResult;
import narrator.pipeline.render.RenderSpec;
import narrator.pipeline.render.Renderer;
import narrator.pipeline.script.ScriptSplitter;
import narrator.pipeline.script.SplitRules;
import narrator.pipeline.subtitles.AssWriter;
import narrator.pipeline.subtitles.CaptionStyle;
import narrator.pipeline.subtitles.Captions;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.pipeline.subtitles.SubtitleTimeline;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;

/**
 * {@code narrator bench render}: one full job on generated inputs (a fixed English script of about a
 * minute, a looping landscape test video, looping music), rendered first the Narrator way (the picture
 * with burned subtitles and the leveled, ducked mix encoded at once, then muxed) and then by
 * {@link MultiPassBaseline}, the reference service's steps, on the same speech, subtitles, base and
 * music. The figures say how long speech and render take on this machine, how much memory FFmpeg and
 * the JVM needed, and how the two pipelines compare. Run it on an otherwise idle machine: both renders use every core.
 */
public final class RenderBenchmark {
    /** 15 sentences, about 185 words: about 60 s of speech with the default pauses. */
    static final String SCRIPT = """
            Every morning the small harbour town on the coast wakes up long before the sun. \
            Fishing boats slip out past the lighthouse while the water is still calm and grey. \
            The bakery on the corner fills the narrow street with the smell of fresh bread. \
            By seven o'clock the market square is already busy and loud. \
            Farmers unload crates of apples, cheese and honey from their old vans. \
            Children run between the stalls and laugh on their way to the village school. \
            Tourists arrive a little later, with cameras ready and maps in hand. \
            They hope to catch the early light on the old stone houses. \
            In the afternoon the wind usually rises from the west and clouds gather. \
            The boats return one by one with their catch of the day. \
            The fishermen sort it on the quay, trading stories and complaints about the weather. \
            When evening comes, the cafes open their doors to the street. \
            Music drifts across the water, and the lighthouse begins to turn once more. \
            It is a quiet rhythm, repeated for centuries by the people who live here. \
            Nobody in this town seems in any hurry to change it.
            """;

    /**
     * What to render: the output size, the x264 preset, and the generated base (its size and length)
     * and music length. The script is fixed unless a test shortens it.
     */
    record Settings(String script, VideoSize size, String preset, VideoSize baseSize, double baseSeconds,
                    double musicSeconds) {
        /** The job: a minute of speech at 1080x1920 veryfast over a 20 s 1920x1080 base and 30 s of music. */
        static final Settings FULL = new Settings(SCRIPT, VideoSize.PORTRAIT, "veryfast", new VideoSize(1920, 1080),
                20, 30);
    }

    /**
     * The figures of one run.
     *
     * @param renderWall   the one-pass render, its loudness measurement included
     * @param jvmPeakRssKb VmHWM of this JVM at the end; empty where /proc does not exist
     */
    record Report(String voiceId, int sentences, double speechSeconds, Settings settings, Duration tts,
                  RenderResult render, MultiPassBaseline.Result baseline, OptionalLong jvmPeakRssKb) {
        double speedUp() {
            return seconds(baseline.wall()) / seconds(render.wall());
        }
    }

    private static final Duration MEDIA_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RENDER_TIMEOUT = Duration.ofMinutes(30);

    private RenderBenchmark() {
    }

    /** Renders the full job in {@code workDir} and prints the figures. */
    public static void run(Voice voice, PrintStream out, Path workDir) {
        print(measure(voice, Settings.FULL, workDir), out);
    }

    static Report measure(Voice voice, Settings settings, Path workDir) {
        FfmpegRunner ffmpeg = new FfmpegRunner();
        Path baseFile = workDir.resolve("base.mp4");
        Path music = workDir.resolve("music.m4a");
        ffmpeg.run(BenchMedia.baseVideo(settings.baseSize(), settings.baseSeconds(), baseFile), MEDIA_TIMEOUT);
        ffmpeg.run(BenchMedia.music(settings.musicSeconds(), music), MEDIA_TIMEOUT);
        BaseMedia base = new MediaProbe(ffmpeg).probeBase(baseFile);

        List<Sentence> sentences = new ScriptSplitter(SplitRules.DEFAULT).split(settings.script());
        long ttsStart = System.nanoTime();
        Narration narration = new NarrationBuilder(SpeechCache.disabled(), Pauses.DEFAULT).narrate(sentences, voice,
                SpeechOptions.DEFAULT, workDir.resolve("voice.wav"), ProgressListener.NONE, CancelSignal.none());
        Duration tts = Duration.ofNanos(System.nanoTime() - ttsStart);

        SubtitleStyle style = SubtitleStyle.DEFAULT.resolve(settings.size());
        Path ass = write(workDir.resolve("subs.ass"),
                AssWriter.write(SubtitleTimeline.build(narration, style, Captions.SENTENCE), style, settings.size(),
                        CaptionStyle.SENTENCE));

        RenderSpec spec = RenderSpec.builder(narration.wav(), narration.durationSeconds(), workDir.resolve("final.mp4"))
                .base(base)
                .music(music)
                .subtitles(ass)
                .size(settings.size())
                .x264(settings.preset(), 23)
                .build();
        RenderResult render = new Renderer(ffmpeg, RENDER_TIMEOUT).levelAndEncode(spec, ProgressListener.NONE, CancelSignal.none());

        List<Path> sentenceWavs = SentenceWavs.write(narration, directory(workDir.resolve("sentences")));
        MultiPassBaseline.Result baseline = new MultiPassBaseline(ffmpeg, settings.preset(), 23)
                .run(sentenceWavs, music, base, ass, settings.size(), directory(workDir.resolve("baseline")));

        return new Report(voice.info().id(), narration.sentences().size(), narration.durationSeconds(), settings, tts,
                render, baseline, peakRssKb(Path.of("/proc/self/status")));
    }

    static void print(Report r, PrintStream out) {
        Settings s = r.settings();
        out.printf(Locale.ROOT, "voice:              %s%n", r.voiceId());
        out.printf(Locale.ROOT, "job:                %d sentences, %.1f s of speech, %s at 30 fps, libx264 %s crf 23,%n",
                r.sentences(), r.speechSeconds(), s.size(), s.preset());
        out.printf(Locale.ROOT, "                    burned subtitles, ducked music, over a looped %s test video%n",
                s.baseSize());
        out.printf(Locale.ROOT, "TTS time:           %.2f s (real-time factor %.3f)%n", seconds(r.tts()),
                seconds(r.tts()) / r.speechSeconds());
        out.printf(Locale.ROOT, "render wall time:   %.2f s (picture and leveled sound encoded at once, then muxed)%n",
                seconds(r.render().wall()));
        out.printf(Locale.ROOT, "encode fps:         %.1f%n", r.render().encodeFps());
        out.printf(Locale.ROOT, "FFmpeg peak RSS:    %s%n", megabytes(r.render().ffmpegPeakRssBytes(), 1));
        out.printf(Locale.ROOT, "JVM peak RSS:       %s%n", megabytes(r.jvmPeakRssKb(), 1024));
        out.printf(Locale.ROOT, "baseline wall time: %.2f s (multi-pass: ffprobe each sentence, concat, mix, encode)%n",
                seconds(r.baseline().wall()));
        out.printf(Locale.ROOT, "baseline peak RSS:  %s (FFmpeg, largest step)%n",
                megabytes(r.baseline().ffmpegPeakRssBytes(), 1));
        out.printf(Locale.ROOT, "speed-up:           %.2fx (baseline wall time / render wall time)%n", r.speedUp());
    }

    /** VmHWM, the process's peak resident set, in kB. */
    static OptionalLong peakRssKb(Path procStatus) {
        try (var lines = Files.lines(procStatus)) {
            return lines.filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return OptionalLong.empty();
        }
    }

    private static String megabytes(OptionalLong amount, long unitBytes) {
        return amount.isPresent()
                ? String.format(Locale.ROOT, "%.1f MB", amount.getAsLong() * unitBytes / (1024.0 * 1024))
                : "unknown";
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
