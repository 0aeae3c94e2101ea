package narrator.app.storage;

import java.util.List;
import java.util.regex.Pattern;

/** The object key layout shared with the Python render service, so existing buckets stay readable. */
public final class StorageKeys {
    public static final String DEFAULT_THUMBNAIL_PREFIX = "uploads/thumbnails";

    /** Ids become part of keys: anything beyond these characters could reach another prefix. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String thumbnailPrefix;

    /** {@code thumbnailPrefix} is {@code S3_THUMBNAIL_PREFIX}; blank means the default. */
    public StorageKeys(String thumbnailPrefix) {
        String trimmed = stripSlashes(thumbnailPrefix == null ? "" : thumbnailPrefix.strip());
        this.thumbnailPrefix = trimmed.isEmpty() ? DEFAULT_THUMBNAIL_PREFIX : trimmed;
    }

    public String voiceover(String id) {
        return "uploads/voiceovers/" + checked(id) + "-voice.wav";
    }

    /** Next to the voice it times. */
    public String timings(String id) {
        return "uploads/voiceovers/" + checked(id) + "-timings.json";
    }

    public String subtitlesAss(String id) {
        return subtitles(id, "ass");
    }

    public String subtitlesSrt(String id) {
        return subtitles(id, "srt");
    }

    public String subtitlesVtt(String id) {
        return subtitles(id, "vtt");
    }

    public String finalVideo(String id) {
        return "uploads/renders/" + checked(id) + "-final.mp4";
    }

    /** A captions job's video; {@code format} is its container, {@code mp4} or {@code mov}. */
    public String captionedVideo(String id, String format) {
        return "uploads/renders/" + checked(id) + "-captioned." + format;
    }

    public String thumbnail(String id) {
        return thumbnailPrefix + "/" + checked(id) + "-thumbnail.jpg";
    }

    /**
     * A finished segment of a job's video; {@code fingerprint} (hex) tells apart the files of a plan that changed,
     * so a draw of an older plan can never overwrite a newer one.
     */
    public String segment(String id, int index, String fingerprint) {
        return segments(id) + index + "-" + fingerprint.substring(0, 16) + ".mp4";
    }

    /** A file a segment of the job reads (its media, its subtitles), named by its content's SHA-256 and extension. */
    public String segmentInput(String id, String contentName) {
        if (!SAFE_ID.matcher(contentName).matches()) {
            throw new IllegalArgumentException("unsafe segment input name: " + contentName);
        }
        return segments(id) + "inputs/" + contentName;
    }

    /** The prefix of every segment file and input of the job. */
    public String segments(String id) {
        return "segments/" + checked(id) + "/";
    }

    /** Every key a job's outputs may be stored under. */
    public List<String> all(String id) {
        return List.of(voiceover(id), timings(id), subtitlesAss(id), subtitlesSrt(id), subtitlesVtt(id), finalVideo(id),
                thumbnail(id), captionedVideo(id, "mp4"), captionedVideo(id, "mov"));
    }

    /** The prefixes under which every key above lies (segments' files included), each ending in '/'. */
    public List<String> prefixes() {
        return List.of("uploads/voiceovers/", "uploads/subtitles/", "uploads/renders/", thumbnailPrefix + "/", "segments/");
    }

    private static String subtitles(String id, String extension) {
        return "uploads/subtitles/" + checked(id) + "-subs." + extension;
    }

    private static String checked(String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("unsafe id for a storage key: " + id);
        }
        return id;
    }

    private static String stripSlashes(String prefix) {
        int start = 0;
        int end = prefix.length();
        while (start < end && prefix.charAt(start) == '/') {
            start++;
        }
        while (end > start && prefix.charAt(end - 1) == '/') {
            end--;
        }
        return prefix.substring(start, end);
    }
}
