package narrator.pipeline.video;

import narrator.pipeline.render.Encoder;
import narrator.pipeline.render.Fit;
import narrator.pipeline.render.Loudness;
import narrator.pipeline.render.RenderSpec;

/**
 * How to encode and mix: service defaults with the request's overrides applied. {@link #DEFAULT} is
 * made of {@link RenderSpec}'s part defaults, the one place those values live.
 *
 * @param segmentSeconds about how long each segment of a segmented render is; 0 renders every video in one
 *                       pass (the default)
 */
public record RenderOptions(
        Fit fit,
        boolean imageZoom,
        double musicVolume,
        Loudness loudness,
        double tailSeconds,
        Encoder encoder,
        String x264Preset,
        int crf,
        int threads,
        double segmentSeconds) {

    public RenderOptions {
        RenderSpec.check(segmentSeconds >= 0, "segment length must not be negative");
    }

    public static final RenderOptions DEFAULT = new RenderOptions(RenderSpec.Picture.DEFAULT.fit(),
            RenderSpec.Picture.DEFAULT.imageZoom(), RenderSpec.Audio.DEFAULT.musicVolume(),
            RenderSpec.Audio.DEFAULT.leveling().target(), RenderSpec.DEFAULT_TAIL_SECONDS,
            RenderSpec.Encoding.DEFAULT.encoder(), RenderSpec.Encoding.DEFAULT.x264Preset(),
            RenderSpec.Encoding.DEFAULT.crf(), RenderSpec.Encoding.DEFAULT.threads(), 0);

    public RenderOptions withFit(Fit newFit) {
        return new RenderOptions(newFit, imageZoom, musicVolume, loudness, tailSeconds, encoder, x264Preset, crf, threads, segmentSeconds);
    }

    public RenderOptions withImageZoom(boolean zoom) {
        return new RenderOptions(fit, zoom, musicVolume, loudness, tailSeconds, encoder, x264Preset, crf, threads, segmentSeconds);
    }

    public RenderOptions withMusicVolume(double volume) {
        return new RenderOptions(fit, imageZoom, volume, loudness, tailSeconds, encoder, x264Preset, crf, threads, segmentSeconds);
    }

    public RenderOptions withSegmentSeconds(double seconds) {
        return new RenderOptions(fit, imageZoom, musicVolume, loudness, tailSeconds, encoder, x264Preset, crf, threads,
                seconds);
    }
}
