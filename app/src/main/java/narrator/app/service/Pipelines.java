package narrator.app.service;

import narrator.app.config.Settings;
import narrator.app.spec.JobSpecs;
import narrator.pipeline.RenderOptions;
import narrator.pipeline.VideoPipeline;
import narrator.pipeline.narration.NarrationBuilder;
import narrator.pipeline.narration.SpeechCache;
import narrator.pipeline.render.Encoder;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.Renderer;
import narrator.pipeline.script.ScriptSplitter;
import narrator.pipeline.script.SplitRules;
import narrator.tts.VoiceCatalogue;

/** Builds the pipeline and its default render options from the settings, the same for the service and the CLI. */
public final class Pipelines {
    private Pipelines() {
    }

    public static VideoPipeline build(Settings settings, FfmpegRunner ffmpeg) {
        SpeechCache cache = new SpeechCache(settings.server().dataDir().resolve("cache").resolve("speech"),
                settings.speech().cacheBytes());
        return new VideoPipeline(new ScriptSplitter(SplitRules.DEFAULT),
                new NarrationBuilder(cache, settings.speech().pauses()), ffmpeg,
                new Renderer(ffmpeg, settings.queue().jobTimeout()));
    }

    /** What a job request gets checked against and filled in with, for the API and the command line alike. */
    public static JobSpecs specs(Settings settings, VoiceCatalogue voices) {
        return new JobSpecs(new JobSpecs.Defaults(settings.inputs().maxScriptChars(), settings.render().defaultSize(),
                settings.render().fit(), settings.render().musicVolume()), voices::describe, voices::defaultVoiceId);
    }

    /** The service-wide render defaults; a request may override fit, zoom and music volume. */
    public static RenderOptions defaultOptions(Settings settings, Encoder encoder) {
        Settings.Render render = settings.render();
        return new RenderOptions(render.fit(), false, render.musicVolume(), render.loudness(),
                RenderOptions.DEFAULT.tailSeconds(), encoder, render.x264Preset(), render.crf(), render.ffmpegThreads());
    }
}
