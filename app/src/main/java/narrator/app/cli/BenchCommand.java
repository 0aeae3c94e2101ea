package narrator.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import narrator.app.config.Settings;
import narrator.app.service.Assembly;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.TtsSettings;
import narrator.tts.catalogue.VoiceCatalogue;
import narrator.bench.tts.TtsBenchmark;
import narrator.bench.api.ApiBenchmark;
import narrator.bench.api.SoakBenchmark;
import narrator.bench.api.SoakReport;
import narrator.bench.cluster.ClusterBenchmark;
import narrator.bench.cluster.ClusterReport;
import narrator.bench.cluster.PostgresTarget;
import narrator.app.db.DatabaseUrl;
import narrator.pipeline.VideoSize;
import narrator.bench.align.AlignBenchmark;
import narrator.bench.render.OverheadBenchmark;
import narrator.bench.render.RenderBenchmark;
import narrator.bench.segments.SegmentBenchmark;

/** {@code narrator bench tts|render|align|api|soak|cluster}: prints the figures the project's notes report. */
final class BenchCommand {
    private final Settings settings;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code env} is the environment the command was started with: {@code bench api} hands it to the service. */
    BenchCommand(Settings settings, Map<String, String> env, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        if (argv.isEmpty()) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "usage: narrator bench tts|render [--overhead [--runs N]] "
                    + "[--segments [--minutes N]]|align|api|soak|cluster [--voice ID]");
        }
        Args args = Args.parse(argv.subList(1, argv.size()), Set.of("voice", "models", "threads", "runs", "jobs", "size", "spaced", "database-url",
                        "recordings", "max-seconds", "minutes", "segment-seconds"),
                Set.of("json", "overhead", "segments"));
        switch (argv.get(0)) {
            case "tts" -> {
                try (Assembly parts = new Assembly(settings.withTts(ttsSettings(args)), settings.server().port())) {
                    VoiceCatalogue voices = parts.voices();
                    TtsBenchmark.run(voices, args.value("voice").orElseGet(voices::defaultVoiceId),
                            wholeNumber(args, "runs", 3, 1, 100), out);
                }
            }
            case "render" -> {
                if (args.flag("overhead")) {
                    return renderOverhead(wholeNumber(args, "runs", 3, 1, 50));
                }
                if (args.flag("segments")) {
                    return segments(args);
                }
                try (Assembly parts = new Assembly(settings, settings.server().port())) {
                    VoiceCatalogue voices = parts.voices();
                    Path work = java.nio.file.Files.createTempDirectory("narrator-bench-render");
                    try {
                        RenderBenchmark.run(voices.voice(args.value("voice").orElseGet(voices::defaultVoiceId)), out, work);
                    } finally {
                        RenderCommand.deleteTree(work);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            case "align" -> AlignBenchmark.run(wholeNumber(args, "recordings", 30, 1, 1000),
                    wholeNumber(args, "max-seconds", 600, 30, 3600), out);
            case "api" -> {
                Path jar = jarLocation();
                try {
                    new ApiBenchmark(out).run(jar, env, 1000, 3000);
                } catch (java.io.IOException e) {
                    err.println("narrator: bench api failed: " + e.getMessage());
                    return 1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
            case "soak" -> {
                SoakBenchmark.Options options = soakOptions(args);
                Path jar = jarLocation();
                try {
                    SoakReport report = new SoakBenchmark(options, err).run(jar, env);
                    out.print(args.flag("json") ? report.json() : report.table());
                } catch (java.io.IOException e) {
                    err.println("narrator: bench soak failed: " + e.getMessage());
                    return 1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
            case "cluster" -> {
                ClusterBenchmark.Options options = clusterOptions(args);
                Path jar = jarLocation();
                try {
                    ClusterReport report = new ClusterBenchmark(options, err).run(jar, env);
                    out.print(args.flag("json") ? report.json() : report.table());
                } catch (java.io.IOException e) {
                    err.println("narrator: bench cluster failed: " + e.getMessage());
                    return 1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
            default -> throw new NarratorException(ErrorCode.INVALID_REQUEST, "unknown benchmark '" + argv.get(0)
                    + "': use tts, render, align, api, soak or cluster");
        }
        return 0;
    }

    /** {@code bench render --overhead [--runs N]}: the whole job against a bare encode of its picture; see {@link OverheadBenchmark}. */
    private int renderOverhead(int runs) {
        Path jar = jarLocation();
        Settings.Render render = settings.render();
        Path work = null;
        try {
            work = java.nio.file.Files.createTempDirectory("narrator-bench-overhead");
            new OverheadBenchmark(jar, env, new OverheadBenchmark.X264(render.x264Preset(), render.crf(),
                    render.ffmpegThreads()), out).run(runs, work);
            return 0;
        } catch (java.io.IOException e) {
            err.println("narrator: bench render --overhead failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (work != null) {
                RenderCommand.deleteTree(work);
            }
        }
    }

    /** {@code bench render --segments}: one long job one-pass, segmented and on a local cluster; figures on stdout. */
    private int segments(Args args) {
        SegmentBenchmark.Options options = segmentOptions(args);
        Path jar = jarLocation();
        try {
            out.print(new SegmentBenchmark(options, err).run(jar, env, args.flag("json")));
            return 0;
        } catch (java.io.IOException e) {
            err.println("narrator: bench render --segments failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** {@code --minutes N} of speech (default 10, fractions allowed), {@code --size WxH}, {@code --segment-seconds N} (30). */
    static SegmentBenchmark.Options segmentOptions(Args args) {
        SegmentBenchmark.Options defaults = SegmentBenchmark.Options.DEFAULT;
        double minutes = args.number("minutes", defaults.minutes());
        if (!(minutes >= 0.1 && minutes <= 60)) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "--minutes must be from 0.1 to 60");
        }
        VideoSize size = args.value("size").map(VideoSize::parse).orElse(defaults.size());
        return new SegmentBenchmark.Options(minutes, size, wholeNumber(args, "segment-seconds", defaults.segmentSeconds(), 1, 600));
    }

    /** {@code --jobs N} (default 300), {@code --size WxH} (240x426), {@code --voice ID} (espeak:en-us). */
    static SoakBenchmark.Options soakOptions(Args args) {
        SoakBenchmark.Options defaults = SoakBenchmark.Options.DEFAULT;
        String size = args.value("size").orElse(defaults.size());
        VideoSize.parse(size);
        return new SoakBenchmark.Options(wholeNumber(args, "jobs", defaults.jobs(), 1, 100_000), size,
                args.value("voice").orElse(defaults.voice()));
    }

    /**
     * {@code --jobs N} (default 300) at once, {@code --spaced N} (100) one at a time, {@code --database-url
     * postgresql://...} (default: a throwaway server the benchmark starts).
     */
    static ClusterBenchmark.Options clusterOptions(Args args) {
        Optional<PostgresTarget> database = args.value("database-url").map(BenchCommand::postgres);
        return new ClusterBenchmark.Options(wholeNumber(args, "jobs", ClusterBenchmark.Options.DEFAULT_JOBS, 1, 10_000),
                wholeNumber(args, "spaced", ClusterBenchmark.Options.DEFAULT_SPACED, 1, 10_000), database);
    }

    private static PostgresTarget postgres(String raw) {
        DatabaseUrl parsed;
        try {
            parsed = DatabaseUrl.parse(raw, Path.of("."));
        } catch (IllegalArgumentException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "--database-url: " + e.getMessage());
        }
        if (!(parsed instanceof DatabaseUrl.Postgres pg)) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "--database-url needs postgresql://user:pass@host:5432/db");
        }
        return new PostgresTarget(raw.strip(), pg.jdbcUrl(), pg.user(), pg.password());
    }

    /** The service's speech settings; {@code --models DIR} and {@code --threads N} override them for one run. */
    private TtsSettings ttsSettings(Args args) {
        TtsSettings tts = settings.tts();
        tts = args.value("models").map(Path::of).map(tts::withOnlyModelsDir).orElse(tts);
        return args.value("threads").isPresent() ? tts.withThreads(wholeNumber(args, "threads", 0, 1, 64)) : tts;
    }

    private static int wholeNumber(Args args, String name, int fallback, int min, int max) {
        double value = args.number(name, fallback);
        if (value != Math.rint(value) || value < min || value > max) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST,
                    "--" + name + " must be a whole number from " + min + " to " + max);
        }
        return (int) value;
    }

    /** The fat jar this command runs from: the API benchmark starts the service from it. */
    private static Path jarLocation() {
        try {
            Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!jar.toString().endsWith(".jar")) {
                throw new NarratorException(ErrorCode.INVALID_REQUEST, "bench api, soak, cluster and render --segments start the "
                        + "service from the packaged jar: ./narrator bench api");
            }
            return jar;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
