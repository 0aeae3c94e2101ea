package narrator.app.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished job produced, stored as the job's result. URLs are storage locations
 * ({@code s3://bucket/key}, or this service's {@code /files/...} links for local storage);
 * {@code signedUrls} are time-limited HTTPS links for the same files. A video over a provided voiceover
 * says how its captions were timed ({@code alignment}); {@code warnings} are for the caller to read.
 * {@code timingsUrl} is the {@code timings.json} of every sentence and word, and {@code wordTiming} says
 * how its words were timed ({@code model}, {@code alignment} or {@code estimate}). {@code outputVideoKey} is
 * the video's key in the store, given for captions jobs (the GPU render server reports it), left out for the
 * others.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobOutputs(
        @JsonProperty("voice_url") String voiceUrl,
        @JsonProperty("subtitles_url") String subtitlesUrl,
        @JsonProperty("srt_url") String srtUrl,
        @JsonProperty("vtt_url") String vttUrl,
        @JsonProperty("video_url") String videoUrl,
        @JsonProperty("thumbnail_url") String thumbnailUrl,
        @JsonProperty("duration_seconds") Double durationSeconds,
        @JsonProperty("signed_urls") Map<String, String> signedUrls,
        @JsonProperty("alignment") Alignment alignment,
        @JsonProperty("warnings") List<String> warnings,
        @JsonProperty("timings_url") String timingsUrl,
        @JsonProperty("word_timing") String wordTiming,
        @JsonProperty("output_video_key") @JsonInclude(JsonInclude.Include.NON_NULL) String outputVideoKey) {

    public JobOutputs {
        // Ordered as given (voice, subtitles, srt, vtt, video, thumbnail): Map.copyOf would shuffle the JSON.
        signedUrls = signedUrls == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(signedUrls));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** How a provided voiceover's captions were timed: {@code dtw} or {@code stretch}, and the alignment's confidence. */
    public record Alignment(@JsonProperty("method") String method, @JsonProperty("confidence") double confidence) {
    }

    public static final JobOutputs NONE = new JobOutputs(null, null, null, null, null, null, null, Map.of(), null, null,
            null, null, null);
}
