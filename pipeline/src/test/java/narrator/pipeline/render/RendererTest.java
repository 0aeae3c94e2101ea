package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Stage;
import narrator.pipeline.VideoSize;
import narrator.pipeline.testing.TestMedia;
import narrator.tts.Speech;
import narrator.tts.SpeechOptions;
import narrator.tts.espeak.EspeakVoice;

/** Real renders with real FFmpeg on small generated media. */
class RendererTest {
    private static final VideoSize SIZE = new VideoSize(320, 568);
    private static final double FRAME = 1.0 / 30;

    @TempDir
    static Path media;
    @TempDir
    Path out;

    private final FfmpegRunner runner = new FfmpegRunner();
    private final Renderer renderer = new Renderer(runner, Duration.ofMinutes(2));
    private final MediaProbe probe = new MediaProbe(runner);

    @Test
    void voiceOnlyWithoutBaseHasTheExactLengthOneStreamEachAndTargetLoudness() {
        RenderSpec spec = spec(3.0).build();

        RenderResult result = renderer.levelAndEncode(spec, ProgressListener.NONE, CancelSignal.none());

        assertShape(result.output(), 3.5);
        assertOnTarget(result.output());
        assertEquals(Encoder.LIBX264, result.encoder());
        assertTrue(result.encodeFps() > 0);
        assertTrue(result.ffmpegPeakRssBytes().orElseThrow() > 1 << 20, "peak RSS measured from /proc");
    }

    @Test
    void renderingProgressRisesWithThePictureEncodeToOne() {
        RenderSpec spec = spec(3.0).build();
        List<Double> fractions = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressListener listener = (stage, fraction) -> {
            assertEquals(Stage.RENDERING, stage);
            fractions.add(fraction);
        };

        renderer.levelAndEncode(spec, listener, CancelSignal.none());

        assertFalse(fractions.isEmpty());
        assertTrue(fractions.get(0) > 0, fractions::toString);
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) > fractions.get(i - 1), "rising: " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
    }

    @Test
    void aFailingSoundStopsThePictureAndLeavesNoFileBehind() throws IOException {
        // The picture encode is a minute long; the sound fails at once on unreadable music.
        RenderSpec spec = spec(60).x264("veryfast", 23).music(TestMedia.corrupt(media, "music.m4a")).build();
        long started = System.nanoTime();

        NarratorException e = assertThrows(NarratorException.class,
                () -> renderer.levelAndEncode(spec, ProgressListener.NONE, CancelSignal.none()));

        assertEquals(ErrorCode.RENDER_FAILED, e.code());
        assertTrue(e.getMessage().contains("music.m4a"), e.getMessage());
        assertTrue((System.nanoTime() - started) / 1e9 < 20, "the picture encode was stopped");
        try (var left = Files.list(out)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void baseShorterThanTheVoiceIsLooped() {
        BaseMedia base = probe.probeBase(TestMedia.video(media, 1.5, 320, 240, true));

        RenderResult result = render(spec(4.0).base(base));

        assertShape(result.output(), 4.5);
    }

    @Test
    void baseLongerThanTheVoiceIsTrimmedAndNeedsNoAudio() {
        BaseMedia base = probe.probeBase(TestMedia.video(media, 6.0, 240, 320, false));

        RenderResult result = render(spec(2.0).base(base).fit(Fit.PAD));

        assertShape(result.output(), 2.5);
    }

    @Test
    void stillImageWithZoom() {
        BaseMedia base = probe.probeBase(TestMedia.image(media, 480, 320));
        assertEquals(BaseMedia.Kind.IMAGE, base.kind());

        RenderResult result = render(spec(2.0).base(base).imageZoom(true));

        assertShape(result.output(), 2.5);
    }

    @Test
    void musicShorterThanTheVoiceIsLoopedUnderIt() {
        Path music = TestMedia.music(media, 1.2);

        RenderResult result = render(spec(4.0).music(music).ducking(false));

        assertShape(result.output(), 4.5);
        // The voice pauses from 2.3 s to 2.6 s, long after the music's first pass ended at 1.2 s.
        double rms = Inspect.rmsDb(result.output(), 2.35, 2.55);
        assertTrue(rms > -45, "looped music in the voice's pause, got " + rms + " dB");
    }

    @Test
    void plainWavMusicWhoseChannelLayoutFfmpegCannotTellStillRenders() {
        // A two-channel WAV with a plain header reads as layout "unknown" in FFmpeg 5.1: the most common
        // music a user hands in. It once made the AAC encoder's input negotiation fail.
        Path music = media.resolve("plain-stereo.wav");
        runner.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", "aevalsrc=0.2*sin(2*PI*220*t):s=44100:d=3", "-ac", "2", music.toString()), Duration.ofSeconds(30));

        for (boolean loudnorm : new boolean[] {false, true}) {
            RenderResult result = render(spec(3.0).music(music).loudnorm(loudnorm));
            assertShape(result.output(), 3.5);
            assertOnTarget(result.output());
        }
    }

    @Test
    void duckedMusicMixStillMeetsTheLoudnessTarget() {
        RenderResult result = render(spec(4.0).music(TestMedia.music(media, 10)));

        assertShape(result.output(), 4.5);
        assertOnTarget(result.output());
    }

    @Test
    void aQuietVoiceIsRaisedToTheTargetWithoutPassingTheTruePeak() {
        // A voice 25 dB down (about -45 LUFS) that the limiter must hold back by several dB once raised.
        RenderResult result = render(spec(quietVoice(4.0), 4.0));

        assertOnTarget(result.output());
    }

    @Test
    void realSpeechIsLimitedAndTheLimitersLossMadeUp() throws IOException {
        // espeak-ng reads about -21 LUFS with peaks at -4 dBFS: raised to the target its peaks pass the
        // limiter's ceiling, so the limiter's loss is measured and made up.
        Speech speech = EspeakVoice.load("en-us").speak("The boats return one by one with their catch of the day. "
                + "The fishermen sort it on the quay.", SpeechOptions.DEFAULT);
        Path voice = media.resolve("espeak.wav");
        Files.write(voice, wav(speech));

        RenderResult result = render(spec(voice, speech.durationSeconds()));

        assertOnTarget(result.output());
    }

    @Test
    void musicLouderThanAQuietVoiceIsMeasuredAsMixed() {
        // The quiet voice barely triggers the ducking, so the music dominates the mix: no estimate from
        // the voice alone would hold here, the measurement of the mix does.
        RenderResult result = render(spec(quietVoice(4.0), 4.0).music(TestMedia.music(media, 10)).musicVolume(1.0));

        assertOnTarget(result.output());
    }

    @Test
    void loudnormFallbackAlsoMeetsTheTarget() {
        RenderResult result = render(spec(4.0).music(TestMedia.music(media, 10)).loudnorm(true));

        assertShape(result.output(), 4.5);
        assertEquals(-14, Inspect.integratedLoudness(result.output()), 1.0);
    }

    @Test
    void subtitlesAreBurnedEvenFromADirectoryNamedWithFilterGraphSyntax() throws IOException {
        Path awkward = Files.createDirectories(out.resolve("it's [a],b;c:d e"));
        Path ass = Files.writeString(awkward.resolve("subs 'x'.ass"), ASS);

        Path with = render(spec(2.0).subtitles(ass).fontsDir(awkward)).output();
        Path without = render(spec(2.0)).output();
        byte[] a = Inspect.greyFrame(with, 1.0, out);
        byte[] b = Inspect.greyFrame(without, 1.0, out);

        assertEquals(a.length, b.length);
        int changed = 0;
        for (int i = a.length / 2; i < a.length; i++) { // the lower half, where the text sits
            if (Math.abs((a[i] & 0xff) - (b[i] & 0xff)) > 40) {
                changed++;
            }
        }
        assertTrue(changed > 500, "subtitle pixels differ: " + changed);
    }

    @Test
    void nvencRequestedWithoutAnNvidiaGpuFallsBackToLibx264() {
        // This machine has no NVIDIA GPU: h264_nvenc fails with "Cannot load libcuda.so.1", which is
        // exactly the failure a GPU host without its driver gives. The render must still succeed.
        RenderResult result = render(spec(2.0).encoder(Encoder.NVENC));

        assertEquals(Encoder.LIBX264, result.encoder());
        assertShape(result.output(), 2.5);
    }

    @Test
    void aFailingRenderCarriesFfmpegsErrorAndLeavesNoOutput() throws IOException {
        Path corruptVoice = TestMedia.corrupt(media, "voice.wav");
        RenderSpec spec = RenderSpec.builder(corruptVoice, 2.0, out.resolve("failed.mp4")).size(SIZE).build();
        Files.writeString(spec.output(), "stale output from an earlier attempt");

        NarratorException e = assertThrows(NarratorException.class,
                () -> renderer.levelAndEncode(spec, ProgressListener.NONE, CancelSignal.none()));

        assertEquals(ErrorCode.RENDER_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("ffmpeg failed (exit code 1): "), e.getMessage());
        assertTrue(e.getMessage().contains("voice.wav"), e.getMessage());
        assertFalse(Files.exists(spec.output()));
    }

    @Test
    void cancelKillsFfmpegAtOnceAndRemovesTheOutput() throws Exception {
        RenderSpec spec = spec(60).x264("veryfast", 23).build();
        CancelSignal cancel = new CancelSignal();
        CountDownLatch started = new CountDownLatch(1);
        ProgressListener listener = (stage, fraction) -> {
            if (fraction > 0) {
                started.countDown();
            }
        };
        CompletableFuture<RenderResult> render =
                CompletableFuture.supplyAsync(() -> renderer.levelAndEncode(spec, listener, cancel));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!started.await(50, TimeUnit.MILLISECONDS)) {
            assertFalse(render.isDone(), () -> "render ended before any progress: " + render.join());
            assertTrue(System.nanoTime() < deadline, "no progress within 60 s");
        }
        ProcessHandle ffmpeg = ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(spec.output().toString())).orElse(false))
                .findFirst().orElseThrow();
        long cancelledAt = System.nanoTime();
        cancel.cancel();

        ExecutionException e = assertThrows(ExecutionException.class, () -> render.get(10, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - cancelledAt) / 1e9;
        assertEquals(ErrorCode.CANCELLED, ((NarratorException) e.getCause()).code());
        assertTrue(seconds < 2, "stopped in " + seconds + " s");
        assertFalse(ffmpeg.isAlive());
        assertFalse(Files.exists(spec.output()));
    }

    private RenderSpec.Builder spec(double voiceSeconds) {
        Path voice = TestMedia.voiceWav(media, voiceSeconds);
        assertEquals(voiceSeconds, TestMedia.wavSeconds(voice), 1e-9);
        return spec(voice, voiceSeconds);
    }

    private RenderSpec.Builder spec(Path voice, double voiceSeconds) {
        return RenderSpec.builder(voice, voiceSeconds, out.resolve("out-" + System.nanoTime() + ".mp4"))
                .size(SIZE)
                .x264("ultrafast", 23);
    }

    /** 16-bit mono WAV bytes of the speech. */
    private static byte[] wav(Speech speech) {
        float[] samples = speech.samples();
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + 2 * samples.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + 2 * samples.length).put("WAVEfmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(speech.sampleRate()).putInt(2 * speech.sampleRate())
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(2 * samples.length);
        for (float sample : samples) {
            wav.putShort((short) Math.round(32767 * Math.max(-1, Math.min(1, sample))));
        }
        return wav.array();
    }

    /** The test voice 25 dB down, as a TTS voice with a low output level would give it. */
    private Path quietVoice(double seconds) {
        Path quiet = media.resolve("quiet-voice-" + seconds + ".wav");
        if (!Files.exists(quiet)) {
            runner.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                    "-i", TestMedia.voiceWav(media, seconds).toString(), "-af", "volume=-25dB",
                    "-c:a", "pcm_s16le", quiet.toString()), Duration.ofSeconds(30));
        }
        return quiet;
    }

    /** Within 1 LU of -14 LUFS (the requirement) and under the -1.5 dBTP ceiling, AAC included. */
    private static void assertOnTarget(Path output) {
        Inspect.Level level = Inspect.loudness(output);
        assertEquals(-14, level.integratedLufs(), 1.0);
        assertTrue(level.truePeakDbtp() <= -1.0, "true peak " + level.truePeakDbtp() + " dBTP");
    }

    private RenderResult render(RenderSpec.Builder spec) {
        return renderer.levelAndEncode(spec.build(), ProgressListener.NONE, CancelSignal.none());
    }

    private static void assertShape(Path output, double seconds) {
        Inspect.Streams streams = Inspect.streams(output);
        assertEquals(1, streams.video());
        assertEquals(1, streams.audio());
        assertEquals(SIZE.width(), streams.width());
        assertEquals(SIZE.height(), streams.height());
        assertEquals(seconds, streams.duration(), FRAME);
    }

    private static final String ASS = """
            [Script Info]
            ScriptType: v4.00+
            PlayResX: 320
            PlayResY: 568

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            Style: Default,Noto Sans CJK SC,40,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,-1,0,0,0,100,100,0,0,1,3,0,2,10,10,60,1

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            Dialogue: 0,0:00:00.00,0:00:10.00,Default,,0,0,0,,HELLO WORLD
            """;
}
