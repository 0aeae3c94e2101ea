package narrator.app.webhooks;

import java.util.Objects;

/**
 * The stored objects a {@code video_completed} event points at, as the reference service reports them
 * ({@code s3://bucket/key}); {@code thumbnailUrl} is null when no thumbnail could be made, {@code voiceUrl}
 * for a captions job, which makes no voice, {@code timingsUrl} for a captions job and for jobs stored before
 * timings existed.
 */
public record VideoUrls(String voiceUrl, String subtitlesUrl, String videoUrl, String thumbnailUrl, String timingsUrl) {
    public VideoUrls {
        Objects.requireNonNull(subtitlesUrl);
        Objects.requireNonNull(videoUrl);
    }
}
