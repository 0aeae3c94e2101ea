package narrator.app.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobContext;
import narrator.app.jobs.JobHandler;
import narrator.app.jobs.JobResult;
import narrator.app.spec.CaptionsSpec;
import narrator.app.spec.CaptionsSpecCodec;
import narrator.app.spec.JobOutputs;
import narrator.app.storage.ObjectStore;
import narrator.app.storage.StorageKeys;
import narrator.app.storage.StoredObject;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Stage;
import narrator.pipeline.video.CaptionBurner;

/**
 * Runs one queued captions job: the {@link JobRunner} fetches the caller's video and burns the cues onto it,
 * then the video and its {@code .ass} are stored. Its events go out like any job's ({@code Notifier}).
 */
final class CaptionsJobHandler implements JobHandler {
    private final ObjectMapper json;
    private final CaptionsSpecCodec codec;
    private final JobRunner runner;
    private final ObjectStore store;
    private final StorageKeys keys;
    private final Duration presignTtl;

    CaptionsJobHandler(ObjectMapper json, CaptionsSpecCodec codec, JobRunner runner, ObjectStore store, StorageKeys keys,
                       Duration presignTtl) {
        this.json = json;
        this.codec = codec;
        this.runner = runner;
        this.store = store;
        this.keys = keys;
        this.presignTtl = presignTtl;
    }

    @Override
    public JobResult handle(Job job, JobContext ctx) {
        CaptionsSpec spec = codec.spec(job);
        CaptionBurner.Burned burned = runner.captions(spec, ctx.workDir(), ctx, ctx.cancelSignal());
        JobOutputs outputs = ctx.timed(Stage.UPLOADING, () -> {
            ProgressingUploads uploads = new ProgressingUploads(store, ctx, List.of(burned.subtitles(), burned.video()));
            StoredObject ass = uploads.put(keys.subtitlesAss(job.id()), burned.subtitles(), "text/x-ssa; charset=utf-8");
            StoredObject video = uploads.put(keys.captionedVideo(job.id(), spec.format()), burned.video(),
                    spec.format().equals("mov") ? "video/quicktime" : "video/mp4");
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("subtitles", store.presign(ass.key(), presignTtl).toString());
            signed.put("video", store.presign(video.key(), presignTtl).toString());
            return new JobOutputs(null, ass.location(), null, null, video.location(), null, burned.durationSeconds(),
                    signed, null, null, null, null, video.key());
        });
        try {
            return new JobResult(json.writeValueAsString(outputs));
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "cannot record the job's outputs", e);
        }
    }
}
