package narrator.pipeline.render;

/**
 * What ffprobe says about an input. {@code durationSeconds} is 0 for a still image; width and height
 * are 0 without a video stream. Cover art attached to an audio file does not count as video.
 */
public record MediaInfo(boolean hasVideo, boolean hasAudio, boolean isStillImage, double durationSeconds,
                        int width, int height) {
}
