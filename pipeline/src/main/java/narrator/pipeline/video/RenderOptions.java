package narrator.pipeline.video;

import narrator.pipeline.render.Encoder;
import narrator.pipeline.render.Fit;
import narrator.pipeline.render.Loudness;

/** How to encode and mix: service defaults with the request's overrides applied. */
public record RenderOptions(
        Fit fit,
        boolean imageZoom,
        double musicVolume,
        Loudness loudness,
        double tailSeconds,
        Encoder encoder,
        String x264Preset,
        int crf,
        int threads) {

    public static final RenderOptions DEFAULT = new RenderOptions(Fit.CROP, false, 0.2, Loudness.STREAMING, 0.5,
            Encoder.LIBX264, "veryfast", 23, 2);

    public RenderOptions withFit(Fit newFit) {
        return new RenderOptions(newFit, imageZoom, musicVolume, loudness, tailSeconds, encoder, x264Preset, crf, threads);
    }

    public RenderOptions withImageZoom(boolean zoom) {
        return new RenderOptions(fit, zoom, musicVolume, loudness, tailSeconds, encoder, x264Preset, crf, threads);
    }

    public RenderOptions withMusicVolume(double volume) {
        return new RenderOptions(fit, imageZoom, volume, loudness, tailSeconds, encoder, x264Preset, crf, threads);
    }
}
