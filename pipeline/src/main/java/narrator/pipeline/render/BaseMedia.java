package narrator.pipeline.render;

import java.nio.file.Path;
import java.util.Objects;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/** The picture under the subtitles: a video (looped or trimmed), a still image, or nothing (a plain background). */
public record BaseMedia(Kind kind, Path path, MediaInfo info) {
    public enum Kind { VIDEO, IMAGE, NONE }

    private static final BaseMedia NONE = new BaseMedia(Kind.NONE, null, null);

    public BaseMedia {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.NONE) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(info, "info");
        }
    }

    public static BaseMedia none() {
        return NONE;
    }

    /** A probed file: an image when ffprobe saw a still picture, otherwise a video. */
    public static BaseMedia of(Path path, MediaInfo info) {
        return of(path, info, "base media");
    }

    /** As {@link #of(Path, MediaInfo)}; {@code role} starts the error message ("scenes[2]"). */
    public static BaseMedia of(Path path, MediaInfo info, String role) {
        if (!info.hasVideo()) {
            throw new NarratorException(ErrorCode.INVALID_MEDIA, role + ": " + path.getFileName() + " has no picture");
        }
        return new BaseMedia(info.isStillImage() ? Kind.IMAGE : Kind.VIDEO, path, info);
    }
}
