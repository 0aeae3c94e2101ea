package narrator.pipeline.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.Narration;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.SpokenSentence;
import narrator.pipeline.Stage;
import narrator.pipeline.VideoSize;
import narrator.pipeline.align.AlignmentFallback;
import narrator.pipeline.narration.NarrationBuilder;
import narrator.pipeline.narration.Pauses;
import narrator.pipeline.narration.SpeechCache;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.render.FfmpegCommand;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.Inspect;
import narrator.pipeline.render.LocalSegmentExecutor;
import narrator.pipeline.render.MediaProbe;
import narrator.pipeline.render.Renderer;
import narrator.pipeline.render.Segment;
import narrator.pipeline.render.SegmentExecutor;
import narrator.pipeline.render.SegmentPlan;
import narrator.pipeline.render.SegmentPlanner;
import narrator.pipeline.render.SegmentRenderer;
import narrator.pipeline.script.ScriptMarkup;
import narrator.pipeline.script.ScriptSplitter;
import narrator.pipeline.script.SplitRules;
import narrator.pipeline.subtitles.CaptionStyle;
import narrator.pipeline.subtitles.Captions;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.tts.SpeechOptions;
import narrator.tts.espeak.EspeakVoice;

/**
 * Segmented renders proven glitch-free against one-pass renders of the same job, with real FFmpeg: a moving
 * 25 fps base, a short looping base cut inside a loop, and a zooming still, each with karaoke captions. The
 * renders are shared by the tests; sizes are small and segments 2 s so it stays quick on two cores.
 */
class SegmentedRenderTest {
    private static final VideoSize SIZE = new VideoSize(360, 640);
    private static final int FPS = 30;
    private static final double SEGMENT_SECONDS = 2;
    private static final int AROUND = 3;
    private static final String SCRIPT = """
            The tide comes in. Boats rock in the harbour. A gull calls twice.
            The market opens at noon. Bread and fish change hands. Then the lights come on.
            """;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final FfmpegRunner RUNNER = new FfmpegRunner();
    private static final Renderer RENDERER = new Renderer(RUNNER, TIMEOUT);
    private static final VideoPipeline PIPELINE = new VideoPipeline(new ScriptSplitter(SplitRules.DEFAULT),
            new NarrationBuilder(SpeechCache.disabled(), Pauses.DEFAULT), RUNNER, RENDERER, AlignmentFallback.STRETCH);

    @TempDir
    static Path dir;

    private static Narration narration;
    private static VideoRequest request;
    private static Case moving;
    private static Case looping;
    private static Case zooming;

    /** One job rendered both ways; the seconds each took. */
    record Case(String name, PreparedVideo prepared, VideoOutputs onePass, VideoOutputs segmented, double onePassSeconds,
                double segmentedSeconds) {
    }

    @BeforeAll
    static void renderAllCases() {
        Path voiceDir = mkdir("voice");
        request = new VideoRequest(SCRIPT, EspeakVoice.load("en-us"), SpeechOptions.DEFAULT, SIZE,
                new Captions(CaptionStyle.KARAOKE, Captions.DEFAULT_MAX_WORDS), SubtitleStyle.DEFAULT, null, null, null,
                RenderOptions.DEFAULT.withSegmentSeconds(SEGMENT_SECONDS), ScriptMarkup.PLAIN, Map.of(), List.of());
        narration = PIPELINE.narrate(request, voiceDir, ProgressListener.NONE, CancelSignal.none()).narration();
        double total = narration.durationSeconds() + RenderOptions.DEFAULT.tailSeconds();
        moving = render("moving", base("moving.mp4", total + 2), false);
        looping = render("looping", base("loop.mp4", 1.7), false);
        zooming = render("zooming", image(), true);
    }

    @Test
    void everyCaseHasExactlyTheExpectedFramesAtEvenStepsAndItsFullDuration() {
        long frames = FfmpegCommand.frames(total(), FPS);
        for (Case c : cases()) {
            List<Long> pts = framePts(c.segmented().video());
            assertEquals(frames, pts.size(), c.name() + ": frame count");
            long step = pts.get(1) - pts.get(0);
            for (int i = 1; i < pts.size(); i++) {
                assertEquals(step, pts.get(i) - pts.get(i - 1), c.name() + ": frame " + i + " follows its predecessor by"
                        + " one frame (no duplicate, none missing)");
            }
            assertEquals(frames, framePts(c.onePass().video()).size(), c.name() + ": the one pass's frame count");
            Inspect.Streams streams = Inspect.streams(c.segmented().video());
            assertEquals(SIZE.width(), streams.width());
            assertEquals(1, streams.audio());
            assertEquals(total(), streams.duration(), 1.0 / FPS, c.name() + ": duration");
        }
    }

    @Test
    void framesAroundEveryJoinMatchTheOnePassRender() {
        for (Case c : cases()) {
            List<Double> ssim = ssimAroundJoins(c, 0);
            double min = ssim.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            // Control: against the one pass one frame later, what a duplicated or dropped frame would give.
            double slipped = ssimAroundJoins(c, 1).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            System.out.printf(Locale.ROOT, "%s: SSIM around %d joins, %d frames, min %.5f (one frame off: %.5f);"
                            + " one pass %.1f s, segmented %.1f s%n", c.name(), cuts().size(), ssim.size(), min, slipped,
                    c.onePassSeconds(), c.segmentedSeconds());
            assertEquals(cuts().size() * 2 * AROUND, ssim.size(), c.name() + ": frames compared");
            assertTrue(min >= 0.98, c.name() + ": SSIM " + ssim);
            assertTrue(slipped < 0.98, c.name() + ": the measure sees a one-frame slip: " + slipped);
        }
    }

    @Test
    void aJoinFallsInsideALoopOfTheShortBase() {
        double loop = new MediaProbe(RUNNER).videoStreamSeconds(looping.prepared().base().path(), CancelSignal.none());
        assertTrue(cuts().stream().anyMatch(cut -> {
            double into = (cut / (double) FPS) % loop;
            return into > 0.2 && into < loop - 0.2;
        }), "cuts " + cuts() + " vs loop " + loop);
    }

    @Test
    void theSoundIsMixedOnceForTheWholeVideoAtTheLoudnessTarget() {
        for (Case c : cases()) {
            assertEquals(-14, Inspect.integratedLoudness(c.segmented().video()), 1, c.name());
            assertEquals(Inspect.integratedLoudness(c.onePass().video()), Inspect.integratedLoudness(c.segmented().video()),
                    0.3, c.name() + ": same loudness as the one pass");
        }
    }

    @Test
    void segmentsOfTheSameEncodingAreJoinedByStreamCopyWithoutWarning() {
        for (Case c : cases()) {
            assertEquals(List.of(), c.segmented().warnings(), c.name());
        }
        assertTrue(cuts().size() >= 2, "at least three segments: " + cuts());
    }

    @Test
    void segmentsThatDifferAreJoinedByEncodingAgainAndTheOutputsSaySo() {
        Path work = mkdir("mismatch");
        // Segment 1 drawn at another frame size, each segment a span of its own: a stream copy could not join it.
        SegmentRenderer segmentRenderer = new SegmentRenderer(RUNNER, TIMEOUT);
        SegmentExecutor odd = (plan, progress, cancel) -> new LocalSegmentExecutor(segmentRenderer,
                plan.segments().size()).renderAll(new SegmentPlan(plan.segments().stream().map(s -> s.index() != 1 ? s
                        : new Segment(s.index(), s.startFrame(), s.endFrame(), s.spec().toBuilder()
                                .size(new VideoSize(240, 426)).build())).toList(), plan.windows()), progress, cancel);

        VideoOutputs made = PIPELINE.subtitlesAndVideo(prepared(zooming.prepared().base(), true), work,
                ProgressListener.NONE, CancelSignal.none(), odd);

        assertEquals(1, made.warnings().size(), "warnings " + made.warnings());
        assertTrue(made.warnings().get(0).contains("encoding them again"), made.warnings().get(0));
        assertEquals(FfmpegCommand.frames(total(), FPS), framePts(made.video()).size());
        assertEquals(SIZE.width(), Inspect.streams(made.video()).width());
        assertEquals(Set.of(), intermediates(work));
    }

    @Test
    void cancelStopsEverySegmentAtOnceAndLeavesNoFiles() {
        Path work = mkdir("cancelled");
        CancelSignal cancel = new CancelSignal();
        AtomicBoolean sawTwoEncodes = new AtomicBoolean();
        // Cancel once segments are being drawn, two at a time.
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(Stage stage, double fraction) {
                if (stage == Stage.RENDERING && fraction > 0.2 && !cancel.isCancelled()) {
                    sawTwoEncodes.set(ffmpegChildren() >= 2);
                    cancel.cancel();
                }
            }
        };
        SegmentExecutor twoAtOnce = new LocalSegmentExecutor(new SegmentRenderer(RUNNER, TIMEOUT), 2);

        NarratorException e = assertThrows(NarratorException.class, () -> PIPELINE.subtitlesAndVideo(
                prepared(moving.prepared().base(), false), work, listener, cancel, twoAtOnce));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertTrue(sawTwoEncodes.get(), "two segments were being drawn when the cancel came");
        assertEquals(0, ffmpegChildren(), "no FFmpeg left running");
        assertEquals(Set.of(), intermediates(work));
    }

    // ---- helpers

    private static Case render(String name, BaseMedia base, boolean zoom) {
        PreparedVideo prepared = prepared(base, zoom);
        PreparedVideo onePassJob = new PreparedVideo(withOptions(prepared.request(),
                prepared.request().options().withSegmentSeconds(0)), base, narration, List.of(), Optional.empty());
        long t0 = System.nanoTime();
        VideoOutputs one = PIPELINE.subtitlesAndVideo(onePassJob, mkdir(name + "-one"), ProgressListener.NONE,
                CancelSignal.none());
        long t1 = System.nanoTime();
        Path work = mkdir(name + "-segments");
        VideoOutputs segmented = PIPELINE.subtitlesAndVideo(prepared, work, ProgressListener.NONE, CancelSignal.none());
        long t2 = System.nanoTime();
        assertEquals(Set.of(), intermediates(work), name + ": intermediate files left");
        return new Case(name, prepared, one, segmented, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    private static PreparedVideo prepared(BaseMedia base, boolean zoom) {
        VideoRequest job = withOptions(request, request.options().withImageZoom(zoom));
        return new PreparedVideo(job, base, narration, List.of(), Optional.empty());
    }

    private static VideoRequest withOptions(VideoRequest r, RenderOptions options) {
        return new VideoRequest(r.script(), r.voice(), r.speech(), r.size(), r.captions(), r.style(), r.baseMedia(),
                r.music(), r.providedVoice(), options, r.markup(), r.speakerVoices(), r.scenes());
    }

    private static List<Case> cases() {
        return List.of(moving, looping, zooming);
    }

    private static double total() {
        return narration.durationSeconds() + RenderOptions.DEFAULT.tailSeconds();
    }

    private static List<Long> cuts() {
        List<SegmentPlanner.Range> plan = SegmentPlanner.plan(narration.sentences().stream()
                .map(SpokenSentence::startSample).toList(), narration.sampleRate(), FfmpegCommand.frames(total(), FPS),
                FPS, SEGMENT_SECONDS);
        return plan.stream().skip(1).map(SegmentPlanner.Range::startFrame).toList();
    }

    /** A 25 fps test pattern in motion, so the 30 fps output repeats some of its frames. */
    private static BaseMedia base(String file, double seconds) {
        Path out = dir.resolve(file);
        RUNNER.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", String.format(Locale.ROOT,
                "testsrc2=s=320x240:r=25:d=%.3f", seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt",
                "yuv420p", out.toString()), TIMEOUT);
        return new MediaProbe(RUNNER).probeBase(out);
    }

    private static BaseMedia image() {
        Path out = dir.resolve("still.png");
        RUNNER.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=s=640x480",
                "-frames:v", "1", out.toString()), TIMEOUT);
        return new MediaProbe(RUNNER).probeBase(out);
    }

    /** Every decoded frame's pts, in order. */
    private static List<Long> framePts(Path video) {
        String csv = RUNNER.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "frame=pts", "-of", "csv=p=0", video.toString()), TIMEOUT).stdout();
        return csv.lines().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.trim().replace(",", ""))).toList();
    }

    /**
     * SSIM of each of the {@value #AROUND} frames either side of every join, segmented against one pass
     * ({@code shift} frames later in the one pass).
     */
    private static List<Double> ssimAroundJoins(Case c, int shift) {
        String out = RUNNER.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", c.segmented().video().toString(),
                "-i", c.onePass().video().toString(), "-filter_complex", "[0:v]select='" + aroundJoins(0)
                        + "',setpts=N/TB[a];[1:v]select='" + aroundJoins(shift)
                        + "',setpts=N/TB[b];[a][b]ssim=stats_file=-",
                "-f", "null", "-"), TIMEOUT).stdout();
        List<Double> values = new ArrayList<>();
        out.lines().filter(l -> l.contains("All:")).forEach(l -> values.add(Double.parseDouble(
                l.replaceAll(".*All:([0-9.]+).*", "$1"))));
        return values;
    }

    private static String aroundJoins(int shift) {
        return cuts().stream().map(cut -> "between(n," + (cut - AROUND + shift) + "," + (cut + AROUND - 1 + shift) + ")")
                .collect(Collectors.joining("+"));
    }

    /** Files a render made besides its outputs: segments, lists, the separate sound. */
    private static Set<String> intermediates(Path work) {
        try (Stream<Path> files = Files.list(work)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".ffconcat") || n.endsWith(".m4a") || n.matches("segment-\\d+\\.mp4"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ffmpegChildren() {
        return ProcessHandle.current().descendants().filter(p -> p.info().command().map(cmd -> cmd.endsWith("ffmpeg"))
                .orElse(false)).count();
    }

    private static Path mkdir(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
