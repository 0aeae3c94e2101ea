package narrator.app.service;

import java.util.Optional;
import java.util.Set;
import narrator.app.config.Settings;
import narrator.app.download.AddressPolicy;
import narrator.app.download.Downloader;
import narrator.app.segments.SegmentDrawer;
import narrator.app.spec.JobSpecCodec;
import narrator.app.spec.JobSpecs;
import narrator.app.storage.LocalObjectStore;
import narrator.app.storage.ObjectStore;
import narrator.app.storage.S3ObjectStore;
import narrator.pipeline.video.CaptionBurner;
import narrator.pipeline.video.RenderOptions;
import narrator.pipeline.video.VideoPipeline;
import narrator.pipeline.narration.NarrationBuilder;
import narrator.pipeline.narration.SpeechCache;
import narrator.pipeline.render.Encoder;
import narrator.pipeline.render.EncoderDetector;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.LocalSegmentExecutor;
import narrator.pipeline.render.Renderer;
import narrator.pipeline.render.SegmentExecutor;
import narrator.pipeline.render.SegmentRenderer;
import narrator.pipeline.script.Lexicon;
import narrator.pipeline.script.ScriptSplitter;
import narrator.pipeline.script.SplitRules;
import narrator.tts.catalogue.VoiceCatalogue;

/**
 * The parts every command is made of, built once from the settings: voice catalogue, FFmpeg runner,
 * encoder detection, object store, downloader, pipeline, and the job spec rules. {@code serve},
 * {@code render}, {@code demo} and {@code bench} all start here, so they cannot drift apart. Closing
 * it closes the voices and the store.
 */
public final class Assembly implements AutoCloseable {
    private final Settings settings;
    private final VoiceCatalogue voices;
    private final FfmpegRunner ffmpeg = new FfmpegRunner();
    private final Optional<LocalObjectStore> localFiles;
    private final ObjectStore store;
    private final AddressPolicy addresses;
    private final Downloader downloader;
    private final VideoPipeline pipeline;
    private final JobSpecs specs;
    private final LexiconFile lexicon;
    private Encoder encoder;

    /** {@code port} is the one file links point at (local storage), chosen before the server starts. */
    public Assembly(Settings settings, int port) {
        this.settings = settings;
        this.localFiles = settings.s3().isPresent() ? Optional.empty() : Optional.of(new LocalObjectStore(
                settings.server().dataDir().resolve("storage"), settings.server().publicBaseUrl(port)));
        // The one place that chooses the store: S3 when its settings are there, local disk otherwise.
        this.store = settings.s3().<ObjectStore>map(S3ObjectStore::new).orElseGet(localFiles::orElseThrow);
        this.voices = new VoiceCatalogue(settings.tts());
        this.addresses = new AddressPolicy(settings.inputs().allowPrivateUrls(), Set.of());
        this.downloader = new Downloader(store, addresses, settings.inputs().downloadTimeout());
        SpeechCache cache = new SpeechCache(settings.server().dataDir().resolve("cache").resolve("speech"),
                settings.speech().cacheBytes());
        this.pipeline = new VideoPipeline(new ScriptSplitter(SplitRules.DEFAULT),
                new NarrationBuilder(cache, settings.speech().pauses()), ffmpeg,
                new Renderer(ffmpeg, settings.queue().jobTimeout()), settings.render().alignmentFallback());
        this.lexicon = new LexiconFile(settings.speech().lexiconFile().orElse(null));
        this.specs = new JobSpecs(new JobSpecs.Defaults(settings.inputs().maxScriptChars(),
                settings.render().defaultSize(), settings.render().fit(), settings.render().musicVolume()),
                new JobSpecs.Voices(voices::describe, voices::frontEnd, voices::defaultVoiceId, lexicon));
    }

    public Settings settings() {
        return settings;
    }

    public VoiceCatalogue voices() {
        return voices;
    }

    public FfmpegRunner ffmpeg() {
        return ffmpeg;
    }

    public ObjectStore store() {
        return store;
    }

    /** The store when it is local disk: the API serves its files. */
    public Optional<LocalObjectStore> localFiles() {
        return localFiles;
    }

    public AddressPolicy addresses() {
        return addresses;
    }

    public Downloader downloader() {
        return downloader;
    }

    public VideoPipeline pipeline() {
        return pipeline;
    }

    /** What a job request is checked against and filled in with, for the API and the command line alike. */
    public JobSpecs specs() {
        return specs;
    }

    /** The service-wide lexicon ({@code LEXICON_FILE}) as it is now. */
    public Lexicon lexicon() {
        return lexicon.get();
    }

    public JobSpecCodec codec() {
        return new JobSpecCodec(specs.defaults(), voices::defaultVoiceId);
    }

    /** The encoder {@code VIDEO_ENCODER} asks for, probed once on first use. */
    public synchronized Encoder encoder() {
        if (encoder == null) {
            encoder = encoder(settings.render().encoder().name());
        }
        return encoder;
    }

    /** The encoder {@code choice} ({@code auto}, {@code libx264}, {@code nvenc}) gives on this machine. */
    public Encoder encoder(String choice) {
        return new EncoderDetector(ffmpeg).detect(choice.toLowerCase(java.util.Locale.ROOT));
    }

    /** Draws one segment of a segmented render on this machine, each within JOB_TIMEOUT. */
    public SegmentDrawer segmentDrawer() {
        return new SegmentRenderer(ffmpeg, settings.queue().jobTimeout())::render;
    }

    /** Draws a job's segments on this machine alone, {@code parallelism} at once, with no manifest (the command line). */
    public SegmentExecutor localSegments(int parallelism) {
        return new LocalSegmentExecutor(new SegmentRenderer(ffmpeg, settings.queue().jobTimeout()), parallelism);
    }

    /** Runs job specs with the service's render defaults and {@code encoder}. */
    public JobRunner runner(Encoder encoder) {
        return new JobRunner(voices, lexicon, pipeline, new CaptionBurner(ffmpeg, settings.queue().jobTimeout()),
                downloader, settings.inputs(), defaultOptions(encoder));
    }

    /** The service-wide render defaults; a job sets fit, zoom and music volume over them. */
    RenderOptions defaultOptions(Encoder encoder) {
        Settings.Render render = settings.render();
        return new RenderOptions(render.fit(), false, render.musicVolume(), render.loudness(),
                RenderOptions.DEFAULT.tailSeconds(), encoder, render.x264Preset(), render.crf(), render.ffmpegThreads(),
                render.segmentSeconds());
    }

    @Override
    public void close() {
        voices.close();
        store.close();
    }
}
