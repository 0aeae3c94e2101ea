package narrator.app.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import narrator.app.webhooks.CallbackStyle;
import narrator.pipeline.VideoSize;
import narrator.pipeline.subtitles.Caption;

/**
 * One captions job, fully parsed and checked, the same whether it came from {@code POST /render} (the GPU
 * render server's shape), {@code POST /captions} or {@code narrator captions}. Immutable; the queue keeps it
 * through {@link CaptionsSpecCodec}.
 *
 * @param size        the output frame; null keeps the video's own
 * @param fps         output frame rate; 0 keeps the video's own
 * @param quality     null for the service's own encoder quality ({@code X264_CRF})
 * @param format      {@code mp4} or {@code mov}
 * @param callbackUrl where the job's events go; null for none
 * @param jobId       the caller's own id for the job; null for a random one
 */
public record CaptionsSpec(InputRef video, List<Caption> cues, VideoSize size, int fps, Quality quality, String format,
                           String callbackUrl, CallbackStyle callbackStyle, String jobId, Map<String, Object> metadata) {
    public static final List<String> FORMATS = List.of("mp4", "mov");

    /** The encoder's quality: a constant-rate factor (x264 {@code -crf}, NVENC {@code -cq}); lower is better. */
    public enum Quality {
        LOW(28), MEDIUM(23), HIGH(18);

        private final int crf;

        Quality(int crf) {
            this.crf = crf;
        }

        public int crf() {
            return crf;
        }
    }

    public CaptionsSpec {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(callbackStyle, "callbackStyle");
        cues = List.copyOf(cues);
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("format must be one of " + FORMATS + ", got " + format);
        }
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
