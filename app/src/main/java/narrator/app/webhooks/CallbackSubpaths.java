package narrator.app.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import narrator.core.ErrorCode;

/**
 * The GPU worker's callback convention ({@link CallbackStyle#SUBPATHS}): progress to {@code {url}/progress} as
 * {@code {progress, message}}, the result to {@code {url}/complete} as {@code {output_video_key, video_url, urls}},
 * a failure or cancel to {@code {url}/error} as {@code {error, error_code, should_retry}}; every body also names the
 * {@code job_id}. The event keeps its id and name (the {@code X-Narrator-Event*} headers), so receivers dedupe
 * as with webhooks. Pure.
 */
public final class CallbackSubpaths {
    /** Where, under the callback URL, {@code event} goes, and what it says there. */
    public record Callback(String subpath, WebhookEvent event) {
        /** {@code callbackUrl} with this callback's sub-path (a trailing slash on it is not doubled). */
        public String url(String callbackUrl) {
            return (callbackUrl.endsWith("/") ? callbackUrl.substring(0, callbackUrl.length() - 1) : callbackUrl)
                    + "/" + subpath;
        }
    }

    private CallbackSubpaths() {
    }

    /**
     * {@code event} in the convention's shape, or empty for an event it has no place for ({@code voiceover_uploaded}).
     *
     * @param outputVideoKey the stored video's key, for {@code video_completed}
     */
    public static Optional<Callback> shape(WebhookEvent event, String outputVideoKey) {
        Map<String, Object> in = event.payload();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", in.get("job_id"));
        String subpath;
        switch (event.name()) {
            case WebhookEvents.JOB_STARTED -> {
                subpath = "progress";
                body.put("progress", 0);
                body.put("message", "started");
            }
            case WebhookEvents.JOB_PROGRESS -> {
                subpath = "progress";
                body.put("progress", in.get("progress"));
                body.put("message", in.get("stage"));
            }
            case WebhookEvents.VIDEO_COMPLETED -> {
                subpath = "complete";
                body.put("output_video_key", outputVideoKey);
                body.put("video_url", in.get("video_url"));
                body.put("urls", in.get("signed_urls"));
            }
            case WebhookEvents.JOB_FAILED -> {
                subpath = "error";
                Map<?, ?> error = (Map<?, ?>) in.get("error");
                ErrorCode code = ErrorCode.valueOf(String.valueOf(error.get("code")));
                body.put("error", error.get("message"));
                body.put("error_code", code.name());
                body.put("should_retry", code.retryable());
            }
            case WebhookEvents.JOB_CANCELLED -> {
                subpath = "error";
                body.put("error", "the job was cancelled");
                body.put("error_code", ErrorCode.CANCELLED.name());
                body.put("should_retry", false);
            }
            default -> {
                return Optional.empty();
            }
        }
        body.put("timestamp", in.get("timestamp"));
        return Optional.of(new Callback(subpath, new WebhookEvent(event.id(), event.name(), body)));
    }
}
