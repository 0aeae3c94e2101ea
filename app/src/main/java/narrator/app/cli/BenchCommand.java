package narrator.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import narrator.app.config.Settings;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.VoiceCatalogue;
import narrator.tts.bench.TtsBenchmark;

/** {@code narrator bench tts|render|api}: prints the figures the project's notes report. */
final class BenchCommand {
    private final Settings settings;
    private final Path home;
    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(Settings settings, Path home, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.home = home;
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        if (argv.isEmpty()) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "usage: narrator bench tts|render|api [--voice ID]");
        }
        Args args = Args.parse(argv.subList(1, argv.size()), Set.of("voice"), Set.of());
        switch (argv.get(0)) {
            case "tts" -> {
                try (VoiceCatalogue voices = new VoiceCatalogue(settings.tts())) {
                    TtsBenchmark.run(voices, args.value("voice").orElseGet(voices::defaultVoiceId), out);
                }
            }
            default -> throw new NarratorException(ErrorCode.INVALID_REQUEST, "unknown benchmark '" + argv.get(0)
                    + "': use tts, render or api");
        }
        return 0;
    }
}
