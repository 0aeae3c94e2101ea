package narrator.app.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import narrator.app.config.ConfigException;
import narrator.app.config.Settings;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Command-line entry point: {@code narrator serve|render|demo|voices|bench}. The launcher script sets
 * {@code NARRATOR_HOME} to the checkout; relative default paths (models, data, .env) resolve there.
 */
public final class Main {
    private static final String USAGE = """
            usage: narrator <command> [options]
              serve [--role all|api|worker] run the HTTP service (settings: .env / environment);
                                            SIGUSR2 drains it: no new jobs, running ones finish, then exit
              render --script FILE|- [...]  render one video (narrator render --help)
              demo                          render examples/ into a real video
              voices                        list installed and fetchable voices
              voices fetch ID               download a voice from models/manifest.json
              phonemes --voice ID [TEXT]    what a voice's model would be sent (narrator phonemes --help)
              bench tts [--voice ID] [--models DIR] [--threads N] [--runs N]
                                            speech speed: load, cold and warm real-time factor, peak RSS
              bench render                  one-pass render against the multi-pass baseline
              bench align [--recordings N] [--max-seconds S]
                                            voiceover alignment: boundary errors, time and memory per minute
              bench api                     API latency and service RSS under a render
              bench soak [--jobs N] [--size WxH] [--voice ID] [--json]
                                            a long mixed load: RSS, status latency, what is left behind
              bench cluster [--jobs N] [--spaced N] [--database-url URL] [--json]
                                            the queue on SQLite and on 1-3 PostgreSQL workers: start latency, jobs/s
            """;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(List.of(args), System.getenv(), System.in, System.out, System.err);
        if (code != 0 || (args.length > 0 && !args[0].equals("serve"))) {
            System.exit(code);
        }
    }

    static int run(List<String> args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        Path home = Path.of(env.getOrDefault("NARRATOR_HOME", ".")).toAbsolutePath().normalize();
        List<String> rest = args.subList(1, args.size());
        try {
            Settings settings = Settings.load(env, home);
            return switch (args.get(0)) {
                case "serve" -> ServeCommand.run(settings, rest);
                case "render" -> new RenderCommand(settings, out, err).run(rest);
                case "demo" -> new DemoCommand(settings, home, out, err).run(rest);
                case "voices" -> new VoicesCommand(settings, home, out).run(rest);
                case "phonemes" -> new PhonemesCommand(settings, in, out).run(rest);
                case "bench" -> new BenchCommand(settings, env, out, err).run(rest);
                default -> {
                    err.println("narrator: unknown command '" + args.get(0) + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (ConfigException e) {
            err.println("narrator: invalid setting: " + e.getMessage());
            return 2;
        } catch (NarratorException e) {
            err.println("narrator: " + e.code() + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            // A value a lower layer refused that no rule above caught: still one line, never a stack trace.
            err.println("narrator: " + ErrorCode.INVALID_REQUEST + ": " + e.getMessage());
            return 1;
        }
    }

}
