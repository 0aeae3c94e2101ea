package narrator.app.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import narrator.app.api.RenderRequest;
import narrator.app.config.Settings;
import narrator.app.download.Downloader;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobContext;
import narrator.app.jobs.JobHandler;
import narrator.app.jobs.JobKind;
import narrator.app.jobs.JobResult;
import narrator.app.storage.ObjectStore;
import narrator.app.storage.StorageKeys;
import narrator.app.storage.StoredObject;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.Narration;
import narrator.pipeline.PreparedVideo;
import narrator.pipeline.RenderOptions;
import narrator.pipeline.Stage;
import narrator.pipeline.VideoOutputs;
import narrator.pipeline.VideoPipeline;
import narrator.pipeline.VideoRequest;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.Encoder;
import narrator.pipeline.render.Fit;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;
import narrator.tts.VoiceCatalogue;

/**
 * Runs one queued job: fetch its inputs, run the pipeline, store the outputs, announce them. The
 * voice is stored and {@code voiceover_uploaded} sent as soon as it exists, before the video is
 * rendered, as the reference service does.
 */
final class RenderJobHandler implements JobHandler {
    private final ObjectMapper json;
    private final Settings settings;
    private final VoiceCatalogue voices;
    private final VideoPipeline pipeline;
    private final Downloader downloader;
    private final ObjectStore store;
    private final StorageKeys keys;
    private final Notifier notifier;
    private final Encoder encoder;

    RenderJobHandler(ObjectMapper json, Settings settings, VoiceCatalogue voices, VideoPipeline pipeline,
                     Downloader downloader, ObjectStore store, Notifier notifier, Encoder encoder) {
        this.json = json;
        this.settings = settings;
        this.voices = voices;
        this.pipeline = pipeline;
        this.downloader = downloader;
        this.store = store;
        this.keys = new StorageKeys(settings.s3().map(s -> s.thumbnailPrefix()).orElse(null));
        this.notifier = notifier;
        this.encoder = encoder;
    }

    @Override
    public JobResult handle(Job job, JobContext ctx) {
        RenderRequest request = read(job.requestJson());
        Voice voice = voices.voice(request.voice() != null ? request.voice() : voices.defaultVoiceId());
        SpeechOptions speech = new SpeechOptions(request.speed(), request.speaker());
        JobOutputs outputs = job.kind() == JobKind.VOICEOVER
                ? voiceover(job, ctx, request, voice, speech)
                : video(job, ctx, request, voice, speech);
        return new JobResult(write(outputs));
    }

    private JobOutputs voiceover(Job job, JobContext ctx, RenderRequest request, Voice voice, SpeechOptions speech) {
        Narration narration = pipeline.voiceover(request.script(), voice, speech, ctx.workDir(), ctx, ctx.cancelSignal());
        StoredObject stored = ctx.timed(Stage.UPLOADING,
                () -> store.put(keys.voiceover(job.id()), narration.wav(), "audio/wav"));
        Map<String, String> signed = Map.of("voice", presign(stored));
        notifier.voiceoverUploaded(job, stored.location(), signed);
        return new JobOutputs(stored.location(), null, null, null, null, null, narration.durationSeconds(), signed);
    }

    private JobOutputs video(Job job, JobContext ctx, RenderRequest request, Voice voice, SpeechOptions speech) {
        Path work = ctx.workDir();
        Inputs inputs = download(request, work, ctx);
        VideoSize size = request.size() != null ? VideoSize.parse(request.size()) : settings.render().defaultSize();
        VideoRequest videoRequest = new VideoRequest(request.script(), voice, speech, size, request.karaoke(),
                SubtitleStyle.fromMap(request.subtitleStyle()), inputs.base(), inputs.music(), inputs.voiceover(),
                options(request));

        PreparedVideo prepared = pipeline.narrate(videoRequest, work, ctx, ctx.cancelSignal());
        StoredObject voiceStored = ctx.timed(Stage.UPLOADING,
                () -> store.put(keys.voiceover(job.id()), prepared.narration().wav(), "audio/wav"));
        notifier.voiceoverUploaded(job, voiceStored.location(), Map.of("voice", presign(voiceStored)));

        VideoOutputs made = pipeline.render(prepared, work, ctx, ctx.cancelSignal());
        ctx.cancelSignal().throwIfCancelled();
        return ctx.timed(Stage.UPLOADING, () -> {
            StoredObject ass = store.put(keys.subtitlesAss(job.id()), made.ass(), "text/x-ssa; charset=utf-8");
            StoredObject srt = store.put(keys.subtitlesSrt(job.id()), made.srt(), "application/x-subrip; charset=utf-8");
            StoredObject vtt = store.put(keys.subtitlesVtt(job.id()), made.vtt(), "text/vtt; charset=utf-8");
            StoredObject video = store.put(keys.render(job.id()), made.video(), "video/mp4");
            StoredObject thumb = made.thumbnail()
                    .map(t -> store.put(keys.thumbnail(job.id()), t, "image/jpeg")).orElse(null);
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("voice", presign(voiceStored));
            signed.put("subtitles", presign(ass));
            signed.put("srt", presign(srt));
            signed.put("vtt", presign(vtt));
            signed.put("video", presign(video));
            if (thumb != null) {
                signed.put("thumbnail", presign(thumb));
            }
            return new JobOutputs(voiceStored.location(), ass.location(), srt.location(), vtt.location(),
                    video.location(), thumb == null ? null : thumb.location(), made.durationSeconds(), signed);
        });
    }

    private record Inputs(Path base, Path music, Path voiceover) {
    }

    private Inputs download(RenderRequest request, Path work, JobContext ctx) {
        return ctx.timed(Stage.DOWNLOADING, () -> fetchInputs(request, work, ctx.cancelSignal()));
    }

    private Inputs fetchInputs(RenderRequest request, Path work, CancelSignal cancel) {
        var limits = settings.inputs();
        // The cancel signal stops a download mid-way, so a cancel, timeout or shutdown never waits for it.
        Path base = request.baseVideoUrl() == null ? null : downloader.fetch(request.baseVideoUrl(),
                work.resolve("input-base"), limits.maxVideoBytes(), "base_video_url", cancel);
        cancel.throwIfCancelled();
        Path music = request.bgmUrl() == null ? null : downloader.fetch(request.bgmUrl(),
                work.resolve("input-music"), limits.maxAudioBytes(), "bgm_url", cancel);
        cancel.throwIfCancelled();
        Path voiceover = request.voiceoverUrl() == null ? null : downloader.fetch(request.voiceoverUrl(),
                work.resolve("input-voiceover"), limits.maxAudioBytes(), "voiceover_url", cancel);
        return new Inputs(base, music, voiceover);
    }

    private RenderOptions options(RenderRequest request) {
        RenderOptions defaults = Pipelines.defaultOptions(settings, encoder);
        return defaults.withFit("pad".equals(request.fit()) ? Fit.PAD : defaults.fit())
                .withImageZoom(request.zoom())
                .withMusicVolume(request.musicVolume() != null ? request.musicVolume() : defaults.musicVolume());
    }

    private String presign(StoredObject object) {
        Duration ttl = settings.s3().map(s -> s.presignTtl()).orElse(Duration.ofHours(1));
        return store.presign(object.key(), ttl).toString();
    }

    private RenderRequest read(String requestJson) {
        try {
            return json.readValue(requestJson, RenderRequest.class);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "the stored job request is unreadable", e);
        }
    }

    private String write(JobOutputs outputs) {
        try {
            return json.writeValueAsString(outputs);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "cannot record the job's outputs", e);
        }
    }
}
