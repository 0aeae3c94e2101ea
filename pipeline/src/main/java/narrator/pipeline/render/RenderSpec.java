package narrator.pipeline.render;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;

/**
 * Everything one render needs, already resolved: inputs probed, encoder chosen, numbers checked. The
 * voice's length comes from its sample count, never from probing, so the output is exactly
 * {@code voiceSeconds + tailSeconds} long. Build with {@link #builder}; change with {@link #toBuilder}.
 *
 * @param music        background music, looped when short; null for none
 * @param musicVolume  music gain before mixing, relative to the voice (1 = as loud as recorded)
 * @param loudnorm     level with FFmpeg's dynamic {@code loudnorm} instead of a measured static gain
 *                     (the fallback; see {@link LoudnessLeveler})
 * @param gainDb       the static gain that brings this mix to {@code loudness}, from {@link LoudnessLeveler};
 *                     ignored with {@code loudnorm}
 * @param subtitles    ASS file burned into the picture; null for none
 * @param fontsDir     extra fonts for the subtitles; null for the system's fonts
 * @param threads      encoder threads; the VPS has one or two cores to share with the JVM
 */
public record RenderSpec(
        Path voiceWav,
        double voiceSeconds,
        double tailSeconds,
        BaseMedia base,
        Fit fit,
        boolean imageZoom,
        Path music,
        double musicVolume,
        boolean ducking,
        double musicFadeInSeconds,
        double musicFadeOutSeconds,
        Loudness loudness,
        boolean loudnorm,
        double gainDb,
        Path subtitles,
        Path fontsDir,
        VideoSize size,
        int fps,
        Encoder encoder,
        String x264Preset,
        int crf,
        String nvencPreset,
        int nvencCq,
        int threads,
        Path output) {

    static final Set<String> X264_PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow");
    static final Set<String> NVENC_PRESETS = Set.of("p1", "p2", "p3", "p4", "p5", "p6", "p7");

    public RenderSpec {
        Objects.requireNonNull(voiceWav, "voiceWav");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(loudness, "loudness");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(output, "output");
        check(voiceSeconds > 0, "voice duration must be positive");
        check(tailSeconds >= 0 && tailSeconds <= 30, "tail must be between 0 and 30 seconds");
        check(musicVolume >= 0 && musicVolume <= 4, "music volume must be between 0 and 4");
        check(musicFadeInSeconds >= 0 && musicFadeOutSeconds >= 0, "music fades must not be negative");
        check(Double.isFinite(gainDb), "gain must be a finite number of dB");
        check(fps >= 1 && fps <= 120, "fps must be between 1 and 120");
        check(X264_PRESETS.contains(x264Preset), "unknown x264 preset '" + x264Preset + "'");
        check(crf >= 0 && crf <= 51, "crf must be between 0 and 51");
        check(NVENC_PRESETS.contains(nvencPreset), "unknown NVENC preset '" + nvencPreset + "'");
        check(nvencCq >= 0 && nvencCq <= 51, "NVENC cq must be between 0 and 51");
        check(threads >= 0 && threads <= 64, "threads must be between 0 and 64");
    }

    /** Output length: the voice plus its tail of silence. */
    public double totalSeconds() {
        return voiceSeconds + tailSeconds;
    }

    public RenderSpec withEncoder(Encoder newEncoder) {
        return toBuilder().encoder(newEncoder).build();
    }

    /** Defaults: no base, no music, no subtitles, 1080x1920 at 30 fps, libx264 veryfast crf 23, -14 LUFS. */
    public static Builder builder(Path voiceWav, double voiceSeconds, Path output) {
        return new Builder(voiceWav, voiceSeconds, output);
    }

    public Builder toBuilder() {
        Builder b = new Builder(voiceWav, voiceSeconds, output);
        b.tailSeconds = tailSeconds;
        b.base = base;
        b.fit = fit;
        b.imageZoom = imageZoom;
        b.music = music;
        b.musicVolume = musicVolume;
        b.ducking = ducking;
        b.musicFadeInSeconds = musicFadeInSeconds;
        b.musicFadeOutSeconds = musicFadeOutSeconds;
        b.loudness = loudness;
        b.loudnorm = loudnorm;
        b.gainDb = gainDb;
        b.subtitles = subtitles;
        b.fontsDir = fontsDir;
        b.size = size;
        b.fps = fps;
        b.encoder = encoder;
        b.x264Preset = x264Preset;
        b.crf = crf;
        b.nvencPreset = nvencPreset;
        b.nvencCq = nvencCq;
        b.threads = threads;
        return b;
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, message);
        }
    }

    public static final class Builder {
        private final Path voiceWav;
        private final double voiceSeconds;
        private final Path output;
        private double tailSeconds = 0.5;
        private BaseMedia base = BaseMedia.none();
        private Fit fit = Fit.CROP;
        private boolean imageZoom;
        private Path music;
        private double musicVolume = 0.2;
        private boolean ducking = true;
        private double musicFadeInSeconds = 1.5;
        private double musicFadeOutSeconds = 2.0;
        private Loudness loudness = Loudness.STREAMING;
        private boolean loudnorm;
        private double gainDb;
        private Path subtitles;
        private Path fontsDir;
        private VideoSize size = VideoSize.PORTRAIT;
        private int fps = 30;
        private Encoder encoder = Encoder.LIBX264;
        private String x264Preset = "veryfast";
        private int crf = 23;
        private String nvencPreset = "p4";
        private int nvencCq = 23;
        private int threads = 2;

        private Builder(Path voiceWav, double voiceSeconds, Path output) {
            this.voiceWav = voiceWav;
            this.voiceSeconds = voiceSeconds;
            this.output = output;
        }

        public Builder tailSeconds(double value) {
            tailSeconds = value;
            return this;
        }

        public Builder base(BaseMedia value) {
            base = value;
            return this;
        }

        public Builder fit(Fit value) {
            fit = value;
            return this;
        }

        public Builder imageZoom(boolean value) {
            imageZoom = value;
            return this;
        }

        public Builder music(Path value) {
            music = value;
            return this;
        }

        public Builder musicVolume(double value) {
            musicVolume = value;
            return this;
        }

        public Builder ducking(boolean value) {
            ducking = value;
            return this;
        }

        public Builder musicFades(double inSeconds, double outSeconds) {
            musicFadeInSeconds = inSeconds;
            musicFadeOutSeconds = outSeconds;
            return this;
        }

        public Builder loudness(Loudness value) {
            loudness = value;
            return this;
        }

        public Builder loudnorm(boolean value) {
            loudnorm = value;
            return this;
        }

        public Builder gainDb(double value) {
            gainDb = value;
            return this;
        }

        public Builder subtitles(Path value) {
            subtitles = value;
            return this;
        }

        public Builder fontsDir(Path value) {
            fontsDir = value;
            return this;
        }

        public Builder size(VideoSize value) {
            size = value;
            return this;
        }

        public Builder fps(int value) {
            fps = value;
            return this;
        }

        public Builder encoder(Encoder value) {
            encoder = value;
            return this;
        }

        public Builder x264(String preset, int crfValue) {
            x264Preset = preset;
            crf = crfValue;
            return this;
        }

        public Builder nvenc(String preset, int cq) {
            nvencPreset = preset;
            nvencCq = cq;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public RenderSpec build() {
            return new RenderSpec(voiceWav, voiceSeconds, tailSeconds, base, fit, imageZoom, music, musicVolume,
                    ducking, musicFadeInSeconds, musicFadeOutSeconds, loudness, loudnorm, gainDb, subtitles, fontsDir, size, fps,
                    encoder, x264Preset, crf, nvencPreset, nvencCq, threads, output);
        }
    }
}
