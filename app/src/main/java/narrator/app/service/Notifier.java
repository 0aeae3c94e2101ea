package narrator.app.service;

import narrator.app.spec.JobOutputs;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobEvents;
import narrator.app.jobs.JobKind;
import narrator.app.spec.CaptionsSpecCodec;
import narrator.app.webhooks.CallbackStyle;
import narrator.app.webhooks.CallbackSubpaths;
import narrator.app.webhooks.VideoUrls;
import narrator.app.webhooks.WebhookEvent;
import narrator.app.webhooks.WebhookEvents;
import narrator.app.webhooks.WebhookOutbox;
import narrator.app.webhooks.WebhookSettings;
import narrator.core.ErrorCode;
import narrator.pipeline.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns job events into webhook deliveries for the global {@code WEBHOOK_URL} and the job's own
 * {@code webhook_url}. Only records them in the outbox: delivery happens on the dispatcher's
 * threads, so a slow receiver never delays a render.
 */
final class Notifier implements JobEvents {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final ObjectMapper json;
    private final WebhookOutbox outbox;
    private final WebhookEvents events;
    private final WebhookSettings settings;
    private final CaptionsSpecCodec captions;

    Notifier(ObjectMapper json, WebhookOutbox outbox, WebhookEvents events, WebhookSettings settings,
             CaptionsSpecCodec captions) {
        this.json = json;
        this.captions = captions;
        this.outbox = outbox;
        this.events = events;
        this.settings = settings;
    }

    void voiceoverUploaded(Job job, JobOutputs voice) {
        send(job, events.voiceoverUploaded(job.id(), voice.voiceUrl(), voice.timingsUrl(), metadata(job),
                voice.signedUrls()));
    }

    @Override
    public void onStarted(Job job) {
        send(job, events.jobStarted(job.id(), metadata(job)));
    }

    @Override
    public void onProgress(Job job, Stage stage, double overallPercent) {
        send(job, events.jobProgress(job.id(), stage, (int) Math.floor(overallPercent), metadata(job)));
    }

    @Override
    public void onCompleted(Job job) {
        if (job.kind() == JobKind.VOICEOVER) {
            return; // voiceover_uploaded already said everything
        }
        JobOutputs out = outputs(job);
        send(job, events.videoCompleted(job.id(), new VideoUrls(out.voiceUrl(), out.subtitlesUrl(), out.videoUrl(),
                out.thumbnailUrl(), out.timingsUrl()), metadata(job), out.signedUrls()), out.outputVideoKey());
    }

    @Override
    public void onFailed(Job job) {
        ErrorCode code = job.errorCode() == null ? ErrorCode.INTERNAL : job.errorCode();
        send(job, events.jobFailed(job.id(), code, job.errorMessage() == null ? "" : job.errorMessage(), metadata(job)));
    }

    @Override
    public void onCancelled(Job job) {
        send(job, events.jobCancelled(job.id(), metadata(job)));
    }

    private void send(Job job, WebhookEvent event) {
        send(job, event, null);
    }

    /**
     * To {@code WEBHOOK_URL} and the job's own URL; a captions job with {@code callback_style: subpaths} gets
     * its own events at the sub-path and in the shape of {@link CallbackSubpaths} (which is where
     * {@code outputVideoKey} goes), the operator's URL as ever.
     */
    private void send(Job job, WebhookEvent event, String outputVideoKey) {
        if (job.kind() == JobKind.CAPTIONS && job.webhookUrl() != null
                && captions.callbackStyle(job) == CallbackStyle.SUBPATHS) {
            Optional<CallbackSubpaths.Callback> callback = CallbackSubpaths.shape(event, outputVideoKey);
            List<String> targets = new ArrayList<>(settings.targets(null));
            callback.ifPresent(c -> targets.add(c.url(job.webhookUrl())));
            outbox.enqueue(job.id(), event, targets, url -> settings.targets(null).contains(url)
                    ? settings.shapeFor(url, event) : callback.map(CallbackSubpaths.Callback::event));
            return;
        }
        List<String> targets = settings.targets(job.webhookUrl());
        if (!targets.isEmpty()) {
            outbox.enqueue(job.id(), event, targets, url -> settings.shapeFor(url, event));
        }
    }

    private Map<String, Object> metadata(Job job) {
        if (job.metadataJson() == null || job.metadataJson().isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(job.metadataJson(), new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            LOG.warn("job {}: unreadable metadata, sending none", job.id());
            return Map.of();
        }
    }

    private JobOutputs outputs(Job job) {
        try {
            return job.resultJson() == null ? JobOutputs.NONE : json.readValue(job.resultJson(), JobOutputs.class);
        } catch (Exception e) {
            LOG.warn("job {}: unreadable result, announcing no URLs", job.id());
            return JobOutputs.NONE;
        }
    }
}
