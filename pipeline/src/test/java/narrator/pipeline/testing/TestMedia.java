package narrator.pipeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import narrator.pipeline.render.FfmpegRunner;

/**
 * Small media files made with FFmpeg's lavfi sources at test time, so no test depends on files that
 * might be missing. A file with the same parameters in the same directory is made once and reused.
 * Keep sizes small (320x568, a few seconds): the tests share two cores.
 */
public final class TestMedia {
    private static final FfmpegRunner RUNNER = new FfmpegRunner();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TestMedia() {
    }

    /** An H.264 MP4 of a moving test pattern, with a 440 Hz AAC tone when {@code withAudio}. */
    public static Path video(Path dir, double seconds, int width, int height, boolean withAudio) {
        Path out = dir.resolve(String.format(Locale.ROOT, "video-%dx%d-%.2fs%s.mp4", width, height, seconds,
                withAudio ? "-audio" : ""));
        List<String> argv = new ArrayList<>(List.of("-f", "lavfi", "-i",
                String.format(Locale.ROOT, "testsrc2=s=%dx%d:r=30:d=%.3f", width, height, seconds)));
        if (withAudio) {
            argv.addAll(List.of("-f", "lavfi", "-i", String.format(Locale.ROOT, "sine=f=440:d=%.3f", seconds),
                    "-c:a", "aac"));
        }
        argv.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
        return make(out, argv);
    }

    /** A PNG still of the test pattern. */
    public static Path image(Path dir, int width, int height) {
        Path out = dir.resolve(String.format(Locale.ROOT, "image-%dx%d.png", width, height));
        return make(out, List.of("-f", "lavfi", "-i", String.format(Locale.ROOT, "testsrc2=s=%dx%d", width, height),
                "-frames:v", "1"));
    }

    /** Stereo 44.1 kHz AAC music: a soft two-note chord on each side. */
    public static Path music(Path dir, double seconds) {
        Path out = dir.resolve(String.format(Locale.ROOT, "music-%.2fs.m4a", seconds));
        return make(out, List.of("-f", "lavfi", "-i", String.format(Locale.ROOT,
                "aevalsrc=exprs=0.3*sin(2*PI*220*t)+0.2*sin(2*PI*330*t)|0.3*sin(2*PI*277*t)+0.2*sin(2*PI*440*t)"
                        + ":s=44100:d=%.3f", seconds), "-c:a", "aac", "-b:a", "96k"));
    }

    /**
     * A voice stand-in: 16-bit mono 22050 Hz WAV of harmonic tone bursts with a syllable-rate envelope
     * and pauses, so loudness and ducking behave roughly as with speech. Exactly
     * {@code round(seconds * 22050)} samples; see {@link #wavSeconds}.
     */
    public static Path voiceWav(Path dir, double seconds) {
        Path out = dir.resolve(String.format(Locale.ROOT, "voice-%.3fs.wav", seconds));
        String speech = "(sin(2*PI*150*t)+0.5*sin(2*PI*300*t)+0.25*sin(2*PI*450*t))"
                + "*0.4*(0.6+0.4*sin(2*PI*4*t))*lt(mod(t,1.3),1)";
        return make(out, List.of("-f", "lavfi", "-i", String.format(Locale.ROOT,
                        "aevalsrc=exprs='%s':s=22050:d=%.6f", speech, seconds),
                "-ac", "1", "-c:a", "pcm_s16le"));
    }

    /**
     * A narrator stand-in: {@code text} read by espeak-ng's {@code voice} (e.g. {@code en-gb-x-rp}, unlike
     * the aligner's en-us) at {@code wordsPerMinute}, after {@code leadSeconds} of silence, as 44.1 kHz AAC
     * in M4A (so it is decoded and resampled like a real upload). Its first word starts at
     * {@code leadSeconds} plus espeak-ng's own few milliseconds of lead-in.
     */
    public static Path spoken(Path dir, String text, String voice, int wordsPerMinute, double leadSeconds) {
        String name = String.format(Locale.ROOT, "spoken-%08x-%s-%d-%.2f", text.hashCode(), voice, wordsPerMinute,
                leadSeconds);
        Path out = dir.resolve(name + ".m4a");
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path raw = dir.resolve(name + ".wav");
        RUNNER.run(List.of("espeak-ng", "-v", voice, "-s", Integer.toString(wordsPerMinute), "-w", raw.toString(), text),
                TIMEOUT);
        return make(out, List.of("-i", raw.toString(), "-af", String.format(Locale.ROOT, "adelay=%d,apad=pad_dur=1",
                Math.round(leadSeconds * 1000)), "-ar", "44100", "-c:a", "aac", "-b:a", "96k"));
    }

    /** Seeded random bytes under a media file name: ffprobe and ffmpeg must refuse it. */
    public static Path corrupt(Path dir, String fileName) {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        try {
            return Files.write(dir.resolve(fileName), noise);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Duration of a 16-bit PCM WAV from its header and data size: what the pipeline computes from sample counts. */
    public static double wavSeconds(Path wav) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
            int channels = 0;
            int rate = 0;
            for (int pos = 12; pos + 8 <= bytes.limit(); ) {
                String id = new String(bytes.array(), pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
                int size = bytes.getInt(pos + 4);
                if (id.equals("fmt ")) {
                    channels = bytes.getShort(pos + 10);
                    rate = bytes.getInt(pos + 12);
                } else if (id.equals("data")) {
                    return size / (2.0 * channels * rate);
                }
                pos += 8 + size + (size & 1);
            }
            throw new IllegalArgumentException(wav + " has no data chunk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path make(Path out, List<String> args) {
        if (Files.isRegularFile(out)) {
            return out;
        }
        List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        argv.addAll(args);
        argv.add(out.toString());
        RUNNER.run(argv, TIMEOUT);
        return out;
    }
}
