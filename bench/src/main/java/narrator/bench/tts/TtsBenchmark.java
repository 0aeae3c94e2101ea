package narrator.bench.tts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;
import narrator.tts.Speech;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;
import narrator.tts.catalogue.VoiceCatalogue;

/**
 * {@code narrator bench tts}: how fast a voice loads and speaks on this machine, on a fixed English
 * text of about a minute of speech, so figures from different machines and voices compare. The
 * first call is reported apart (cold: ONNX Runtime sizes its arena then) from the calls after it
 * (warm: what a running service sees).
 */
public final class TtsBenchmark {
    /** About 150 words: roughly 60 seconds at a natural narration pace. */
    static final String TEXT = "Every morning the small harbour town wakes up before the sun. Fishing boats "
            + "slip out past the lighthouse, their engines humming over the calm grey water, while the bakery "
            + "on the corner fills the street with the smell of fresh bread. By seven o'clock the market square "
            + "is busy. Farmers unload crates of apples, cheese and honey, and children run between the stalls "
            + "on their way to school. Tourists arrive a little later, cameras ready, hoping to catch the light "
            + "on the old stone houses. In the afternoon the wind usually rises, and the boats return with "
            + "their catch. The fishermen sort it on the quay, trading stories and complaints about the "
            + "weather. When evening comes, the cafes open their doors, music drifts across the water, and the "
            + "lighthouse begins to turn once more. It is a quiet rhythm, repeated for centuries, and nobody "
            + "here seems in any hurry to change it.";

    private TtsBenchmark() {
    }

    /**
     * The figures of one run: the cold first call, the median of the warm calls after it, and the
     * process's peak RSS ({@code peakRssKb} is empty where /proc is unavailable).
     */
    record Result(String voiceId, int threads, double loadSeconds, double coldSeconds, double warmSeconds,
                  int warmRuns, double audioSeconds, OptionalLong peakRssKb, OptionalLong releasedRssKb) {
        double coldRealTimeFactor() {
            return coldSeconds / audioSeconds;
        }

        double warmRealTimeFactor() {
            return warmSeconds / audioSeconds;
        }
    }

    /** Loads {@code voiceId} (timed), speaks the text once cold and {@code warmRuns} times warm, prints the figures. */
    public static void run(VoiceCatalogue catalogue, String voiceId, int warmRuns, PrintStream out) {
        print(measure(catalogue, voiceId, warmRuns), out);
    }

    static Result measure(VoiceCatalogue catalogue, String voiceId, int warmRuns) {
        if (warmRuns < 1) {
            throw new IllegalArgumentException("warmRuns must be at least 1");
        }
        long start = System.nanoTime();
        Voice voice = catalogue.voice(voiceId);
        double load = (System.nanoTime() - start) / 1e9;
        long coldStart = System.nanoTime();
        Speech speech = voice.speak(TEXT, SpeechOptions.DEFAULT);
        double cold = (System.nanoTime() - coldStart) / 1e9;
        double[] warm = new double[warmRuns];
        for (int i = 0; i < warmRuns; i++) {
            long warmStart = System.nanoTime();
            voice.speak(TEXT, SpeechOptions.DEFAULT);
            warm[i] = (System.nanoTime() - warmStart) / 1e9;
        }
        Arrays.sort(warm);
        String id = voice.info().id();
        Path status = Path.of("/proc/self/status");
        OptionalLong peak = peakRssKb(status);
        voice.releaseWorkingMemory();
        return new Result(id, catalogue.settings().threadsFor(id), load, cold, warm[warmRuns / 2], warmRuns,
                speech.durationSeconds(), peak, statusKb(status, "VmRSS:"));
    }

    static void print(Result result, PrintStream out) {
        out.printf(Locale.ROOT, "voice:            %s%n", result.voiceId());
        out.printf(Locale.ROOT, "threads:          %d%n", result.threads());
        out.printf(Locale.ROOT, "model load:       %.3f s%n", result.loadSeconds());
        out.printf(Locale.ROOT, "audio:            %.2f s%n", result.audioSeconds());
        out.printf(Locale.ROOT, "cold synthesis:   %.3f s (first call)%n", result.coldSeconds());
        out.printf(Locale.ROOT, "warm synthesis:   %.3f s (median of %d calls after it)%n", result.warmSeconds(),
                result.warmRuns());
        out.printf(Locale.ROOT, "real-time factor: cold %.4f, warm %.4f (synthesis s / audio s; below 1 is faster "
                + "than real time)%n", result.coldRealTimeFactor(), result.warmRealTimeFactor());
        out.printf(Locale.ROOT, "peak RSS:         %s%n", megabytes(result.peakRssKb()));
        out.printf(Locale.ROOT, "RSS after release: %s (what stays while a render follows)%n",
                megabytes(result.releasedRssKb()));
    }

    private static String megabytes(OptionalLong kb) {
        return kb.isPresent() ? String.format(Locale.ROOT, "%.1f MB", kb.getAsLong() / 1024.0) : "unknown";
    }

    /** VmHWM, the process's peak resident set, in kB. */
    static OptionalLong peakRssKb(Path procStatus) {
        return statusKb(procStatus, "VmHWM:");
    }

    private static OptionalLong statusKb(Path procStatus, String field) {
        try {
            return Files.readAllLines(procStatus).stream()
                    .filter(line -> line.startsWith(field))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
