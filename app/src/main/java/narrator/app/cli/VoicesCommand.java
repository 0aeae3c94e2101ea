package narrator.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import narrator.app.config.Settings;
import narrator.app.voices.VoiceFetcher;
import narrator.app.voices.VoiceManifest;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.catalogue.VoiceCatalogue;
import narrator.tts.VoiceInfo;

/** {@code narrator voices}: what is installed, what can be fetched; {@code voices fetch ID} installs one. */
final class VoicesCommand {
    private final Settings settings;
    private final Path home;
    private final PrintStream out;

    VoicesCommand(Settings settings, Path home, PrintStream out) {
        this.settings = settings;
        this.home = home;
        this.out = out;
    }

    int run(List<String> argv) {
        Args args = Args.parse(argv, Set.of("manifest"), Set.of());
        VoiceManifest manifest = VoiceManifest.read(Path.of(args.value("manifest",
                home.resolve("models").resolve("manifest.json").toString())));
        List<String> words = args.positional();
        if (words.isEmpty()) {
            list(manifest);
            return 0;
        }
        if (words.size() == 2 && words.get(0).equals("fetch")) {
            String id = words.get(1);
            VoiceManifest.VoicePackage voice = manifest.find(id).orElseThrow(() -> new NarratorException(
                    ErrorCode.UNKNOWN_VOICE, "no voice '" + id + "' in the manifest; fetchable: "
                    + manifest.packages().stream().map(VoiceManifest.VoicePackage::id).collect(Collectors.joining(", "))));
            out.println("Fetching " + id + " into " + settings.tts().modelsDir());
            new VoiceFetcher(Duration.ofMinutes(30)).fetch(voice, settings.tts().modelsDir(), out);
            out.println("Installed. Voices now: " + String.join(", ", voice.provides()));
            return 0;
        }
        throw new NarratorException(ErrorCode.INVALID_REQUEST, "usage: narrator voices [fetch ID]");
    }

    private void list(VoiceManifest manifest) {
        try (VoiceCatalogue voices = new VoiceCatalogue(settings.tts())) {
            out.println("Installed voices (default " + voices.defaultVoiceId() + "):");
            for (VoiceInfo v : voices.installed()) {
                out.printf("  %-36s %-7s %-6s %d Hz%n", v.id(), v.engine(), v.language(), v.sampleRate());
            }
            voices.defaultVoiceNote().ifPresent(note -> out.println("  note: " + note));
            voices.kokoroModelFile().ifPresent(model -> out.println("  kokoro model: " + model.getFileName() + " ("
                    + precisionNote(model.getFileName().toString()) + ")"));
        }
        out.println();
        out.println("Fetchable with ./narrator voices fetch ID (into " + settings.tts().modelsDir() + "):");
        for (VoiceManifest.VoicePackage p : manifest.packages()) {
            out.printf("  %-28s %6.0f MB  %s%n", p.id(), p.totalBytes() / 1e6, p.description());
        }
    }

    /** The fp32/int8 trade-off as measured on a 2-core x86 CPU, so the choice is a knowing one. */
    static String precisionNote(String modelFile) {
        return modelFile.contains("int8")
                ? "int8: about 220 MB less memory but about 2.2x slower than the fp32 model on 2 x86 cores; "
                        + "fetch kokoro-v1.0 for speed"
                : "fp32: used when both are installed; the int8 model saves about 220 MB but speaks about 2.2x slower";
    }
}
