package narrator.app.segments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.render.ClipFit;
import narrator.pipeline.render.Encoder;
import narrator.pipeline.render.Fit;
import narrator.pipeline.render.MediaInfo;
import narrator.pipeline.render.Motion;
import narrator.pipeline.render.RenderSpec;
import narrator.pipeline.render.SceneTimeline;
import narrator.pipeline.render.Segment;

/**
 * A segment as the manifest's {@code spec_json}: everything its picture needs, with every file (base media, scene
 * media, the segment's subtitles) named by a reference the caller chooses instead of a path. The job's node
 * writes it with content hashes as references (so the text is also what the segment's fingerprint is taken of),
 * and a worker of another node reads it back with the files it fetched. The audio is not in it: a segment is
 * picture only.
 */
final class SegmentSpecCodec {
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** {@code reference} names each file the segment reads. */
    String write(Segment segment, Function<Path, String> reference) {
        RenderSpec spec = segment.spec();
        RenderSpec.Picture picture = spec.picture();
        RenderSpec.Encoding encoding = spec.encoding();
        List<SceneJson> scenes = picture.scenes().scenes().stream().map(scene -> new SceneJson(
                media(scene.media(), reference), scene.start(), scene.end(), scene.motion().name(), scene.fadeFrames(),
                scene.clipFit().name(), scene.clipAudio())).toList();
        SpecJson value = new SpecJson(segment.index(), segment.startFrame(), segment.endFrame(), spec.voiceSeconds(),
                spec.tailSeconds(), media(picture.base(), reference), picture.fit().name(), picture.imageZoom(),
                picture.subtitles() == null ? null : reference.apply(picture.subtitles()), picture.size().width(),
                picture.size().height(), picture.fps(), picture.scenes().fps(), scenes, encoding.encoder().name(),
                encoding.x264Preset(), encoding.crf(), encoding.nvencPreset(), encoding.nvencCq(), encoding.threads());
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "cannot encode segment " + segment.index(), e);
        }
    }

    /** Every file reference in {@code text}, in order, each once. */
    List<String> references(String text) {
        SpecJson value = read(text);
        java.util.LinkedHashSet<String> refs = new java.util.LinkedHashSet<>();
        if (value.base() != null) {
            refs.add(value.base().ref());
        }
        value.scenes().forEach(scene -> refs.add(scene.media().ref()));
        if (value.subtitles() != null) {
            refs.add(value.subtitles());
        }
        return List.copyOf(refs);
    }

    /**
     * The segment {@code text} describes, reading each file where {@code file} puts its reference and drawing into
     * {@code output}. {@code voiceWav} is never read (a segment is picture only) but a spec must name one.
     */
    Segment read(String text, Function<String, Path> file, Path voiceWav, Path output) {
        SpecJson value = read(text);
        List<SceneTimeline.Scene> scenes = value.scenes().stream().map(scene -> new SceneTimeline.Scene(
                media(scene.media(), file), scene.start(), scene.end(), Motion.valueOf(scene.motion()),
                scene.fadeFrames(), ClipFit.valueOf(scene.clipFit()), scene.clipAudio())).toList();
        RenderSpec spec = RenderSpec.builder(voiceWav, value.voiceSeconds(), output)
                .tailSeconds(value.tailSeconds())
                .base(value.base() == null ? BaseMedia.none() : media(value.base(), file))
                .fit(Fit.valueOf(value.fit()))
                .imageZoom(value.imageZoom())
                .subtitles(value.subtitles() == null ? null : file.apply(value.subtitles()))
                .size(new VideoSize(value.width(), value.height()))
                .fps(value.fps())
                .scenes(scenes.isEmpty() ? SceneTimeline.NONE : new SceneTimeline(value.scenesFps(), scenes))
                .encoding(new RenderSpec.Encoding(Encoder.valueOf(value.encoder()), value.x264Preset(), value.crf(),
                        value.nvencPreset(), value.nvencCq(), value.threads()))
                .build();
        return new Segment(value.index(), value.startFrame(), value.endFrame(), spec);
    }

    private SpecJson read(String text) {
        try {
            return json.readValue(text, SpecJson.class);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "a stored segment is unreadable", e);
        }
    }

    private static MediaJson media(BaseMedia media, Function<Path, String> reference) {
        if (media.kind() == BaseMedia.Kind.NONE) {
            return null;
        }
        MediaInfo info = media.info();
        return new MediaJson(media.kind().name(), reference.apply(media.path()), info.hasVideo(), info.hasAudio(),
                info.isStillImage(), info.durationSeconds(), info.width(), info.height());
    }

    private static BaseMedia media(MediaJson media, Function<String, Path> file) {
        return new BaseMedia(BaseMedia.Kind.valueOf(media.kind()), file.apply(media.ref()), new MediaInfo(
                media.hasVideo(), media.hasAudio(), media.stillImage(), media.durationSeconds(), media.width(),
                media.height()));
    }

    private record MediaJson(String kind, String ref, boolean hasVideo, boolean hasAudio, boolean stillImage,
                             double durationSeconds, int width, int height) {
    }

    private record SceneJson(MediaJson media, long start, long end, String motion, int fadeFrames, String clipFit,
                             boolean clipAudio) {
    }

    private record SpecJson(int index, long startFrame, long endFrame, double voiceSeconds, double tailSeconds,
                            MediaJson base, String fit, boolean imageZoom, String subtitles, int width, int height,
                            int fps, int scenesFps, List<SceneJson> scenes, String encoder, String x264Preset, int crf,
                            String nvencPreset, int nvencCq, int threads) {
        SpecJson {
            scenes = scenes == null ? List.of() : scenes;
        }
    }
}
