package narrator.pipeline.render;

import java.util.ArrayList;
import java.util.List;

import narrator.pipeline.VideoSize;

/**
 * The FFmpeg inputs and filters that draw a {@link SceneTimeline}. Pure, like {@link FfmpegCommand}.
 *
 * <p>Each scene is one input read only as far as its scene needs ({@code -t}), so a ten-minute clip
 * behind a five-second scene is not decoded to its end, and scenes are joined in order: FFmpeg reads an
 * input only while its scene is being drawn. An image is decoded and fitted to the frame once, then
 * repeated ({@code loop}); its Ken Burns move is the {@code perspective} filter, which samples the
 * picture at sub-pixel positions. Measured against {@code zoompan} on a 1080x1920 image (frame-to-frame
 * difference over 150 frames; a steady move keeps it even): zoompan on the fitted picture stalls
 * (coefficient of variation 0.34), zoompan on a 2x upscale still drops to whole-pixel steps on slow
 * pans (65 of 140 frames unchanged), perspective moves evenly (0.05, no frame unchanged) and needs no
 * upscaled copy in memory, at ~17 ms of CPU per 1080x1920 frame.
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
     * Every scene's picture from input {@code firstInput + i}, joined by cuts ({@code concat}) and
     * crossfades ({@code xfade}), ending in {@link #OUT}.
     */
    static String video(SceneTimeline timeline, Fit fit, VideoSize size, int firstInput) {
        List<String> parts = new ArrayList<>();
        int n = timeline.scenes().size();
        for (int i = 0; i < n; i++) {
            parts.add("[" + (firstInput + i) + ":v]" + picture(timeline, i, fit, size) + (n == 1 ? OUT : "[s" + i + "]"));
        }
        String joined = "[s0]";
        for (int i = 1; i < n; i++) {
            String out = i == n - 1 ? OUT : "[j" + i + "]";
            int fade = timeline.scenes().get(i).fadeFrames();
            parts.add(joined + "[s" + i + "]" + (fade == 0 ? "concat=n=2:v=1:a=0"
                    : "xfade=transition=fade:duration=" + FfmpegCommand.num(seconds(timeline, fade))
                    + ":offset=" + FfmpegCommand.num(seconds(timeline, timeline.segmentStart(i)))) + out);
            joined = out;
        }
        return String.join(";", parts);
    }

    /** Exactly {@link SceneTimeline#segmentFrames} frames at the output's size and rate, timestamps from 0. */
    private static String picture(SceneTimeline timeline, int i, Fit fit, VideoSize size) {
        SceneTimeline.Scene scene = timeline.scenes().get(i);
        long frames = timeline.segmentFrames(i);
        int fps = timeline.fps();
        String fitted = FfmpegCommand.fit(fit, size) + ",setsar=1,format=yuv420p";
        String frameTimes = ",settb=1/" + fps + ",setpts=N";
        if (scene.media().kind() == BaseMedia.Kind.IMAGE) {
            return fitted + ",loop=loop=" + (frames - 1) + ":size=1" + frameTimes + move(scene.motion(), frames);
        }
        double clip = scene.media().info().durationSeconds();
        double needed = seconds(timeline, frames);
        String slow = scene.clipFit() == ClipFit.SLOW && clip < needed
                ? ",setpts=" + FfmpegCommand.num(needed / clip) + "*PTS" : "";
        // fps first: a 60 fps clip then has half its frames fitted. A clip that runs out early holds its last frame.
        return "setpts=PTS-STARTPTS" + slow + ",fps=" + fps + "," + fitted
                + ",tpad=stop=-1:stop_mode=clone,trim=end_frame=" + frames + frameTimes;
    }

    /** The view moves linearly from the motion's first to its last frame, over {@code frames} frames. */
    private static String move(Motion motion, long frames) {
        if (motion == Motion.NONE || frames < 2) {
            return "";
        }
        String progress = "on/" + (frames - 1);
        String x = linear("W", motion.fromX, motion.toX, progress);
        String y = linear("H", motion.fromY, motion.toY, progress);
        String right = linear("W", motion.fromX + motion.fromSize, motion.toX + motion.toSize, progress);
        String bottom = linear("H", motion.fromY + motion.fromSize, motion.toY + motion.toSize, progress);
        return ",perspective=x0=" + x + ":y0=" + y + ":x1=" + right + ":y1=" + y + ":x2=" + x + ":y2=" + bottom
                + ":x3=" + right + ":y3=" + bottom + ":interpolation=linear:eval=frame";
    }

    /** {@code side * (from + (to - from) * progress)} as an FFmpeg expression (no commas: it sits in a filter chain). */
    private static String linear(String side, double from, double to, String progress) {
        return side + "*(" + FfmpegCommand.num(from) + "+" + FfmpegCommand.num(to - from) + "*" + progress + ")";
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
