package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.pipeline.CancelSignal;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.VideoSize;
import narrator.pipeline.testing.TestMedia;

/** Scene timelines rendered with real FFmpeg and measured frame by frame. */
class SceneRenderTest {
    private static final VideoSize SIZE = new VideoSize(320, 568);
    private static final int FPS = 30;
    private static final long MEGABYTE = 1 << 20;

    @TempDir
    static Path media;
    @TempDir
    Path out;

    private final FfmpegRunner runner = new FfmpegRunner();
    private final Renderer renderer = new Renderer(runner, Duration.ofMinutes(3));
    private final MediaProbe probe = new MediaProbe(runner);

    @Test
    void aCrossfadeIsCentredOnTheChangeAndMovesNothingElse() {
        Path red = TestMedia.colour(media, "red", 64, 64);
        Path blue = TestMedia.colour(media, "blue", 64, 64);

        Path cut = render(TestMedia.voiceWav(media, 3.0), 3.0, timeline(scene(red, 0, 45, 0), scene(blue, 45, 90, 0)));
        Path faded = render(TestMedia.voiceWav(media, 3.0), 3.0, timeline(scene(red, 0, 45, 0), scene(blue, 45, 90, 12)));

        List<Integer> hard = luma(cut);
        List<Integer> soft = luma(faded);
        assertEquals(90, hard.size());
        assertEquals(90, soft.size(), "a fade adds and removes no frame");
        int redY = hard.get(0);
        int blueY = hard.get(89);
        assertEquals(blueY, hard.get(45), "the cut lands on frame 45");
        assertEquals(redY, hard.get(44));
        // The fade runs over frames 39..50: untouched before, half way at the change, done after.
        assertEquals(hard.subList(0, 40), soft.subList(0, 40));
        assertEquals(hard.subList(51, 90), soft.subList(51, 90));
        assertEquals((redY + blueY) / 2.0, soft.get(45), 2.0, "half one, half the other on the change: " + soft);
        for (int f = 40; f <= 50; f++) {
            assertTrue(soft.get(f) < soft.get(f - 1) || redY < blueY, "fading evenly: " + soft.subList(38, 52));
        }
        Inspect.Streams cutStreams = Inspect.streams(cut);
        Inspect.Streams fadedStreams = Inspect.streams(faded);
        assertEquals(cutStreams.duration(), fadedStreams.duration(), 1e-9, "the voice keeps its length and place");
        assertEquals(3.0, fadedStreams.duration(), 0.03);
    }

    @Test
    void aSlowPanMovesOnEveryFrameWithoutStalling() {
        Path picture = TestMedia.image(media, 640, 480);
        SceneTimeline pan = timeline(new SceneTimeline.Scene(still(picture), 0, 90, Motion.PAN_LEFT, 0, ClipFit.LOOP,
                false));

        // About 0.3 px a frame at 320 wide: whole-pixel crops (zoompan) would stand still on two frames in three.
        Path video = render(RenderSpec.builder(TestMedia.voiceWav(media, 3.0), 3.0, out.resolve("pan.mp4")).size(SIZE)
                .x264("ultrafast", 0).tailSeconds(0).scenes(pan));

        List<byte[]> frames = greyFrames(video);
        assertEquals(90, frames.size());
        double[] steps = new double[frames.size() - 1];
        for (int i = 1; i < frames.size(); i++) {
            steps[i - 1] = meanAbsoluteDifference(frames.get(i - 1), frames.get(i));
        }
        double mean = java.util.Arrays.stream(steps).average().orElseThrow();
        double least = java.util.Arrays.stream(steps).min().orElseThrow();
        assertTrue(least > 0.5 * mean, "every frame moves about as much as the others: least " + least + ", mean " + mean);
    }

    @Test
    void aShortClipLoopsOrSlowsAndALongClipIsCutAtItsScene() {
        Path second = TestMedia.video(media, 1.0, SIZE.width(), SIZE.height(), false);
        Path twenty = TestMedia.video(media, 20.0, SIZE.width(), SIZE.height(), false);

        Path video = render(TestMedia.voiceWav(media, 5.5), 5.5, timeline(scene(second, 0, 75, 0),
                new SceneTimeline.Scene(clip(second), 75, 135, Motion.NONE, 0, ClipFit.SLOW, false),
                scene(twenty, 135, 165, 0)));

        assertEquals(165, luma(video).size());
        byte[] start = Inspect.greyFrame(video, 0.0, out);
        assertSimilar(start, Inspect.greyFrame(video, 1.0, out), "the one-second clip starts again at 1 s");
        assertDifferent(start, Inspect.greyFrame(video, 0.5, out), "and moves in between");
        assertSimilar(Inspect.greyFrame(video, 0.5, out), Inspect.greyFrame(video, 3.5, out),
                "slowed to twice its length, the clip is half way through 1 s into its scene");
        assertSimilar(start, Inspect.greyFrame(video, 4.5, out), "the long clip starts at its scene");
    }

    @Test
    void imagesOfOddSizesAndOrientationsFillTheFrame() {
        List<Path> images = List.of(TestMedia.image(media, 333, 517), TestMedia.image(media, 1001, 201),
                TestMedia.image(media, 17, 17), TestMedia.image(media, 2000, 1000), TestMedia.image(media, 1080, 1920));
        List<SceneTimeline.Scene> scenes = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            scenes.add(new SceneTimeline.Scene(still(images.get(i)), i * 15L, (i + 1) * 15L, Motion.varied(i),
                    i == 0 ? 0 : 4, ClipFit.LOOP, false));
        }
        Path voice = TestMedia.voiceWav(media, 2.5);

        Path cropped = render(voice, 2.5, new SceneTimeline(FPS, scenes));
        Path padded = render(RenderSpec.builder(voice, 2.5, out.resolve("padded.mp4")).size(SIZE).x264("ultrafast", 23)
                .tailSeconds(0).fit(Fit.PAD).scenes(new SceneTimeline(FPS, scenes)));

        assertEquals(75, luma(cropped).size());
        Inspect.Streams streams = Inspect.streams(cropped);
        assertEquals(List.of(SIZE.width(), SIZE.height()), List.of(streams.width(), streams.height()));
        for (int i = 0; i < images.size(); i++) {
            double middle = (i * 15 + 7) / (double) FPS;
            assertTrue(topRowLuma(Inspect.greyFrame(cropped, middle, out)) > 20, "cropped scene " + i + " fills the frame");
        }
        assertTrue(topRowLuma(Inspect.greyFrame(padded, 22 / (double) FPS, out)) < 20,
                "the padded panorama has bars above and below");
    }

    @Test
    void twentyFullHdImagesStayUnderTheMemoryTarget() throws IOException {
        Path image = TestMedia.image(media, 1080, 1920);
        List<SceneTimeline.Scene> scenes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path copy = Files.copy(image, out.resolve("image-" + i + ".png"));
            scenes.add(new SceneTimeline.Scene(still(copy), i * 15L, (i + 1) * 15L, Motion.varied(i), i % 2 == 0 ? 0 : 6,
                    ClipFit.LOOP, false));
        }
        Path voice = TestMedia.voiceWav(media, 10.0);

        RenderResult result = renderer.levelAndEncode(RenderSpec.builder(voice, 10.0, out.resolve("twenty.mp4"))
                .tailSeconds(0).size(VideoSize.PORTRAIT).scenes(new SceneTimeline(FPS, scenes)).build(),
                ProgressListener.NONE, CancelSignal.none());

        long peak = result.ffmpegPeakRssBytes().orElseThrow();
        System.out.printf("20 scenes of 1080x1920 images, 10 s at 1080x1920 veryfast: %.1f s, FFmpeg peak RSS %d MB%n",
                result.wall().toNanos() / 1e9, peak / MEGABYTE);
        // The service's 1 GB VPS holds the JVM (~200 MB under load) beside FFmpeg. Measured: 695-701 MB.
        assertTrue(peak < 800 * MEGABYTE, "FFmpeg peaked at " + peak / MEGABYTE + " MB");
        assertEquals(300, luma(result.output()).size());
    }

    @Test
    void aClipKeepsItsOwnSoundOnlyWithinItsScene() {
        Path image = TestMedia.colour(media, "red", 64, 64);
        Path withTone = TestMedia.video(media, 4.0, SIZE.width(), SIZE.height(), true);

        Path video = render(TestMedia.silentWav(media, 3.0), 3.0, timeline(scene(image, 0, 45, 0),
                new SceneTimeline.Scene(clip(withTone), 45, 90, Motion.NONE, 0, ClipFit.LOOP, true)));

        assertTrue(Inspect.rmsDb(video, 0.1, 1.4) < -60, "no sound before the clip's scene");
        assertTrue(Inspect.rmsDb(video, 1.6, 2.9) > -30, "the clip's tone during its scene");
    }

    private Path render(Path voice, double seconds, SceneTimeline timeline) {
        return render(RenderSpec.builder(voice, seconds, out.resolve("out-" + System.nanoTime() + ".mp4")).size(SIZE)
                .x264("ultrafast", 23).tailSeconds(0).scenes(timeline));
    }

    private Path render(RenderSpec.Builder spec) {
        return renderer.levelAndEncode(spec.build(), ProgressListener.NONE, CancelSignal.none()).output();
    }

    private static SceneTimeline timeline(SceneTimeline.Scene... scenes) {
        return new SceneTimeline(FPS, List.of(scenes));
    }

    private SceneTimeline.Scene scene(Path file, long start, long end, int fade) {
        BaseMedia probed = probe.probeBase(file);
        return new SceneTimeline.Scene(probed, start, end, Motion.NONE, fade, ClipFit.LOOP, false);
    }

    private BaseMedia still(Path file) {
        return probe.probeBase(file);
    }

    private BaseMedia clip(Path file) {
        return probe.probeBase(file);
    }

    /** Mean luma of the frame's centre, frame by frame: each frame's centre averaged down to one grey pixel. */
    private List<Integer> luma(Path video) {
        Path raw = out.resolve("luma-" + System.nanoTime() + ".gray");
        runner.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-i", video.toString(),
                "-vf", "crop=16:16:(iw-16)/2:(ih-16)/2,scale=1:1:flags=area,format=gray", "-f", "rawvideo", raw.toString()),
                Duration.ofMinutes(1));
        try {
            List<Integer> means = new ArrayList<>();
            for (byte b : Files.readAllBytes(raw)) {
                means.add(b & 0xff);
            }
            return means;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every frame as 8-bit grey pixels. */
    private List<byte[]> greyFrames(Path video) {
        Path raw = out.resolve("frames-" + System.nanoTime() + ".gray");
        runner.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-i", video.toString(),
                "-f", "rawvideo", "-pix_fmt", "gray", raw.toString()), Duration.ofMinutes(1));
        try {
            byte[] all = Files.readAllBytes(raw);
            int size = SIZE.width() * SIZE.height();
            List<byte[]> frames = new ArrayList<>();
            for (int at = 0; at + size <= all.length; at += size) {
                frames.add(java.util.Arrays.copyOfRange(all, at, at + size));
            }
            return frames;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double topRowLuma(byte[] grey) {
        double sum = 0;
        for (int x = 0; x < SIZE.width(); x++) {
            sum += grey[x] & 0xff;
        }
        return sum / SIZE.width();
    }

    private static double meanAbsoluteDifference(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / a.length;
    }

    private static void assertSimilar(byte[] a, byte[] b, String why) {
        double mad = meanAbsoluteDifference(a, b);
        assertTrue(mad < 2, why + ": frames differ by " + mad);
    }

    private static void assertDifferent(byte[] a, byte[] b, String why) {
        double mad = meanAbsoluteDifference(a, b);
        assertTrue(mad > 4, why + ": frames differ by only " + mad);
    }
}
