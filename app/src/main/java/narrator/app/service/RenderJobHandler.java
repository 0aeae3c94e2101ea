package narrator.app.service;

import narrator.app.spec.JobOutputs;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobContext;
import narrator.app.jobs.JobHandler;
import narrator.app.jobs.JobKind;
import narrator.app.jobs.JobResult;
import narrator.app.spec.JobSpec;
import narrator.app.segments.Segments;
import narrator.app.spec.JobSpecCodec;
import narrator.app.storage.ObjectStore;
import narrator.app.storage.StorageKeys;
import narrator.app.storage.StoredObject;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Narration;
import narrator.pipeline.Stage;
import narrator.pipeline.align.AlignmentReport;
import narrator.pipeline.subtitles.Timings;
import narrator.pipeline.video.VideoOutputs;

/**
 * Runs one queued job: its spec through the {@link JobRunner}, then stores the outputs and announces
 * them. The voice is stored and {@code voiceover_uploaded} sent as soon as it exists, before the video
 * is rendered, as the reference service does. A long video's segments are drawn through the job's manifest
 * ({@link Segments}), so a crash resumes with those already done.
 */
final class RenderJobHandler implements JobHandler {
    private final ObjectMapper json;
    private final JobSpecCodec codec;
    private final JobRunner runner;
    private final ObjectStore store;
    private final StorageKeys keys;
    private final Duration presignTtl;
    private final Notifier notifier;
    private final Segments segments;

    RenderJobHandler(ObjectMapper json, JobSpecCodec codec, JobRunner runner, ObjectStore store, StorageKeys keys,
                     Duration presignTtl, Notifier notifier, Segments segments) {
        this.segments = segments;
        this.json = json;
        this.codec = codec;
        this.runner = runner;
        this.store = store;
        this.keys = keys;
        this.presignTtl = presignTtl;
        this.notifier = notifier;
    }

    @Override
    public JobResult handle(Job job, JobContext ctx) {
        JobSpec spec = codec.spec(job);
        JobOutputs outputs = spec.kind() == JobKind.VOICEOVER ? voiceover(job, ctx, spec) : video(job, ctx, spec);
        return new JobResult(write(outputs));
    }

    private JobOutputs voiceover(Job job, JobContext ctx, JobSpec spec) {
        Narration narration = runner.voiceover(spec, ctx.workDir(), ctx, ctx.cancelSignal());
        ctx.speechMade(runner.engine(spec), narration.durationSeconds());
        JobOutputs outputs = ctx.timed(Stage.UPLOADING, () -> storeVoice(job, ctx, narration, Timings.of(narration),
                narration.durationSeconds()));
        ctx.recordResult(new JobResult(write(outputs)));
        notifier.voiceoverUploaded(job, outputs);
        return outputs;
    }

    /**
     * Stores the voice and its {@code timings.json}; the outputs so far.
     *
     * @param durationSeconds the job's duration when the voice is all it makes; null while a video is to come
     */
    private JobOutputs storeVoice(Job job, JobContext ctx, Narration narration, Timings timings,
                                  Double durationSeconds) {
        StoredObject voice = store.put(keys.voiceover(job.id()), narration.wav(), "audio/wav");
        StoredObject timed = store.put(keys.timings(job.id()), timings.writeTo(ctx.workDir().resolve("timings.json")),
                "application/json");
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("voice", presign(voice));
        signed.put("timings", presign(timed));
        return new JobOutputs(voice.location(), null, null, null, null, null, durationSeconds, signed,
                null, null, timed.location(), timings.wordTiming(), null);
    }

    private JobOutputs video(Job job, JobContext ctx, JobSpec spec) {
        AtomicReference<JobOutputs> voice = new AtomicReference<>();
        VideoOutputs made = runner.video(spec, ctx.workDir(), ctx, ctx.cancelSignal(),
                segments.executor(job.id(), ctx.workDir()), prepared -> {
            ctx.speechMade(runner.engine(spec), prepared.narration().durationSeconds());
            JobOutputs stored = ctx.timed(Stage.UPLOADING,
                    () -> storeVoice(job, ctx, prepared.narration(), prepared.timings(), null));
            voice.set(stored);
            // Recorded before it is announced, so a cancel or failure after this still shows the voice.
            ctx.recordResult(new JobResult(write(stored)));
            notifier.voiceoverUploaded(job, stored);
        });
        ctx.encoded(made.encodeFps());
        JobOutputs voiceStored = voice.get();
        return ctx.timed(Stage.UPLOADING, () -> {
            ProgressingUploads uploads = new ProgressingUploads(store, ctx, Stream.concat(
                    Stream.of(made.ass(), made.srt(), made.vtt(), made.video()), made.thumbnail().stream()).toList());
            StoredObject ass = uploads.put(keys.subtitlesAss(job.id()), made.ass(), "text/x-ssa; charset=utf-8");
            StoredObject srt = uploads.put(keys.subtitlesSrt(job.id()), made.srt(), "application/x-subrip; charset=utf-8");
            StoredObject vtt = uploads.put(keys.subtitlesVtt(job.id()), made.vtt(), "text/vtt; charset=utf-8");
            StoredObject video = uploads.put(keys.finalVideo(job.id()), made.video(), "video/mp4");
            StoredObject thumb = made.thumbnail()
                    .map(t -> uploads.put(keys.thumbnail(job.id()), t, "image/jpeg")).orElse(null);
            Map<String, String> signed = new LinkedHashMap<>(voiceStored.signedUrls());
            signed.put("subtitles", presign(ass));
            signed.put("srt", presign(srt));
            signed.put("vtt", presign(vtt));
            signed.put("video", presign(video));
            if (thumb != null) {
                signed.put("thumbnail", presign(thumb));
            }
            JobOutputs.Alignment alignment = made.alignment()
                    .map(a -> new JobOutputs.Alignment(a.method(), a.confidence())).orElse(null);
            List<String> warnings = java.util.stream.Stream.concat(made.alignment().flatMap(AlignmentReport::warning)
                    .stream(), made.warnings().stream()).toList();
            return new JobOutputs(voiceStored.voiceUrl(), ass.location(), srt.location(), vtt.location(),
                    video.location(), thumb == null ? null : thumb.location(), made.durationSeconds(), signed,
                    alignment, warnings, voiceStored.timingsUrl(), voiceStored.wordTiming(), null);
        });
    }

    private String presign(StoredObject object) {
        return store.presign(object.key(), presignTtl).toString();
    }

    private String write(JobOutputs outputs) {
        try {
            return json.writeValueAsString(outputs);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "cannot record the job's outputs", e);
        }
    }
}
