package narrator.pipeline.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Measures rendered files with ffprobe and ffmpeg's own meters, for assertions. */
public final class Inspect {
    private static final FfmpegRunner RUNNER = new FfmpegRunner();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS");
    private static final Pattern TRUE_PEAK = Pattern.compile("Peak:\\s+(-?[0-9.]+|-inf) dBFS");
    private static final Pattern RMS = Pattern.compile("RMS level dB:\\s+(-?[0-9.]+|-inf)");

    private Inspect() {
    }

    public record Streams(int video, int audio, int width, int height, double duration) {
    }

    public static Streams streams(Path file) {
        String json = RUNNER.run(MediaProbe.argv(file), TIMEOUT).stdout();
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            int video = 0;
            int audio = 0;
            int width = 0;
            int height = 0;
            for (JsonNode s : root.path("streams")) {
                if (s.path("codec_type").asText().equals("video")) {
                    video++;
                    width = s.path("width").asInt();
                    height = s.path("height").asInt();
                } else if (s.path("codec_type").asText().equals("audio")) {
                    audio++;
                }
            }
            return new Streams(video, audio, width, height, root.path("format").path("duration").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** EBU R128 integrated loudness in LUFS, from ffmpeg's ebur128 summary. */
    public static double integratedLoudness(Path file) {
        return loudness(file).integratedLufs();
    }

    record Level(double integratedLufs, double truePeakDbtp) {
    }

    /** Integrated loudness and true peak of the file's audio, from ffmpeg's ebur128 summary. */
    static Level loudness(Path file) {
        List<String> stderr = RUNNER.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-i", file.toString(),
                "-map", "0:a", "-af", "ebur128=framelog=verbose:peak=true", "-f", "null", "-"), TIMEOUT).stderrTail();
        return new Level(last(INTEGRATED, stderr), last(TRUE_PEAK, stderr));
    }

    /** RMS level in dBFS of the audio between two instants; -inf for digital silence. */
    public static double rmsDb(Path file, double from, double to) {
        List<String> stderr = RUNNER.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats",
                "-ss", num(from), "-t", num(to - from), "-i", file.toString(),
                "-map", "0:a", "-af", "astats=measure_perchannel=none", "-f", "null", "-"), TIMEOUT).stderrTail();
        return last(RMS, stderr);
    }

    /** One frame at {@code seconds} as 8-bit grey pixels, row by row. */
    public static byte[] greyFrame(Path video, double seconds, Path dir) {
        Path raw = dir.resolve("frame-" + video.getFileName() + "-" + num(seconds) + ".gray");
        RUNNER.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss", num(seconds),
                "-i", video.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", raw.toString()), TIMEOUT);
        try {
            return Files.readAllBytes(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double last(Pattern pattern, List<String> lines) {
        Double value = null;
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                value = m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
            }
        }
        if (value == null) {
            throw new AssertionError("no " + pattern + " in:\n" + String.join("\n", lines));
        }
        return value;
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
