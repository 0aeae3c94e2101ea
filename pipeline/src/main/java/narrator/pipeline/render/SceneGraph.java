package narrator.pipeline.render;

import java.util.ArrayList;
import java.util.List;

import narrator.pipeline.VideoSize;

/**
 * The FFmpeg inputs and filters that draw a {@link SceneTimeline}. Pure, like {@link FfmpegCommand}.
 *
 * <p>Each scene is one input, read only as far as its scene needs ({@code -t}): a ten-minute clip behind
 * a five-second scene is not decoded to its end. Each scene becomes its segment of frames (an image is
 * decoded and fitted once, then repeated: every frame shares that one picture), the segments are joined
 * by cuts ({@code concat}) or crossfades ({@code xfade}), and one {@code perspective} filter then moves
 * over the joined picture: the Ken Burns move. Its view is a piecewise-linear path through every
 * scene's first and last framing; during a crossfade it glides from the outgoing scene's last framing
 * to the incoming one's first, so the move never jumps while two pictures are on screen.
 *
 * <p>Why one filter after the joins, measured with 20 1080x1920 images (FFmpeg's peak RSS, encode
 * included): FFmpeg pushes every input through its chain before the first frame is drawn, and
 * {@code xfade} pulls its second input early, so whatever a scene's chain makes, every scene makes at
 * once. A {@code perspective} per scene (a 16 MB table each) peaked at 1056 MB, {@code zoompan} per
 * scene over a 2x upscale (the usual cure for its judder) at 925 MB; one filter over the segments
 * played in series and cut apart again at 960 MB (xfade's early pull buffers the whole series); one
 * filter after the joins, 695 MB ({@code SceneRenderTest}). {@code perspective} also moves by sub-pixels:
 * over 150 frames of a 1080x1920 picture the frame-to-frame difference (even for a steady move) varied
 * by 0.05 (coefficient of variation), against 0.34 for zoompan on the fitted picture and 0.18 at 2x,
 * where a slow pan still stood still on 65 of 140 frames. It is the costly part: ~17-35 ms of CPU per
 * 1080x1920 frame (measured alone, and within a contended render), paid only on frames where the
 * view is not the whole picture.
 */
final class SceneGraph {
    /** Label of the joined scenes, before subtitles. */
    static final String OUT = "[scenes]";
    /** A clip whose container outlasts its video stream by a few frames still fills its scene; the rest is padded. */
    private static final double READ_MARGIN_SECONDS = 0.5;
    /** Clip sound starts and stops this softly at a cut, so it does not click. */
    private static final double CLICK_FADE_SECONDS = 0.02;

    private SceneGraph() {
    }

    /** Every scene's input arguments, in scene order. */
    static List<String> inputs(SceneTimeline timeline) {
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < timeline.scenes().size(); i++) {
            argv.addAll(input(timeline, i));
        }
        return argv;
    }

    /** Scene i's input: an image once, a clip looped when short and read no further than its scene needs. */
    static List<String> input(SceneTimeline timeline, int i) {
        BaseMedia media = timeline.scenes().get(i).media();
        if (media.kind() == BaseMedia.Kind.IMAGE) {
            // The rate FFmpeg gives the picture's link, and so the output's: it would otherwise be image2's 25.
            return List.of("-framerate", Integer.toString(timeline.fps()), "-i", media.path().toString());
        }
        double needed = seconds(timeline, timeline.segmentFrames(i));
        double clip = media.info().durationSeconds();
        if (timeline.scenes().get(i).clipFit() == ClipFit.SLOW && clip < needed) {
            return List.of("-i", media.path().toString());
        }
        String limit = FfmpegCommand.num(needed + READ_MARGIN_SECONDS);
        return clip < needed + READ_MARGIN_SECONDS
                ? List.of("-stream_loop", "-1", "-t", limit, "-i", media.path().toString())
                : List.of("-t", limit, "-i", media.path().toString());
    }

    /**
     * Every scene's picture from input {@code firstInput + i}, joined by cuts and crossfades, then moved;
     * ending in {@link #OUT}.
     */
    static String video(SceneTimeline timeline, Fit fit, VideoSize size, int firstInput) {
        List<String> parts = new ArrayList<>();
        int n = timeline.scenes().size();
        for (int i = 0; i < n; i++) {
            parts.add("[" + (firstInput + i) + ":v]" + segment(timeline, i, fit, size) + "[s" + i + "]");
        }
        String joined = "[s0]";
        for (int i = 1; i < n; i++) {
            String out = "[j" + i + "]";
            int fade = timeline.scenes().get(i).fadeFrames();
            // concat counts time in microseconds; xfade needs both inputs in frames, as the segments are.
            parts.add(joined + "[s" + i + "]" + (fade == 0 ? "concat=n=2:v=1:a=0,settb=1/" + timeline.fps()
                    : "xfade=transition=fade:duration=" + FfmpegCommand.num(seconds(timeline, fade))
                    + ":offset=" + FfmpegCommand.num(seconds(timeline, timeline.segmentStart(i)))) + out);
            joined = out;
        }
        List<Stretch> path = path(timeline);
        List<Stretch> moving = path.stream().filter(Stretch::moves).toList();
        parts.add(joined + (moving.isEmpty() ? "null" : perspective(path, moving.size() == path.size() ? "" : enable(moving)))
                + OUT);
        return String.join(";", parts);
    }

    /** Only where the view is not the whole frame: the filter passes other frames untouched, at no cost. */
    private static String enable(List<Stretch> moving) {
        List<String> spans = moving.stream().map(s -> "between(n\\," + s.start() + "\\," + (s.end() - 1) + ")").toList();
        return ":enable=" + String.join("+", spans);
    }

    /** Exactly {@link SceneTimeline#segmentFrames} frames at the output's size and rate, timestamps from 0. */
    private static String segment(SceneTimeline timeline, int i, Fit fit, VideoSize size) {
        SceneTimeline.Scene scene = timeline.scenes().get(i);
        long frames = timeline.segmentFrames(i);
        int fps = timeline.fps();
        String fitted = FfmpegCommand.fit(fit, size) + ",setsar=1,format=yuv420p";
        String frameTimes = ",settb=1/" + fps + ",setpts=N";
        if (scene.media().kind() == BaseMedia.Kind.IMAGE) {
            return fitted + ",loop=loop=" + (frames - 1) + ":size=1" + frameTimes;
        }
        double clip = scene.media().info().durationSeconds();
        double needed = seconds(timeline, frames);
        String slow = scene.clipFit() == ClipFit.SLOW && clip < needed
                ? ",setpts=" + FfmpegCommand.num(needed / clip) + "*PTS" : "";
        // fps first: a 60 fps clip then has half its frames fitted. A clip that runs out early holds its last frame.
        return "setpts=PTS-STARTPTS" + slow + ",fps=" + fps + "," + fitted
                + ",tpad=stop=-1:stop_mode=clone,trim=end_frame=" + frames + frameTimes;
    }

    /** Output frames {@code [start, end)} over which the view moves linearly from one framing to another. */
    record Stretch(long start, long end, Motion.View from, Motion.View to) {
        private static final Motion.View WHOLE = Motion.NONE.view(0);

        boolean moves() {
            return !(from.equals(WHOLE) && to.equals(WHOLE));
        }
    }

    /**
     * The view's path over the whole output: each scene's own move over the frames only it shows,
     * and a glide between framings over each crossfade. Clips, and images too short to move, hold the
     * whole frame.
     */
    static List<Stretch> path(SceneTimeline timeline) {
        List<Stretch> path = new ArrayList<>();
        int n = timeline.scenes().size();
        Motion.View previous = null;
        for (int i = 0; i < n; i++) {
            SceneTimeline.Scene scene = timeline.scenes().get(i);
            Motion motion = scene.media().kind() == BaseMedia.Kind.IMAGE && timeline.segmentFrames(i) >= 2
                    ? scene.motion() : Motion.NONE;
            long ownFrom = scene.start() + scene.fadeFrames() / 2;
            long ownTo = i + 1 < n ? timeline.segmentStart(i + 1) : scene.end();
            if (scene.fadeFrames() > 0) {
                path.add(new Stretch(timeline.segmentStart(i), ownFrom, previous, motion.view(0)));
            }
            if (ownTo > ownFrom) { // a scene can be all fade, its fades touching
                path.add(new Stretch(ownFrom, ownTo, motion.view(0), motion.view(1)));
            }
            previous = motion.view(1);
        }
        return path;
    }

    /**
     * The view along {@code path}, by output frame (perspective's {@code in} counts from 1), sampled at
     * sub-pixel positions (bilinear).
     */
    private static String perspective(List<Stretch> path, String enable) {
        String left = piecewise(path, "W", Motion.View::left);
        String top = piecewise(path, "H", Motion.View::top);
        String right = piecewise(path, "W", view -> view.left() + view.size());
        String bottom = piecewise(path, "H", view -> view.top() + view.size());
        return "perspective=x0=" + left + ":y0=" + top + ":x1=" + right + ":y1=" + top + ":x2=" + left + ":y2=" + bottom
                + ":x3=" + right + ":y3=" + bottom + ":interpolation=linear:eval=frame" + enable;
    }

    /**
     * {@code side * edge}, the edge moving linearly over each stretch (reaching its end value on the
     * next stretch's first frame), as nested {@code if(lt(in,END),THIS,REST)}; commas escaped for the
     * graph parser.
     */
    private static String piecewise(List<Stretch> path, String side, java.util.function.ToDoubleFunction<Motion.View> edge) {
        String expression = null;
        for (int k = path.size() - 1; k >= 0; k--) {
            Stretch stretch = path.get(k);
            double a = edge.applyAsDouble(stretch.from());
            double b = edge.applyAsDouble(stretch.to());
            String here = a == b ? side + "*" + FfmpegCommand.num(a) : side + "*(" + FfmpegCommand.num(a) + "+"
                    + FfmpegCommand.num(b - a) + "*(in-" + (stretch.start() + 1) + ")/" + (stretch.end() - stretch.start()) + ")";
            expression = expression == null ? here
                    : "if(lt(in\\," + (stretch.end() + 1) + ")\\," + here + "\\," + expression + ")";
        }
        return expression;
    }

    /**
     * Scene i's own sound from {@code input}, at {@code volume}, placed at its scene's place on the
     * 48 kHz timeline and faded in and out over its crossfades (or briefly, at a cut). Unlabelled.
     */
    static String clipAudio(SceneTimeline timeline, int i, int input, double volume, String stereo48k) {
        double length = seconds(timeline, timeline.segmentFrames(i));
        double fadeIn = Math.max(CLICK_FADE_SECONDS, seconds(timeline, timeline.scenes().get(i).fadeFrames()));
        double fadeOut = Math.max(CLICK_FADE_SECONDS, i + 1 < timeline.scenes().size()
                ? seconds(timeline, timeline.scenes().get(i + 1).fadeFrames()) : 0);
        long delaySamples = Math.round(seconds(timeline, timeline.segmentStart(i)) * 48_000);
        return "[" + input + ":a]asetpts=PTS-STARTPTS," + stereo48k + ",atrim=end=" + FfmpegCommand.num(length)
                + ",apad=whole_dur=" + FfmpegCommand.num(length) + ",afade=t=in:d=" + FfmpegCommand.num(fadeIn)
                + ",afade=t=out:st=" + FfmpegCommand.num(length - fadeOut) + ":d=" + FfmpegCommand.num(fadeOut)
                + ",volume=" + FfmpegCommand.num(volume) + ",adelay=delays=" + delaySamples + "S:all=1";
    }

    private static double seconds(SceneTimeline timeline, long frames) {
        return frames / (double) timeline.fps();
    }
}
