package narrator.app.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import narrator.app.config.Settings;
import narrator.app.download.Downloader;
import narrator.app.spec.CaptionsSpec;
import narrator.app.spec.InputRef;
import narrator.app.spec.JobSpec;
import narrator.app.spec.SceneRef;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.Narration;
import narrator.pipeline.narration.Cast;
import narrator.pipeline.script.Lexicon;
import narrator.pipeline.render.RenderSpec;
import narrator.pipeline.render.SegmentExecutor;
import narrator.pipeline.video.CaptionBurner;
import narrator.pipeline.video.CaptionRequest;
import narrator.pipeline.video.PreparedVideo;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.video.RenderOptions;
import narrator.pipeline.Stage;
import narrator.pipeline.scenes.Scene;
import narrator.pipeline.video.VideoOutputs;
import narrator.pipeline.video.VideoPipeline;
import narrator.pipeline.video.VideoRequest;
import narrator.tts.catalogue.VoiceCatalogue;

/**
 * Runs one {@link JobSpec} (or {@link CaptionsSpec}) in a work directory: fetches its inputs, then the pipeline.
 * The queue's handlers, {@code narrator render} and {@code narrator captions} run jobs through here; what they do with the files
 * afterwards (store and announce them, or move them into a directory) is theirs.
 */
public final class JobRunner {
    private final VoiceCatalogue voices;
    private final Supplier<Lexicon> lexicon;
    private final VideoPipeline pipeline;
    private final Downloader downloader;
    private final Settings.Inputs limits;
    private final RenderOptions defaults;
    private final CaptionBurner burner;

    /**
     * {@code lexicon} is the service's, as it is when a job runs; {@code defaults} are the service's render
     * options, a spec sets fit, zoom and music volume over them.
     */
    public JobRunner(VoiceCatalogue voices, Supplier<Lexicon> lexicon, VideoPipeline pipeline, CaptionBurner burner,
                     Downloader downloader, Settings.Inputs limits, RenderOptions defaults) {
        this.voices = voices;
        this.lexicon = lexicon;
        this.pipeline = pipeline;
        this.burner = burner;
        this.downloader = downloader;
        this.limits = limits;
        this.defaults = defaults;
    }

    /** The engine of the spec's voice ({@code piper}, {@code kokoro}, {@code espeak}). */
    public String engine(JobSpec spec) {
        return voices.voice(spec.voiceId()).info().engine();
    }

    /** Just the voice: {@code voice.wav} in {@code work}. */
    public Narration voiceover(JobSpec spec, Path work, ProgressListener listener, CancelSignal cancel) {
        Cast cast = new Cast(new Cast.Voicing(voices.voice(spec.voiceId()), spec.speech()), speakerVoices(spec));
        return pipeline.voiceover(spec.script(), spec.reading().reading(lexicon.get()), cast, work, listener, cancel);
    }

    /**
     * The whole video. {@code onVoice} gets the voice as soon as it exists, before the picture is
     * rendered (the service stores and announces it then, as the reference service does); a long video's
     * segments are drawn by {@code segments}.
     */
    public VideoOutputs video(JobSpec spec, Path work, ProgressListener listener, CancelSignal cancel,
                              SegmentExecutor segments, Consumer<PreparedVideo> onVoice) {
        Inputs inputs = listener.timed(Stage.DOWNLOADING, () -> fetchInputs(spec, work, listener, cancel));
        RenderOptions options = defaults.withFit(spec.fit()).withImageZoom(spec.zoom())
                .withMusicVolume(spec.musicVolume());
        VideoRequest request = new VideoRequest(spec.script(), voices.voice(spec.voiceId()), spec.speech(),
                spec.size(), spec.captions(), spec.style(), inputs.base(), inputs.music(), inputs.voiceover(), options,
                spec.reading().reading(lexicon.get()), speakerVoices(spec), inputs.scenes());
        PreparedVideo prepared = pipeline.narrate(request, work, listener, cancel);
        onVoice.accept(prepared);
        VideoOutputs made = pipeline.subtitlesAndVideo(prepared, work, listener, cancel, segments);
        cancel.throwIfCancelled();
        return made;
    }

    /** The voice of each speaker the spec names, loaded on first use. */
    private Map<String, Cast.Voicing> speakerVoices(JobSpec spec) {
        Map<String, Cast.Voicing> cast = new HashMap<>();
        spec.reading().speakers().forEach((name, speaker) ->
                cast.put(name, new Cast.Voicing(voices.voice(speaker.voiceId()), speaker.speech())));
        return cast;
    }

    /** A captions job: fetches the video, then burns the cues onto it, in {@code work}. */
    public CaptionBurner.Burned captions(CaptionsSpec spec, Path work, ProgressListener listener, CancelSignal cancel) {
        Path video = listener.timed(Stage.DOWNLOADING, () -> {
            try {
                return fetch(spec.video(), work.resolve("input-video"), limits.maxVideoBytes(), "video_url", cancel,
                        f -> listener.progress(Stage.DOWNLOADING, f));
            } catch (NarratorException e) {
                throw asCallerError(e);
            }
        });
        cancel.throwIfCancelled();
        RenderSpec.Encoding encoding = new RenderSpec.Encoding(defaults.encoder(), defaults.x264Preset(),
                spec.quality() == null ? defaults.crf() : spec.quality().crf(), RenderSpec.Encoding.DEFAULT.nvencPreset(),
                spec.quality() == null ? RenderSpec.Encoding.DEFAULT.nvencCq() : spec.quality().crf(), defaults.threads());
        CaptionBurner.Burned burned = burner.burn(new CaptionRequest(video, spec.cues(), spec.size(), spec.fps(), encoding,
                spec.format()), work, listener, cancel);
        cancel.throwIfCancelled();
        return burned;
    }

    /**
     * A download the video's server refused for good (a 4xx other than 408 and 429: not there, not allowed), or
     * that the address policy refused, is a mistake in the request: INVALID_REQUEST, which a retry cannot fix,
     * where a network failure, a 5xx or a timeout stays DOWNLOAD_FAILED, which one may.
     */
    static NarratorException asCallerError(NarratorException e) {
        Object reason = e.details().get("reason");
        Object status = e.details().get("status");
        boolean refused = "http_status".equals(reason) && status instanceof Integer code && code / 100 == 4
                && code != 408 && code != 429;
        if (e.code() != ErrorCode.DOWNLOAD_FAILED || !(refused || "private_address".equals(reason)
                || "redirects".equals(reason))) {
            return e;
        }
        return new NarratorException(ErrorCode.INVALID_REQUEST, e.getMessage(), Map.of("field", "video_url"), e);
    }

    private record Inputs(Path base, Path music, Path voiceover, List<Scene> scenes) {
    }

    /**
     * Each input present is an equal share of the stage's progress, reported as its bytes arrive.
     * Scenes' media come under the same download rules (size limit, private addresses, buckets) as
     * the base video, named by their place ("scenes[2]").
     */
    private Inputs fetchInputs(JobSpec spec, Path work, ProgressListener listener, CancelSignal cancel) {
        List<InputRef> inputs = new java.util.ArrayList<>(java.util.Arrays.asList(spec.base(), spec.music(),
                spec.voiceover()));
        spec.scenes().forEach(scene -> inputs.add(scene.media()));
        long count = inputs.stream().filter(java.util.Objects::nonNull).count();
        DoubleConsumer[] shares = new DoubleConsumer[inputs.size()];
        int before = 0;
        for (int i = 0; i < inputs.size(); i++) {
            int done = before;
            shares[i] = f -> listener.progress(Stage.DOWNLOADING, (done + f) / Math.max(1, count));
            before += inputs.get(i) == null ? 0 : 1;
        }
        // The cancel signal stops a download mid-way, so a cancel, timeout or shutdown never waits for it.
        Path base = fetch(spec.base(), work.resolve("input-base"), limits.maxVideoBytes(), "base_video_url", cancel,
                shares[0]);
        cancel.throwIfCancelled();
        Path music = fetch(spec.music(), work.resolve("input-music"), limits.maxAudioBytes(), "bgm_url", cancel,
                shares[1]);
        cancel.throwIfCancelled();
        Path voiceover = fetch(spec.voiceover(), work.resolve("input-voiceover"), limits.maxAudioBytes(),
                "voiceover_url", cancel, shares[2]);
        List<Scene> scenes = new java.util.ArrayList<>();
        for (int i = 0; i < spec.scenes().size(); i++) {
            cancel.throwIfCancelled();
            SceneRef scene = spec.scenes().get(i);
            scenes.add(new Scene(fetch(scene.media(), work.resolve("input-scene-" + i), limits.maxVideoBytes(),
                    "scenes[" + i + "]", cancel, shares[3 + i]), scene.options()));
        }
        return new Inputs(base, music, voiceover, scenes);
    }

    private Path fetch(InputRef input, Path dest, long maxBytes, String role, CancelSignal cancel,
                       DoubleConsumer onProgress) {
        if (input == null) {
            return null;
        }
        if (input instanceof InputRef.LocalFile local) {
            if (!Files.isRegularFile(local.path())) {
                throw new NarratorException(ErrorCode.INVALID_REQUEST, role + ": no such file " + local.path());
            }
            return local.path().toAbsolutePath();
        }
        return downloader.fetch(((InputRef.Remote) input).url(), dest, maxBytes, role, cancel, onProgress);
    }
}
