package narrator.pipeline.video;

import narrator.pipeline.CancelSignal;
import narrator.pipeline.Narration;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Sentence;
import narrator.pipeline.SpokenSentence;
import narrator.pipeline.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.align.AlignmentFallback;
import narrator.pipeline.align.VoiceoverAligner;
import narrator.pipeline.narration.Cast;
import narrator.pipeline.narration.NarrationBuilder;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.render.FfmpegCommand;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.LocalSegmentExecutor;
import narrator.pipeline.render.MediaInfo;
import narrator.pipeline.render.MediaProbe;
import narrator.pipeline.render.RenderResult;
import narrator.pipeline.render.RenderSpec;
import narrator.pipeline.render.Renderer;
import narrator.pipeline.render.SceneTimeline;
import narrator.pipeline.render.Segment;
import narrator.pipeline.render.SegmentExecutor;
import narrator.pipeline.render.SegmentPlan;
import narrator.pipeline.render.SegmentPlanner;
import narrator.pipeline.render.SegmentRenderer;
import narrator.pipeline.render.Thumbnailer;
import narrator.pipeline.script.ScriptMarkup;
import narrator.pipeline.scenes.PlacedScene;
import narrator.pipeline.scenes.Scene;
import narrator.pipeline.scenes.SceneAssigner;
import narrator.pipeline.scenes.SceneFrames;
import narrator.pipeline.script.ScriptSplitter;
import narrator.pipeline.subtitles.AssWriter;
import narrator.pipeline.subtitles.Cue;
import narrator.pipeline.subtitles.SrtWriter;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.pipeline.subtitles.SubtitleTimeline;
import narrator.pipeline.subtitles.VttWriter;

/**
 * The product's main job, stage by stage: script to sentences, sentences to one voice track with
 * sample-exact timing (or the caller's recording with the script aligned to it), timing to subtitles,
 * then one FFmpeg pass mixing, burning and encoding (or, for a long video, segments encoded on their own
 * and joined, see {@link SegmentPlanner}), and a thumbnail. Inputs are probed first so bad
 * media fails before any speech is synthesized. With scenes, the script decides where each starts and
 * the picture changes on those sentences. All files are written into the caller's work directory; the
 * caller owns its cleanup.
 */
public final class VideoPipeline {
    private static final Duration CONVERT_TIMEOUT = Duration.ofMinutes(5);

    private final ScriptSplitter splitter;
    private final NarrationBuilder narrationBuilder;
    private final FfmpegRunner ffmpeg;
    private final MediaProbe probe;
    private final Renderer renderer;
    private final Thumbnailer thumbnailer;
    private final VoiceoverAligner voiceoverAligner;

    public VideoPipeline(ScriptSplitter splitter, NarrationBuilder narrationBuilder, FfmpegRunner ffmpeg,
                         Renderer renderer, AlignmentFallback alignmentFallback) {
        this.splitter = splitter;
        this.narrationBuilder = narrationBuilder;
        this.ffmpeg = ffmpeg;
        this.probe = new MediaProbe(ffmpeg);
        this.renderer = renderer;
        this.thumbnailer = new Thumbnailer(ffmpeg);
        this.voiceoverAligner = new VoiceoverAligner(alignmentFallback);
    }

    /** Just the voice: {@code voice.wav} in {@code workDir}, with every sentence's place in it. */
    public Narration voiceover(String script, ScriptMarkup markup, Cast cast, Path workDir,
                               ProgressListener listener, CancelSignal cancel) {
        List<Sentence> sentences = sentences(script, markup);
        return listener.timed(Stage.SYNTHESIZING, () -> narrationBuilder.narrate(sentences, cast,
                workDir.resolve("voice.wav"), listener, cancel));
    }

    /** Both phases in one call, for callers that need nothing between them. */
    public VideoOutputs video(VideoRequest request, Path workDir, ProgressListener listener, CancelSignal cancel) {
        return subtitlesAndVideo(narrate(request, workDir, listener, cancel), workDir, listener, cancel);
    }

    /**
     * Phase one: probes the inputs (bad media fails before any speech is made), then writes
     * {@code voice.wav}. The voice can be delivered before the video exists.
     */
    public PreparedVideo narrate(VideoRequest request, Path workDir, ProgressListener listener, CancelSignal cancel) {
        List<Sentence> sentences = sentences(request.script(), request.markup());
        List<Scene> scenes = request.scenes();
        SceneAssigner.Assignment assignment = null;
        if (!scenes.isEmpty()) {
            assignment = new SceneAssigner(text -> request.markup().parse(text).sentences(splitter))
                    .assign(request.script(), scenes.stream().map(Scene::options).toList());
            sentences = assignment.sentences();
        }
        List<BaseMedia> sceneMedia = probeScenes(scenes, cancel);
        BaseMedia base = request.baseMedia() == null ? BaseMedia.none() : probe.probeBase(request.baseMedia(), cancel);
        if (request.music() != null) {
            probe.probeMusic(request.music(), cancel);
        }
        MediaInfo provided = request.providedVoice() == null ? null : probeVoice(request.providedVoice(), cancel);
        cancel.throwIfCancelled();

        Path voiceWav = workDir.resolve("voice.wav");
        List<Sentence> spokenSentences = sentences;
        if (provided != null) {
            // The caller's recording is the voice: the script is spoken only to be aligned to it.
            VoiceoverAligner.Aligned aligned = listener.timed(Stage.SYNTHESIZING, () -> adoptProvidedVoice(spokenSentences,
                    request.voice().info().language(), request.providedVoice(), provided, voiceWav, cancel));
            return new PreparedVideo(request, base, aligned.narration(), placed(assignment, scenes, sceneMedia,
                    aligned.narration()), Optional.of(aligned.report()));
        }
        Narration narration = listener.timed(Stage.SYNTHESIZING, () -> narrationBuilder.narrate(spokenSentences,
                request.cast(), voiceWav, listener, cancel));
        return new PreparedVideo(request, base, narration, placed(assignment, scenes, sceneMedia, narration),
                Optional.empty());
    }

    /** Each scene with its media and the sample its first spoken sentence starts at; none without scenes. */
    private static List<PlacedScene> placed(SceneAssigner.Assignment assignment, List<Scene> scenes,
                                            List<BaseMedia> sceneMedia, Narration narration) {
        List<PlacedScene> placed = new ArrayList<>();
        if (assignment != null) {
            List<Long> starts = SceneAssigner.startSamples(assignment, narration.sentences());
            for (int i = 0; i < scenes.size(); i++) {
                placed.add(new PlacedScene(sceneMedia.get(i), scenes.get(i).options(), starts.get(i)));
            }
        }
        return placed;
    }

    /** Every scene's media, probed in order; the first bad one fails naming its scene ("scenes[2]: ..."). */
    private List<BaseMedia> probeScenes(List<Scene> scenes, CancelSignal cancel) {
        List<BaseMedia> media = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            String role = "scenes[" + i + "]";
            Scene scene = scenes.get(i);
            BaseMedia probed = BaseMedia.of(scene.media(), probe.probe(scene.media(), role, cancel), role);
            if (scene.options().clipAudio() && !(probed.kind() == BaseMedia.Kind.VIDEO && probed.info().hasAudio())) {
                throw new NarratorException(ErrorCode.INVALID_MEDIA, role + ": " + scene.media().getFileName()
                        + " has no sound for clip_audio");
            }
            media.add(probed);
        }
        return media;
    }

    /** Phase two, drawing any segments on this machine one at a time. */
    public VideoOutputs subtitlesAndVideo(PreparedVideo prepared, Path workDir, ProgressListener listener, CancelSignal cancel) {
        return subtitlesAndVideo(prepared, workDir, listener, cancel,
                new LocalSegmentExecutor(new SegmentRenderer(ffmpeg, renderer.timeout()), 1));
    }

    /**
     * Phase two: subtitles, the render and the thumbnail. A video of at least two segments of
     * {@link RenderOptions#segmentSeconds} renders in segments drawn by {@code executor}, each with its own
     * subtitle document; a shorter one, or one with scenes, in one pass.
     */
    public VideoOutputs subtitlesAndVideo(PreparedVideo prepared, Path workDir, ProgressListener listener,
                                          CancelSignal cancel, SegmentExecutor executor) {
        VideoRequest request = prepared.request();
        Narration narration = prepared.narration();
        SubtitleStyle style = request.style().resolve(request.size());
        Path ass = workDir.resolve("subs.ass");
        Path srt = workDir.resolve("subs.srt");
        Path vtt = workDir.resolve("subs.vtt");
        List<Cue> cues = listener.timed(Stage.SUBTITLES, () -> {
            List<Cue> made = SubtitleTimeline.build(narration, style, request.captions());
            write(ass, AssWriter.write(made, style, request.size(), request.captions().style()));
            write(srt, SrtWriter.write(made));
            write(vtt, VttWriter.write(made));
            return made;
        });

        RenderOptions options = request.options();
        int fps = RenderSpec.Picture.DEFAULT.fps();
        long frames = FfmpegCommand.frames(narration.durationSeconds() + options.tailSeconds(), fps);
        SceneTimeline scenes = prepared.scenes().isEmpty() ? SceneTimeline.NONE : SceneFrames.timeline(prepared.scenes(),
                narration.sampleRate(), fps, frames);
        RenderSpec spec = RenderSpec.builder(narration.wav(), narration.durationSeconds(), workDir.resolve("final.mp4"))
                .tailSeconds(options.tailSeconds())
                .base(prepared.base())
                .scenes(scenes)
                .fps(fps)
                .fit(options.fit())
                .imageZoom(options.imageZoom())
                .music(request.music())
                .musicVolume(options.musicVolume())
                .loudness(options.loudness())
                .subtitles(ass)
                .size(request.size())
                .encoder(options.encoder())
                .x264(options.x264Preset(), options.crf())
                .threads(options.threads())
                .build();
        // Scenes are drawn by one graph of many inputs that a segment cannot yet seek into: one pass.
        List<SegmentPlanner.Range> plan = scenes.isEmpty() ? SegmentPlanner.plan(narration.sentences().stream()
                .map(SpokenSentence::startSample).toList(), narration.sampleRate(), frames, fps,
                options.segmentSeconds()) : List.of();
        cancel.throwIfCancelled();
        RenderResult result = listener.timed(Stage.RENDERING, () -> plan.isEmpty()
                ? renderer.levelAndEncode(spec, listener, cancel)
                : renderer.levelAndEncodeSegments(spec, segments(plan, cues, style, request, spec, workDir), executor,
                        listener, cancel));

        Optional<Path> thumbnail = listener.timed(Stage.THUMBNAIL, () -> thumbnailer.thumbnail(result.output(),
                spec.totalSeconds(), workDir.resolve("thumbnail.jpg"), cancel));
        return new VideoOutputs(narration.wav(), ass, srt, vtt, result.output(), thumbnail, spec.totalSeconds(),
                result.encodeFps(), prepared.alignment(), result.warnings());
    }

    /**
     * Each planned range as a segment, with its own subtitle document and output file in {@code workDir}; a span of
     * several gets a document of its range, written when asked ({@code subs-FROM-TO.ass}, frames).
     */
    private static SegmentPlan segments(List<SegmentPlanner.Range> plan, List<Cue> cues, SubtitleStyle style,
                                        VideoRequest request, RenderSpec spec, Path workDir) {
        int fps = spec.picture().fps();
        SegmentPlan.SubtitleWindows windows = (start, end) -> {
            Path ass = workDir.resolve(String.format(java.util.Locale.ROOT, "subs-%d-%d.ass", start, end));
            write(ass, AssWriter.write(cues, style, request.size(), request.captions().style(), new AssWriter.Window(
                    SegmentPlanner.centiseconds(start, fps), SegmentPlanner.centiseconds(end, fps))));
            return ass;
        };
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            SegmentPlanner.Range range = plan.get(i);
            String name = String.format(java.util.Locale.ROOT, "segment-%03d", i);
            Path ass = windows.write(range.startFrame(), range.endFrame());
            segments.add(new Segment(i, range.startFrame(), range.endFrame(), spec.toBuilder().subtitles(ass)
                    .output(workDir.resolve(name + ".mp4")).build()));
        }
        return new SegmentPlan(segments, windows);
    }

    private List<Sentence> sentences(String script, ScriptMarkup markup) {
        List<Sentence> sentences = markup.parse(script).sentences(splitter);
        if (sentences.isEmpty()) {
            throw new NarratorException(ErrorCode.INVALID_TEXT,
                    "The script has nothing a voice can speak (only whitespace, punctuation, symbols or emoji)");
        }
        return sentences;
    }

    private MediaInfo probeVoice(Path file, CancelSignal cancel) {
        MediaInfo info = probe.probe(file, "voiceover", cancel);
        if (!info.hasAudio() || !(info.durationSeconds() > 0)) {
            throw new NarratorException(ErrorCode.INVALID_MEDIA, "voiceover: " + file.getFileName()
                    + " has no audio to use as the voice");
        }
        return info;
    }

    /**
     * The caller's recording becomes {@code voice.wav} (mono 16-bit at the aligner's rate, so the stored
     * file is what its name says), and the script is aligned to it.
     */
    private VoiceoverAligner.Aligned adoptProvidedVoice(List<Sentence> sentences, String language, Path provided,
                                                        MediaInfo info, Path voiceWav, CancelSignal cancel) {
        ffmpeg.run(FfmpegCommand.monoPcmWav(provided, VoiceoverAligner.SAMPLE_RATE, voiceWav), CONVERT_TIMEOUT, cancel);
        if (pcmSamples(voiceWav) <= 0) {
            throw new NarratorException(ErrorCode.INVALID_MEDIA, "voiceover: " + provided.getFileName()
                    + " decoded to no audio (probed " + info.durationSeconds() + " s)");
        }
        cancel.throwIfCancelled();
        return voiceoverAligner.align(sentences, language, voiceWav);
    }

    /** Sample count of a bit-exact 16-bit mono WAV as FFmpeg writes it: a 44-byte header, then data. */
    private static long pcmSamples(Path wav) {
        try {
            return (Files.size(wav) - 44) / 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
