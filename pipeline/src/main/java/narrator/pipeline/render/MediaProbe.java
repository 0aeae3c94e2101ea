package narrator.pipeline.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;

/**
 * Asks ffprobe what an input holds. Anything ffprobe cannot read, or that has neither a picture nor
 * sound, is {@link ErrorCode#INVALID_MEDIA}; messages start with the input's role ("base media",
 * "music") so a user knows which file to fix.
 */
public final class MediaProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Codecs that hold a single picture when they come without a duration or with one frame. */
    private static final Set<String> STILL_CODECS = Set.of("png", "mjpeg", "jpegls", "bmp", "webp", "tiff", "gif",
            "jpeg2000", "qoi");

    private final FfmpegRunner runner;

    public MediaProbe(FfmpegRunner runner) {
        this.runner = runner;
    }

    /** A base for {@link RenderSpec}: a video or a still image; anything without a picture is refused. */
    public BaseMedia probeBase(Path file) {
        return probeBase(file, CancelSignal.none());
    }

    /** As {@link #probeBase(Path)}; a cancel stops ffprobe at once. */
    public BaseMedia probeBase(Path file, CancelSignal cancel) {
        MediaInfo info = probe(file, "base media", cancel);
        return BaseMedia.of(file, info);
    }

    /** Background music: it must have sound. */
    public MediaInfo probeMusic(Path file) {
        return probeMusic(file, CancelSignal.none());
    }

    /** As {@link #probeMusic(Path)}; a cancel stops ffprobe at once. */
    public MediaInfo probeMusic(Path file, CancelSignal cancel) {
        MediaInfo info = probe(file, "music", cancel);
        if (!info.hasAudio()) {
            throw invalid("music", file, "has no audio stream");
        }
        return info;
    }

    public MediaInfo probe(Path file, String role) {
        return probe(file, role, CancelSignal.none());
    }

    /** As {@link #probe(Path, String)}; a cancel stops ffprobe at once ({@link ErrorCode#CANCELLED}). */
    public MediaInfo probe(Path file, String role, CancelSignal cancel) {
        if (!Files.isRegularFile(file)) {
            throw invalid(role, file, "file not found");
        }
        String json;
        try {
            json = runner.run(argv(file), TIMEOUT, cancel).stdout();
        } catch (ProcessFailure e) {
            throw new NarratorException(ErrorCode.INVALID_MEDIA, role + ": " + file.getFileName()
                    + " is not readable media (" + e.lastStderrLine() + ")", e);
        }
        return parse(json, role, file);
    }

    /**
     * The first video stream's own duration (a container's can be longer): how long one loop of a base
     * lasts. Falls back to the container's when the stream states none.
     */
    public double videoStreamSeconds(Path file, CancelSignal cancel) {
        JsonNode stream = firstVideoStream(file, cancel);
        double seconds = seconds(stream.path("duration"));
        return seconds > 0 ? seconds : probe(file, "base media", cancel).durationSeconds();
    }

    /**
     * What must agree between files joined by stream copy: codec, profile, size, pixel format, time base
     * and frame rate of the first video stream.
     */
    public String videoSignature(Path file, CancelSignal cancel) {
        JsonNode stream = firstVideoStream(file, cancel);
        return String.join(" ", List.of("codec_name", "profile", "width", "height", "pix_fmt", "time_base",
                "r_frame_rate").stream().map(k -> k + "=" + stream.path(k).asText()).toList());
    }

    private JsonNode firstVideoStream(Path file, CancelSignal cancel) {
        String json = runner.run(List.of(FfmpegCommand.FFPROBE, "-v", "error", "-print_format", "json",
                "-select_streams", "v:0", "-show_streams", file.toString()), TIMEOUT, cancel).stdout();
        try {
            return JSON.readTree(json).path("streams").path(0);
        } catch (JsonProcessingException e) {
            throw invalid("video", file, "ffprobe printed no readable description");
        }
    }

    static List<String> argv(Path file) {
        return List.of(FfmpegCommand.FFPROBE, "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                file.toString());
    }

    static MediaInfo parse(String json, String role, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid(role, file, "ffprobe printed no readable description");
        }
        JsonNode video = null;
        boolean hasAudio = false;
        boolean undecodable = false;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText();
            // A container can name a codec this FFmpeg has no decoder for: probing works, rendering would not.
            String codec = stream.path("codec_name").asText("unknown");
            if (codec.equals("unknown") || codec.equals("none")) {
                undecodable |= type.equals("video") || type.equals("audio");
                continue;
            }
            // Cover art in a music file is a "video" stream marked attached_pic: not a picture to show.
            boolean coverArt = stream.path("disposition").path("attached_pic").asInt() == 1;
            if (type.equals("video") && !coverArt && video == null) {
                video = stream;
            } else if (type.equals("audio")) {
                hasAudio = true;
            }
        }
        if (video == null && !hasAudio) {
            throw invalid(role, file, undecodable ? "uses a codec FFmpeg cannot decode"
                    : "has no audio or video stream");
        }
        double duration = seconds(root.path("format").path("duration"));
        if (video == null) {
            return new MediaInfo(false, true, false, positiveOrInvalid(duration, role, file), 0, 0);
        }
        int width = video.path("width").asInt();
        int height = video.path("height").asInt();
        if (width <= 0 || height <= 0) {
            throw invalid(role, file, "has a video stream without a frame size");
        }
        if (isStill(root.path("format").path("format_name").asText(), video, duration)) {
            return new MediaInfo(true, hasAudio, true, 0, width, height);
        }
        if (Double.isNaN(duration)) {
            duration = seconds(video.path("duration"));
        }
        return new MediaInfo(true, hasAudio, false, positiveOrInvalid(duration, role, file), width, height);
    }

    private static boolean isStill(String formatName, JsonNode video, double duration) {
        if (!STILL_CODECS.contains(video.path("codec_name").asText())) {
            return false;
        }
        // image2 and the *_pipe demuxers read single pictures; a GIF or MJPEG file with many frames is a video.
        boolean imageDemuxer = formatName.startsWith("image2") || formatName.endsWith("_pipe");
        String frames = video.path("nb_frames").asText("");
        return imageDemuxer || frames.equals("1") || Double.isNaN(duration);
    }

    private static double seconds(JsonNode node) {
        try {
            return node.isMissingNode() ? Double.NaN : Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
            return Double.NaN; // "N/A"
        }
    }

    private static double positiveOrInvalid(double duration, String role, Path file) {
        if (!(duration > 0)) {
            throw invalid(role, file, "has no duration");
        }
        return duration;
    }

    private static NarratorException invalid(String role, Path file, String why) {
        return new NarratorException(ErrorCode.INVALID_MEDIA, role + ": " + file.getFileName() + " " + why);
    }
}
