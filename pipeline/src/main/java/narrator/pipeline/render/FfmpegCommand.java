package narrator.pipeline.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import narrator.pipeline.VideoSize;

/**
 * The FFmpeg pieces a render is made of: the picture's inputs and filter graph (burned subtitles included),
 * the sound's mix and leveling graph, the encoder settings ({@link TrackCommands} puts them into the picture
 * and sound commands), and, for a segmented render, a span of segments' pictures and the joins; plus small commands
 * of their own (a generated background or music bed, PCM to a stream). Pure: it returns argv and runs nothing.
 *
 * <p>Inputs are 0 = voice, then the picture (the base, or one input per scene), then the music. Only file paths come from users; they
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
    /** How far before a segment's first frame a video base is sought: the fps filter then sees the frames before it. */
    private static final double SEEK_MARGIN_SECONDS = 1;
    private static final String STEREO_48K = "aresample=48000:ochl=stereo";
    private static final String OUTPUT_AUDIO = "aformat=sample_rates=48000:channel_layouts=stereo";

    private FfmpegCommand() {
    }

    /**
     * Encodes 16-bit mono PCM read from stdin at {@code sampleRate} with {@code codec} into {@code container} on
     * stdout, writing each packet as soon as it is encoded so a listener can start playing early.
     */
    public static List<String> encodePcmStream(int sampleRate, List<String> codec, String container) {
        List<String> argv = new ArrayList<>(List.of(FFMPEG, "-hide_banner", "-loglevel", "error",
                "-f", "s16le", "-ar", Integer.toString(sampleRate), "-ac", "1", "-i", "pipe:0"));
        argv.addAll(codec);
        argv.addAll(List.of("-flush_packets", "1", "-f", container, "pipe:1"));
        return argv;
    }

    /** Prints FFmpeg's version (first line: {@code ffmpeg version 5.1.6-0+deb12u1 ...}). */
    public static List<String> version() {
        return List.of(FFMPEG, "-hide_banner", "-version");
    }

    /**
     * Decodes any audio {@code input} to a bit-exact mono 16-bit WAV at {@code sampleRate} (a 44-byte
     * header, then the samples), such as a caller's own voiceover.
     */
    public static List<String> monoPcmWav(Path input, int sampleRate, Path wav) {
        return List.of(FFMPEG, "-v", "error", "-nostdin", "-y", "-i", input.toString(), "-vn", "-ac", "1", "-ar",
                Integer.toString(sampleRate), "-c:a", "pcm_s16le", "-map_metadata", "-1", "-fflags", "+bitexact",
                wav.toString());
    }

    /** {@code seconds} of stereo 44.1 kHz audio from FFmpeg's expression source, e.g. a generated music bed. */
    public static List<String> generatedAudio(String expression, int seconds, Path out) {
        return List.of(FFMPEG, "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "aevalsrc='" + expression + "':s=44100:d=" + seconds, "-ac", "2", out.toString());
    }

    /**
     * {@code seconds} of softly drifting colour (a plasma of sines in each of red, green and blue) at
     * {@code size} and {@code fps}, an H.264 clip for a moving background. Every motion has a period that
     * divides {@code seconds}, so the clip loops without a seam. The field is computed at a sixth of the
     * size and scaled up: it is smooth, and per-pixel expressions at full size cost a small VPS a minute.
     */
    public static List<String> generatedBackground(VideoSize size, int fps, int seconds, Path out) {
        String turn = "2*PI*T/" + seconds;
        String field = "color=c=black:s=" + size.scaledDown(6) + ":r=" + fps
                + ":d=" + seconds + ",format=gbrp,geq="
                + "r='" + plasma(20, 30, "4*X/W+" + turn, "3*Y/H-" + turn) + "':"
                + "g='" + plasma(18, 26, "3*Y/H+" + turn, "2*(X/W+Y/H)+2*" + turn) + "':"
                + "b='" + plasma(50, 40, "3*X/W-" + turn, "2*(X/W-Y/H)+" + turn) + "'";
        return List.of(FFMPEG, "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                field + ",scale=" + size.width() + ":" + size.height() + ":flags=bicubic,format=yuv420p",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-an", out.toString());
    }

    /** A channel level from {@code base} to {@code base + 2 * swing}, moving with two sine waves. */
    private static String plasma(int base, int swing, String wave1, String wave2) {
        return base + "+" + swing + "*(1+sin(PI*(sin(" + wave1 + ")+sin(" + wave2 + "))/2))";
    }

    /**
     * A caller's video with {@code spec}'s subtitles burned in: scaled and padded into the frame, re-encoded,
     * its first audio stream kept as {@code spec} says; no speech, no music.
     */
    public static List<String> burn(BurnSpec spec) {
        List<String> argv = encodePrefix();
        argv.addAll(List.of("-i", spec.video().toString()));
        String rate = spec.fps() > 0 ? "fps=" + spec.fps() + "," : "";
        argv.addAll(List.of("-vf", rate + fit(Fit.PAD, spec.size()) + ",setsar=1,format=yuv420p"
                + assFilter(spec.subtitles(), spec.fontsDir()), "-map", "0:v:0"));
        argv.addAll(switch (spec.audio()) {
            case NONE -> List.of("-an");
            case COPY -> List.of("-map", "0:a:0", "-c:a", "copy");
            case AAC -> List.of("-map", "0:a:0", "-c:a", "aac", "-b:a", "192k");
        });
        argv.addAll(videoCodec(spec.encoding()));
        argv.addAll(List.of("-movflags", "+faststart", spec.output().toString()));
        return List.copyOf(argv);
    }

    /** The music input, looped when short: amix ends the mix with the voice, so long music is cut there. */
    static List<String> musicInput(RenderSpec spec) {
        return spec.audio().music() == null ? List.of()
                : List.of("-stream_loop", "-1", "-i", spec.audio().music().toString());
    }

    /** The indices of the scenes whose clips' own sound is mixed in. */
    static List<Integer> clipAudioScenes(RenderSpec spec) {
        List<SceneTimeline.Scene> scenes = spec.picture().scenes().scenes();
        return java.util.stream.IntStream.range(0, scenes.size()).filter(i -> scenes.get(i).clipAudio()).boxed().toList();
    }

    /** How every encode starts: quiet stderr (errors only), machine-readable progress on stdout. */
    public static List<String> encodePrefix() {
        return new ArrayList<>(List.of(FFMPEG, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-progress", "pipe:1", "-y"));
    }

    public static List<String> baseInput(RenderSpec spec) {
        BaseMedia base = spec.picture().base();
        VideoSize size = spec.picture().size();
        return switch (base.kind()) {
            // A short base loops through the concat demuxer's list (see loopList), not -stream_loop: its
            // timeline is the same whether read from the start or sought into, so a segment can seek in it.
            case VIDEO -> loops(spec) ? List.of("-f", "concat", "-safe", "0", "-i", loopList(spec).toString())
                    : List.of("-i", base.path().toString());
            // A single frame: decoded and scaled once, then repeated inside the graph. "-loop 1" would
            // decode and scale the picture for every output frame (measured at 1080x1920: 2.7 s vs 0.1 s
            // of filtering per 10 s of video).
            case IMAGE -> List.of("-framerate", Integer.toString(spec.picture().fps()), "-i", base.path().toString());
            case NONE -> List.of("-f", "lavfi", "-i",
                    "color=c=" + BACKGROUND_COLOUR + ":s=" + size + ":r=" + spec.picture().fps());
        };
    }

    public static String videoGraph(RenderSpec spec) {
        if (!spec.picture().scenes().isEmpty()) {
            return SceneGraph.video(spec.picture().scenes(), spec.picture().fit(), spec.picture().size(), 1) + ";" + SceneGraph.OUT
                    + "null" + subtitles(spec) + "[vout]";
        }
        return "[1:v]" + pictureChain(spec, 0, "") + subtitles(spec) + "[vout]";
    }

    /**
     * The base's filters, drawing the whole video's frames from {@code startFrame} on (0 for the one pass);
     * {@code keep} follows a video base's fps filter, choosing the frames kept ("" for all).
     */
    private static String pictureChain(RenderSpec spec, long startFrame, String keep) {
        VideoSize size = spec.picture().size();
        int fps = spec.picture().fps();
        return switch (spec.picture().base().kind()) {
            // fps first: a 60 fps source then has half its frames scaled.
            case VIDEO -> "fps=" + fps + keep + "," + fit(spec.picture().fit(), size) + ",setsar=1,format=yuv420p";
            case IMAGE -> fit(spec.picture().fit(), size) + ",setsar=1,format=yuv420p," + (spec.picture().imageZoom()
                    ? zoom(size, fps, frames(spec), startFrame)
                    : "loop=loop=-1:size=1,fps=" + fps);
            case NONE -> "format=yuv420p";
        };
    }

    /** Whether the base video is shorter than the output and so loops. */
    public static boolean loops(RenderSpec spec) {
        BaseMedia base = spec.picture().base();
        // A container's duration can exceed its video stream's by a few frames; the margin keeps such a
        // base from running out just before the end.
        return base.kind() == BaseMedia.Kind.VIDEO && base.info().durationSeconds() < spec.totalSeconds() + LOOP_MARGIN_SECONDS;
    }

    /** Where the renderer writes {@link #loopListText} for a looping base: beside the output. */
    public static Path loopList(RenderSpec spec) {
        return spec.output().resolveSibling(spec.output().getFileName() + ".loop.ffconcat");
    }

    /**
     * The concat demuxer's list that plays {@code base} over and over for at least {@code coverSeconds}: each
     * entry lasts {@code videoSeconds}, the video stream's own length, so every loop starts where the last one's
     * last frame ends.
     */
    public static String loopListText(Path base, double videoSeconds, double coverSeconds) {
        long count = (long) Math.ceil((coverSeconds + LOOP_MARGIN_SECONDS) / videoSeconds) + 1;
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        for (long i = 0; i < count; i++) {
            list.append("file ").append(concatPath(base)).append("\nduration ").append(num(videoSeconds)).append('\n');
        }
        return list.toString();
    }

    /** The concat demuxer's list of {@code files}, played one after the other. */
    public static String concatListText(List<Path> files) {
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        files.forEach(f -> list.append("file ").append(concatPath(f)).append('\n'));
        return list.toString();
    }

    // The concat list's quoting: single quotes, and a quote as '\''.
    private static String concatPath(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "'\\''") + "'";
    }

    /**
     * A span's picture, one file per segment: exactly frames {@code [startFrame, endFrame)} of each segment of what
     * {@link TrackCommands#picture} draws, with the span's subtitles, video only, encoded with the same settings.
     * A video base is sought to a second before the span; the fps filter then runs on the whole video's timeline
     * (pts put back by the seek), so it picks the same source frames as the one pass; trim keeps the span's frames.
     * A zooming image is zoomed as over the whole video, from the span's first frame.
     *
     * <p>FFmpeg's segment muxer cuts the encode into {@link #spanFile}s at each segment's end, counted from the
     * span's start (the last end is never reached: {@code -frames:v} stops there), and closes each file before it
     * opens the next. An IDR frame is forced at every cut, so each file starts with one, as a segment drawn alone
     * does; {@code -reset_timestamps} starts each file at 0, and {@code -avoid_negative_ts disabled} keeps the first
     * file from being shifted by the encoder's B-frame delay (the mp4 muxer's edit list handles it, as in any file).
     */
    public static List<String> segment(SegmentSpan span) {
        RenderSpec spec = span.spec();
        if (!spec.picture().scenes().isEmpty()) {
            throw new IllegalArgumentException("a video with scenes renders in one pass");
        }
        int fps = spec.picture().fps();
        List<String> argv = encodePrefix();
        List<String> input = baseInput(spec);
        String chain = pictureChain(spec, span.startFrame(), ",trim=start_pts=" + span.startFrame()
                + ":end_pts=" + span.endFrame() + ",setpts=PTS-STARTPTS");
        double seek = Math.max(0, Math.floor(((double) span.startFrame() / fps - SEEK_MARGIN_SECONDS) * 1000) / 1000);
        if (spec.picture().base().kind() == BaseMedia.Kind.VIDEO && seek > 0) {
            argv.addAll(List.of("-ss", num(seek)));
            chain = "setpts=PTS+" + num(seek) + "/TB," + chain;
        }
        argv.addAll(input);
        argv.addAll(List.of("-filter_complex", "[0:v]" + chain + subtitles(spec) + "[vout]", "-map", "[vout]",
                "-frames:v", Long.toString(span.frames()), "-an"));
        argv.addAll(videoCodec(spec));
        List<Long> ends = span.segments().stream().map(s -> s.endFrame() - span.startFrame()).toList();
        argv.addAll(List.of("-force_key_frames", "expr:" + ends.stream().map(e -> "eq(n," + e + ")")
                        .collect(Collectors.joining("+")), "-forced-idr", "1",
                "-avoid_negative_ts", "disabled", "-f", "segment", "-segment_frames",
                ends.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "-reset_timestamps", "1", "-segment_format", "mp4",
                // The muxer reads the name as a pattern: a % of the directory's own is written %%.
                spanDir(span).toString().replace("%", "%%") + "/%d.mp4"));
        return List.copyOf(argv);
    }

    /** Where {@link #segment} writes a span's files while it draws them: beside its first segment's output. */
    public static Path spanDir(SegmentSpan span) {
        Path first = span.first().spec().output();
        return first.resolveSibling(first.getFileName() + ".span");
    }

    /** The file {@link #segment} writes for the span's segment at {@code position} (0 for its first). */
    public static Path spanFile(SegmentSpan span, int position) {
        return spanDir(span).resolve(position + ".mp4");
    }

    /** Segments listed in {@code segmentList} ({@link #concatListText}) joined as they are, with {@code audio}. */
    public static List<String> copyJoin(Path segmentList, Path audio, Path output) {
        List<String> argv = encodePrefix();
        argv.addAll(List.of("-f", "concat", "-safe", "0", "-i", segmentList.toString(), "-i", audio.toString(),
                "-map", "0:v:0", "-map", "1:a:0", "-c", "copy", "-movflags", "+faststart", output.toString()));
        return List.copyOf(argv);
    }

    /**
     * The fallback when segments cannot be joined as they are: each decoded on its own, brought to the
     * spec's frame, concatenated and encoded again with the spec's settings.
     */
    public static List<String> reencodeJoin(List<Path> segments, Path audio, RenderSpec spec) {
        List<String> argv = encodePrefix();
        StringBuilder graph = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            argv.addAll(List.of("-i", segments.get(i).toString()));
            graph.append('[').append(i).append(":v]").append(fit(Fit.PAD, spec.picture().size()))
                    .append(",setsar=1,format=yuv420p,fps=").append(spec.picture().fps()).append("[v").append(i).append("];");
            labels.append("[v").append(i).append(']');
        }
        argv.addAll(List.of("-i", audio.toString(), "-filter_complex", graph.append(labels).append("concat=n=")
                .append(segments.size()).append(":v=1:a=0[vout]").toString(), "-map", "[vout]",
                "-map", segments.size() + ":a:0", "-c:a", "copy"));
        argv.addAll(videoCodec(spec));
        argv.addAll(List.of("-movflags", "+faststart", spec.output().toString()));
        return List.copyOf(argv);
    }

    static String fit(Fit fit, VideoSize size) {
        int w = size.width();
        int h = size.height();
        return switch (fit) {
            // Cut the source to the output's aspect ratio first, then scale only what is kept: scaling a
            // 1920x1080 base to 3413x1920 and cropping threw away two thirds of the scaler's work
            // (measured at 1080x1920 veryfast: 3.8 s CPU less per 50 s, the same pixels).
            case CROP -> "crop=w='min(iw,ih*" + w + "/" + h + ")':h='min(ih,iw*" + h + "/" + w + ")',scale=" + w + ":" + h;
            case PAD -> "scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease,pad=" + w + ":" + h
                    + ":(ow-iw)/2:(oh-ih)/2:color=black";
        };
    }

    /** One input frame held for the whole video while zoompan zooms into its centre. */
    private static String zoom(VideoSize size, int fps, long frames, long startFrame) {
        String frame = startFrame == 0 ? "on" : "(on+" + startFrame + ")";
        return "zoompan=z=1+" + num(ZOOM_GROWTH) + "*" + frame + "/" + frames
                + ":x=(iw-iw/zoom)/2:y=(ih-ih/zoom)/2:d=" + (frames + 1) + ":s=" + size + ":fps=" + fps;
    }

    private static String subtitles(RenderSpec spec) {
        return spec.picture().subtitles() == null ? "" : assFilter(spec.picture().subtitles(), spec.picture().fontsDir());
    }

    private static String assFilter(Path subtitles, Path fontsDir) {
        String filter = ",ass=filename=" + FilterEscaping.optionValue(subtitles.toString());
        if (fontsDir != null) {
            filter += ":fontsdir=" + FilterEscaping.optionValue(fontsDir.toString());
        }
        return filter;
    }

    /**
     * Where {@link #mix} finds its sound: the voice is always input 0.
     *
     * @param music the music's input number (unused without music)
     * @param clips scene index to input number, for the scenes whose clips' sound is mixed in
     */
    record AudioInputs(int music, Map<Integer, Integer> clips) {
    }

    static String audioGraph(RenderSpec spec, AudioInputs inputs) {
        // Pin what the AAC encoder gets: an input whose layout FFmpeg cannot tell (a plain-header WAV)
        // otherwise leaves the output link unnegotiable.
        return mix(spec, inputs) + "," + leveling(spec) + "," + OUTPUT_AUDIO + "[aout]";
    }

    /**
     * The voice padded to the output's length with the bed, faded and ducked under it, mixed in; the
     * bed is the music and the sound of scene clips that keep theirs, all at the music's volume. The
     * graph's last output is left unlabelled. {@link LoudnessMeter} measures exactly this graph before
     * the render.
     */
    static String mix(RenderSpec spec, AudioInputs inputs) {
        double total = spec.totalSeconds();
        // FFmpeg 5.1 reads a plain-header WAV's layout as "unknown", which the AAC encoder and amix
        // refuse: name the layout of both inputs, and their rate, before anything else.
        String voice = "[0:a]" + STEREO_48K + ",apad=whole_dur=" + num(total);
        List<String> beds = new ArrayList<>();
        if (spec.audio().music() != null) {
            double fadeIn = Math.min(spec.audio().musicFadeInSeconds(), total / 2);
            double fadeOut = Math.min(spec.audio().musicFadeOutSeconds(), total / 2);
            beds.add("[" + inputs.music() + ":a]" + STEREO_48K + ",volume=" + num(spec.audio().musicVolume())
                    + ",afade=t=in:st=0:d=" + num(fadeIn)
                    + ",afade=t=out:st=" + num(total - fadeOut) + ":d=" + num(fadeOut));
        }
        inputs.clips().forEach((scene, input) -> beds.add(SceneGraph.clipAudio(spec.picture().scenes(), scene, input,
                spec.audio().musicVolume(), STEREO_48K)));
        if (beds.isEmpty()) {
            return voice;
        }
        String bed = beds.size() == 1 ? beds.get(0) : bedOfMany(beds);
        // normalize=0 keeps both at their own level; amix would otherwise halve each input.
        String mix = "amix=inputs=2:duration=first:normalize=0";
        if (!spec.audio().ducking()) {
            return voice + "[voice];" + bed + "[bed];[voice][bed]" + mix;
        }
        return voice + ",asplit=2[voice][key];" + bed + "[bed];[bed][key]" + DUCKING + "[ducked];[voice][ducked]" + mix;
    }

    /** Several bed parts summed at their own levels; scene sound that has ended leaves the music playing. */
    private static String bedOfMany(List<String> parts) {
        StringBuilder graph = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            graph.append(parts.get(i)).append("[b").append(i).append("];");
            labels.append("[b").append(i).append(']');
        }
        return graph.append(labels).append("amix=inputs=").append(parts.size()).append(":duration=longest:normalize=0")
                .toString();
    }

    /** The filters that bring the mix to the loudness target: see {@link LoudnessLeveler}. */
    static String leveling(RenderSpec spec) {
        Leveling leveling = spec.audio().leveling();
        Loudness loudness = leveling.target();
        if (leveling instanceof Leveling.Loudnorm) {
            // loudnorm works at 192 kHz internally; bring it back to what AAC and players expect. It is
            // the graph's heaviest filter: measured ~110 MB of FFmpeg's RSS at 1080x1920.
            return "loudnorm=I=" + num(loudness.integratedLufs()) + ":TP=" + num(loudness.truePeakDbtp())
                    + ":LRA=" + num(loudness.range()) + ",aresample=48000";
        }
        // An unmeasured mix goes through the limiter at its own level.
        return gainAndLimiter(leveling instanceof Leveling.Gain gain ? gain.gainDb() : 0, loudness);
    }

    /**
     * A static gain, then a sample-peak limiter at {@link LoudnessLeveler#ceilingDb}. level=false keeps
     * alimiter from raising the whole signal to the ceiling; latency=1 removes its look-ahead delay so
     * the voice stays on the subtitles' timeline.
     */
    static String gainAndLimiter(double gainDb, Loudness target) {
        return "volume=" + num(gainDb) + "dB,alimiter=limit=" + num(Math.pow(10, LoudnessLeveler.ceilingDb(target) / 20))
                + ":level=false:latency=1";
    }

    public static List<String> videoCodec(RenderSpec spec) {
        return videoCodec(spec.encoding());
    }

    static List<String> videoCodec(RenderSpec.Encoding encoding) {
        return switch (encoding.encoder()) {
            case LIBX264 -> x264(encoding.x264Preset(), encoding.crf(), encoding.threads());
            // -b:v 0 leaves the quality to -cq; otherwise NVENC's 2 Mbit/s default caps it.
            case NVENC -> List.of("-c:v", "h264_nvenc", "-preset", encoding.nvencPreset(), "-rc", "vbr",
                    "-cq", Integer.toString(encoding.nvencCq()), "-b:v", "0", "-pix_fmt", "yuv420p");
        };
    }

    /** libx264 as Narrator runs it; the short lookahead cuts x264's peak memory (field notes: medium 646 -> 421 MB). */
    static List<String> x264(String preset, int crf, int threads) {
        return List.of("-c:v", "libx264", "-preset", preset, "-crf", Integer.toString(crf), "-pix_fmt", "yuv420p",
                "-threads", Integer.toString(threads), "-x264-params", "rc-lookahead=10");
    }

    static long frames(RenderSpec spec) {
        return frames(spec.totalSeconds(), spec.picture().fps());
    }

    /** Frames in {@code seconds} of output: a last partial frame counts. */
    public static long frames(double seconds, int fps) {
        return Math.round(Math.ceil(seconds * fps));
    }

    /** A number as FFmpeg reads it: plain decimal, dot separator whatever the locale, at most 6 decimals. */
    public static String num(double value) {
        BigDecimal rounded = new BigDecimal(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }
}
