package narrator.pipeline.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;

/**
 * Everything one render needs, already resolved: inputs probed, encoder chosen, numbers checked. The
 * voice's length comes from its sample count, never from probing, so the output is exactly
 * {@code voiceSeconds + tailSeconds} long. The rest comes in three parts: the {@link Picture}, the
 * {@link Audio} mix and the {@link Encoding}; each part's {@code DEFAULT} is the one place its default
 * values live (the service's settings start from them too). Build with {@link #builder}; change with
 * {@link #toBuilder}.
 */
public record RenderSpec(Path voiceWav, double voiceSeconds, double tailSeconds, Picture picture, Audio audio,
                         Encoding encoding, Path output) {

    /** Silence after the voice, so the video does not end on its last syllable. */
    public static final double DEFAULT_TAIL_SECONDS = 0.5;
    /** The x264 presets, fastest first. */
    public static final List<String> X264_PRESETS = List.of("ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow");
    static final Set<String> NVENC_PRESETS = Set.of("p1", "p2", "p3", "p4", "p5", "p6", "p7");

    /**
     * @param base      the picture under the subtitles; {@link BaseMedia#none()} for a plain background
     * @param subtitles ASS file burned into the picture; null for none
     * @param fontsDir  extra fonts for the subtitles; null for the system's fonts
     * @param scenes    the picture scene by scene, at this fps; {@link SceneTimeline#NONE} to use {@code base}
     */
    public record Picture(BaseMedia base, Fit fit, boolean imageZoom, Path subtitles, Path fontsDir, VideoSize size,
                          int fps, SceneTimeline scenes) {
        public static final Picture DEFAULT = new Picture(BaseMedia.none(), Fit.CROP, false, null, null,
                VideoSize.PORTRAIT, 30, SceneTimeline.NONE);

        public Picture {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(fit, "fit");
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(scenes, "scenes");
            check(fps >= 1 && fps <= 120, "fps must be between 1 and 120");
            check(scenes.isEmpty() || (base.kind() == BaseMedia.Kind.NONE && scenes.fps() == fps),
                    "scenes replace the base media and must be timed at the output's fps");
        }
    }

    /**
     * @param music       background music, looped when short; null for none
     * @param musicVolume music gain before mixing, relative to the voice (1 = as loud as recorded)
     * @param leveling    how the mix reaches its loudness target
     */
    public record Audio(Path music, double musicVolume, boolean ducking, double musicFadeInSeconds,
                        double musicFadeOutSeconds, Leveling leveling) {
        public static final Audio DEFAULT = new Audio(null, 0.2, true, 1.5, 2.0,
                new Leveling.Measure(Loudness.STREAMING));

        public Audio {
            Objects.requireNonNull(leveling, "leveling");
            check(musicVolume >= 0 && musicVolume <= 4, "music volume must be between 0 and 4");
            check(musicFadeInSeconds >= 0 && musicFadeOutSeconds >= 0, "music fades must not be negative");
        }
    }

    /** @param threads encoder threads; the VPS has one or two cores to share with the JVM */
    public record Encoding(Encoder encoder, String x264Preset, int crf, String nvencPreset, int nvencCq, int threads) {
        public static final Encoding DEFAULT = new Encoding(Encoder.LIBX264, "veryfast", 23, "p4", 23, 2);

        public Encoding {
            Objects.requireNonNull(encoder, "encoder");
            check(X264_PRESETS.contains(x264Preset), "unknown x264 preset '" + x264Preset + "'");
            check(crf >= 0 && crf <= 51, "crf must be between 0 and 51");
            check(NVENC_PRESETS.contains(nvencPreset), "unknown NVENC preset '" + nvencPreset + "'");
            check(nvencCq >= 0 && nvencCq <= 51, "NVENC cq must be between 0 and 51");
            check(threads >= 0 && threads <= 64, "threads must be between 0 and 64");
        }

        public Encoding withEncoder(Encoder newEncoder) {
            return new Encoding(newEncoder, x264Preset, crf, nvencPreset, nvencCq, threads);
        }
    }

    public RenderSpec {
        Objects.requireNonNull(voiceWav, "voiceWav");
        Objects.requireNonNull(picture, "picture");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(output, "output");
        check(voiceSeconds > 0, "voice duration must be positive");
        check(tailSeconds >= 0 && tailSeconds <= 30, "tail must be between 0 and 30 seconds");
    }

    /** Output length: the voice plus its tail of silence. */
    public double totalSeconds() {
        return voiceSeconds + tailSeconds;
    }

    public RenderSpec withEncoder(Encoder newEncoder) {
        return new RenderSpec(voiceWav, voiceSeconds, tailSeconds, picture, audio, encoding.withEncoder(newEncoder),
                output);
    }

    public RenderSpec withLeveling(Leveling leveling) {
        return new RenderSpec(voiceWav, voiceSeconds, tailSeconds, picture, new Audio(audio.music(),
                audio.musicVolume(), audio.ducking(), audio.musicFadeInSeconds(), audio.musicFadeOutSeconds(), leveling),
                encoding, output);
    }

    /** The parts' defaults: no base, no music, no subtitles, 1080x1920 at 30 fps, libx264 veryfast crf 23, -14 LUFS. */
    public static Builder builder(Path voiceWav, double voiceSeconds, Path output) {
        return new Builder(voiceWav, voiceSeconds, output);
    }

    public Builder toBuilder() {
        Builder b = new Builder(voiceWav, voiceSeconds, output);
        b.tailSeconds = tailSeconds;
        b.base = picture.base();
        b.fit = picture.fit();
        b.imageZoom = picture.imageZoom();
        b.subtitles = picture.subtitles();
        b.fontsDir = picture.fontsDir();
        b.size = picture.size();
        b.fps = picture.fps();
        b.scenes = picture.scenes();
        b.music = audio.music();
        b.musicVolume = audio.musicVolume();
        b.ducking = audio.ducking();
        b.musicFadeInSeconds = audio.musicFadeInSeconds();
        b.musicFadeOutSeconds = audio.musicFadeOutSeconds();
        b.leveling = audio.leveling();
        b.encoding = encoding;
        return b;
    }

    public static void check(boolean ok, String message) {
        if (!ok) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, message);
        }
    }

    /** Field by field, starting from the parts' defaults. */
    public static final class Builder {
        private final Path voiceWav;
        private final double voiceSeconds;
        private Path output;
        private double tailSeconds = DEFAULT_TAIL_SECONDS;
        private BaseMedia base = Picture.DEFAULT.base();
        private Fit fit = Picture.DEFAULT.fit();
        private boolean imageZoom = Picture.DEFAULT.imageZoom();
        private Path subtitles = Picture.DEFAULT.subtitles();
        private Path fontsDir = Picture.DEFAULT.fontsDir();
        private VideoSize size = Picture.DEFAULT.size();
        private int fps = Picture.DEFAULT.fps();
        private SceneTimeline scenes = Picture.DEFAULT.scenes();
        private Path music = Audio.DEFAULT.music();
        private double musicVolume = Audio.DEFAULT.musicVolume();
        private boolean ducking = Audio.DEFAULT.ducking();
        private double musicFadeInSeconds = Audio.DEFAULT.musicFadeInSeconds();
        private double musicFadeOutSeconds = Audio.DEFAULT.musicFadeOutSeconds();
        private Leveling leveling = Audio.DEFAULT.leveling();
        private Encoding encoding = Encoding.DEFAULT;

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

        public Builder leveling(Leveling value) {
            leveling = value;
            return this;
        }

        /** The loudness target, keeping the leveling method. */
        public Builder loudness(Loudness value) {
            leveling = leveling.withTarget(value);
            return this;
        }

        /** FFmpeg's loudnorm (true) or a measured gain (false), at the current target. */
        public Builder loudnorm(boolean value) {
            leveling = value ? new Leveling.Loudnorm(leveling.target()) : new Leveling.Measure(leveling.target());
            return this;
        }

        public Builder output(Path value) {
            output = value;
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

        /** The picture scene by scene; set {@link #fps} to the timeline's. */
        public Builder scenes(SceneTimeline value) {
            scenes = value;
            return this;
        }

        public Builder encoding(Encoding value) {
            encoding = value;
            return this;
        }

        public Builder encoder(Encoder value) {
            encoding = encoding.withEncoder(value);
            return this;
        }

        public Builder x264(String preset, int crfValue) {
            encoding = new Encoding(encoding.encoder(), preset, crfValue, encoding.nvencPreset(), encoding.nvencCq(),
                    encoding.threads());
            return this;
        }

        public Builder nvenc(String preset, int cq) {
            encoding = new Encoding(encoding.encoder(), encoding.x264Preset(), encoding.crf(), preset, cq,
                    encoding.threads());
            return this;
        }

        public Builder threads(int value) {
            encoding = new Encoding(encoding.encoder(), encoding.x264Preset(), encoding.crf(), encoding.nvencPreset(),
                    encoding.nvencCq(), value);
            return this;
        }

        public RenderSpec build() {
            return new RenderSpec(voiceWav, voiceSeconds, tailSeconds,
                    new Picture(base, fit, imageZoom, subtitles, fontsDir, size, fps, scenes),
                    new Audio(music, musicVolume, ducking, musicFadeInSeconds, musicFadeOutSeconds, leveling),
                    encoding, output);
        }
    }
}
