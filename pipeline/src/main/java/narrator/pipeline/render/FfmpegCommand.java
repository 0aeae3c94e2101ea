package narrator.pipeline.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import narrator.pipeline.VideoSize;

/**
 * Builds the single FFmpeg invocation that renders a {@link RenderSpec}: picture, subtitles, voice,
 * ducked music and loudness normalisation in one pass, so the video is encoded once and no
 * intermediate files are written. Pure: it returns the argv and runs nothing.
 *
 * <p>Inputs are always 0 = voice, 1 = base picture, 2 = music. Only file paths come from users; they
 * enter the filter graph escaped by {@link FilterEscaping}, and every number is formatted here.
 */
public final class FfmpegCommand {
    public static final String FFMPEG = "ffmpeg";
    static final String FFPROBE = "ffprobe";

    /** A dark slate background for renders without base media. */
    private static final String BACKGROUND_COLOUR = "0x14181f";
    /** Ken Burns: the image grows by this fraction over the whole video; slow enough to feel calm. */
    private static final double ZOOM_GROWTH = 0.08;
    /** Music ducking keyed by the voice before mixing: measured about 10 dB down under speech, back within ~0.5 s. */
    private static final String DUCKING = "sidechaincompress=threshold=0.03:ratio=8:attack=20:release=350";

    private static final double LOOP_MARGIN_SECONDS = 0.5;
    private static final String STEREO_48K = "aresample=48000:ochl=stereo";

    private FfmpegCommand() {
    }

    public static List<String> render(RenderSpec spec) {
        List<String> argv = encodePrefix();
        argv.addAll(List.of("-i", spec.voiceWav().toString()));
        argv.addAll(baseInput(spec));
        if (spec.music() != null) {
            // Loop short music; amix ends the mix with the voice, so long music is cut there.
            argv.addAll(List.of("-stream_loop", "-1", "-i", spec.music().toString()));
        }
        argv.addAll(List.of("-filter_complex", videoGraph(spec) + ";" + audioGraph(spec)));
        argv.addAll(List.of("-map", "[vout]", "-map", "[aout]", "-t", num(spec.totalSeconds())));
        argv.addAll(videoCodec(spec));
        argv.addAll(List.of("-c:a", "aac", "-b:a", "160k", "-movflags", "+faststart", spec.output().toString()));
        return List.copyOf(argv);
    }

    /** How every encode starts: quiet stderr (errors only), machine-readable progress on stdout. */
    static List<String> encodePrefix() {
        return new ArrayList<>(List.of(FFMPEG, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-progress", "pipe:1", "-y"));
    }

    static List<String> baseInput(RenderSpec spec) {
        BaseMedia base = spec.base();
        VideoSize size = spec.size();
        return switch (base.kind()) {
            // A container's duration can exceed its video stream's by a few frames; the margin keeps
            // such a base from running out just before the end. Looping is harmless: -t ends the output.
            case VIDEO -> base.info().durationSeconds() < spec.totalSeconds() + LOOP_MARGIN_SECONDS
                    ? List.of("-stream_loop", "-1", "-i", base.path().toString())
                    : List.of("-i", base.path().toString());
            // A single frame: decoded and scaled once, then repeated inside the graph. "-loop 1" would
            // decode and scale the picture for every output frame (measured at 1080x1920: 2.7 s vs 0.1 s
            // of filtering per 10 s of video).
            case IMAGE -> List.of("-framerate", Integer.toString(spec.fps()), "-i", base.path().toString());
            case NONE -> List.of("-f", "lavfi", "-i",
                    "color=c=" + BACKGROUND_COLOUR + ":s=" + size + ":r=" + spec.fps());
        };
    }

    static String videoGraph(RenderSpec spec) {
        VideoSize size = spec.size();
        int fps = spec.fps();
        String chain = switch (spec.base().kind()) {
            // fps first: a 60 fps source then has half its frames scaled.
            case VIDEO -> "fps=" + fps + "," + fit(spec.fit(), size) + ",setsar=1,format=yuv420p";
            case IMAGE -> fit(spec.fit(), size) + ",setsar=1,format=yuv420p," + (spec.imageZoom()
                    ? zoom(size, fps, frames(spec))
                    : "loop=loop=-1:size=1,fps=" + fps);
            case NONE -> "format=yuv420p";
        };
        return "[1:v]" + chain + subtitles(spec) + "[vout]";
    }

    private static String fit(Fit fit, VideoSize size) {
        String wh = size.width() + ":" + size.height();
        return switch (fit) {
            case CROP -> "scale=" + wh + ":force_original_aspect_ratio=increase,crop=" + wh;
            case PAD -> "scale=" + wh + ":force_original_aspect_ratio=decrease,pad=" + wh + ":(ow-iw)/2:(oh-ih)/2:color=black";
        };
    }

    /** One input frame held for the whole video while zoompan zooms into its centre. */
    private static String zoom(VideoSize size, int fps, long frames) {
        return "zoompan=z=1+" + num(ZOOM_GROWTH) + "*on/" + frames
                + ":x=(iw-iw/zoom)/2:y=(ih-ih/zoom)/2:d=" + (frames + 1) + ":s=" + size + ":fps=" + fps;
    }

    private static String subtitles(RenderSpec spec) {
        if (spec.subtitles() == null) {
            return "";
        }
        String filter = ",ass=filename=" + FilterEscaping.optionValue(spec.subtitles().toString());
        if (spec.fontsDir() != null) {
            filter += ":fontsdir=" + FilterEscaping.optionValue(spec.fontsDir().toString());
        }
        return filter;
    }

    static String audioGraph(RenderSpec spec) {
        double total = spec.totalSeconds();
        Loudness loudness = spec.loudness();
        // loudnorm works at 192 kHz internally; bring it back to what AAC and players expect. It is the
        // graph's heaviest filter: measured ~100 MB of FFmpeg's RSS on stereo and ~0.5 s CPU per 20 s.
        String finish = "loudnorm=I=" + num(loudness.integratedLufs()) + ":TP=" + num(loudness.truePeakDbtp())
                + ":LRA=" + num(loudness.range()) + ",aresample=48000[aout]";
        // FFmpeg 5.1 reads a plain-header WAV's layout as "unknown", which the AAC encoder and amix
        // refuse: name the layout of both inputs, and their rate, before anything else.
        String voice = "[0:a]" + STEREO_48K + ",apad=whole_dur=" + num(total);
        if (spec.music() == null) {
            return voice + "," + finish;
        }
        double fadeIn = Math.min(spec.musicFadeInSeconds(), total / 2);
        double fadeOut = Math.min(spec.musicFadeOutSeconds(), total / 2);
        String bed = "[2:a]" + STEREO_48K + ",volume=" + num(spec.musicVolume())
                + ",afade=t=in:st=0:d=" + num(fadeIn)
                + ",afade=t=out:st=" + num(total - fadeOut) + ":d=" + num(fadeOut);
        // normalize=0 keeps both at their own level; amix would otherwise halve each input.
        String mix = "amix=inputs=2:duration=first:normalize=0," + finish;
        if (!spec.ducking()) {
            return voice + "[voice];" + bed + "[bed];[voice][bed]" + mix;
        }
        return voice + ",asplit=2[voice][key];" + bed + "[bed];[bed][key]" + DUCKING + "[ducked];[voice][ducked]" + mix;
    }

    static List<String> videoCodec(RenderSpec spec) {
        return switch (spec.encoder()) {
            case LIBX264 -> x264(spec.x264Preset(), spec.crf(), spec.threads());
            // -b:v 0 leaves the quality to -cq; otherwise NVENC's 2 Mbit/s default caps it.
            case NVENC -> List.of("-c:v", "h264_nvenc", "-preset", spec.nvencPreset(), "-rc", "vbr",
                    "-cq", Integer.toString(spec.nvencCq()), "-b:v", "0", "-pix_fmt", "yuv420p");
        };
    }

    /** libx264 as Narrator runs it; the short lookahead cuts x264's peak memory (field notes: medium 646 -> 421 MB). */
    static List<String> x264(String preset, int crf, int threads) {
        return List.of("-c:v", "libx264", "-preset", preset, "-crf", Integer.toString(crf), "-pix_fmt", "yuv420p",
                "-threads", Integer.toString(threads), "-x264-params", "rc-lookahead=10");
    }

    static long frames(RenderSpec spec) {
        return Math.round(Math.ceil(spec.totalSeconds() * spec.fps()));
    }

    /** A number as FFmpeg reads it: plain decimal, dot separator whatever the locale, at most 6 decimals. */
    static String num(double value) {
        BigDecimal rounded = new BigDecimal(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }
}
