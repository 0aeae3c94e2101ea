package narrator.pipeline.render;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;

/**
 * The one place that starts processes (ffmpeg, ffprobe). Both pipes are drained on their own threads
 * so a chatty process never blocks; only the last {@value #STDERR_LINES} stderr lines are kept. A
 * non-zero exit becomes a {@link ProcessFailure} carrying those lines, a cancel kills the
 * process tree at once ({@link ErrorCode#CANCELLED}), an overrun kills it too ({@link ErrorCode#TIMEOUT});
 * in every failure the partial output file is deleted.
 *
 * <p>Peak memory: while an encode runs, the child's {@code VmHWM} (its resident-set high-water mark,
 * kept by the kernel) is read from {@code /proc/PID/status} each time FFmpeg reports progress, every
 * half second and once more at {@code progress=end}, just before it exits. The last reading is the peak
 * over the whole run. Empty where {@code /proc} does not exist.
 */
public final class FfmpegRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegRunner.class);
    private static final int STDERR_LINES = 40;
    /** ffprobe's JSON for any real file is a few kB; this only guards against a runaway process. */
    private static final int MAX_STDOUT_BYTES = 4 << 20;
    private static final long READER_JOIN_MILLIS = 5_000;

    /**
     * What a finished process left behind.
     *
     * @param stdout       all of stdout for {@link #run}; empty for {@link #runReportingProgress}, whose stdout is progress
     * @param stderrTail   the last lines of stderr
     * @param peakRssBytes the process's peak resident memory, measured by {@link #runReportingProgress} only
     */
    public record Output(String stdout, List<String> stderrTail, Duration wall, OptionalLong peakRssBytes) {
    }

    /** Runs a short command (ffprobe, a probe encode, a thumbnail) to completion and returns what it printed. */
    public Output run(List<String> argv, Duration timeout) {
        return run(argv, timeout, CancelSignal.none());
    }

    /** As {@link #run(List, Duration)}, killed at once when {@code cancel} fires ({@link ErrorCode#CANCELLED}). */
    public Output run(List<String> argv, Duration timeout, CancelSignal cancel) {
        return execute(argv, null, null, cancel, timeout);
    }

    /**
     * Runs an FFmpeg command writing {@code output} (null when it writes none); {@code argv} must ask for
     * {@code -progress pipe:1}. Reports to {@code onProgress} the rising share (0 to 1) of
     * {@code expectedSeconds} written; what that share means to the caller is the caller's business.
     */
    public Output runReportingProgress(List<String> argv, Path output, double expectedSeconds, DoubleConsumer onProgress,
                                       CancelSignal cancel, Duration timeout) {
        return execute(argv, output, new ProgressSink(new ProgressParser(expectedSeconds), onProgress), cancel, timeout);
    }

    private Output execute(List<String> argv, Path output, ProgressSink progress, CancelSignal cancel, Duration timeout) {
        cancel.throwIfCancelled();
        String program = Path.of(argv.get(0)).getFileName().toString();
        long started = System.nanoTime();
        Process process = start(argv, program);
        StderrTail stderr = new StderrTail(STDERR_LINES);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AtomicLong peakRss = new AtomicLong(-1);
        Thread errReader = daemon(program + "-stderr", () -> readLines(process.getErrorStream(), stderr::add));
        Thread outReader = daemon(program + "-stdout", progress == null
                ? () -> readBounded(process.getInputStream(), stdout)
                : () -> readLines(process.getInputStream(), line -> progress.accept(line, process.pid(), peakRss)));

        AtomicBoolean cancelled = new AtomicBoolean();
        boolean timedOut = false;
        AutoCloseable hook = cancel.onCancel(() -> {
            cancelled.set(true);
            killTree(process);
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                killTree(process);
                process.waitFor();
            }
        } catch (InterruptedException e) {
            // Whoever interrupted this thread wants the work stopped: same as a cancel.
            Thread.currentThread().interrupt();
            cancelled.set(true);
            killTree(process);
        } finally {
            deregister(hook);
        }
        join(errReader);
        join(outReader);
        Duration wall = Duration.ofNanos(System.nanoTime() - started);

        if (cancelled.get()) {
            deleteQuietly(output);
            throw new NarratorException(ErrorCode.CANCELLED, "The job was cancelled");
        }
        if (timedOut) {
            deleteQuietly(output);
            throw new NarratorException(ErrorCode.TIMEOUT, program + " ran past its time limit of " + timeout.toSeconds() + " s");
        }
        int exit = process.exitValue();
        if (exit != 0) {
            deleteQuietly(output);
            throw failure(program, exit, stderr.lines());
        }
        long rss = peakRss.get();
        return new Output(stdout.toString(StandardCharsets.UTF_8), stderr.lines(), wall,
                rss < 0 ? OptionalLong.empty() : OptionalLong.of(rss));
    }

    /**
     * A running FFmpeg that reads {@code stdin} and writes {@code stdout} while the caller feeds it:
     * for encoding audio as it is synthesized. Its stderr is drained here; {@link #finish} waits for it.
     */
    public final class Pipe implements AutoCloseable {
        private final Process process;
        private final String program;
        private final StderrTail stderr = new StderrTail(STDERR_LINES);
        private final Thread errReader;

        private Pipe(List<String> argv) {
            this.program = Path.of(argv.get(0)).getFileName().toString();
            try {
                this.process = new ProcessBuilder(command(argv)).start();
            } catch (IOException e) {
                throw new NarratorException(ErrorCode.INTERNAL, "cannot start " + program + " (is FFmpeg installed?): "
                        + e.getMessage(), e);
            }
            this.errReader = daemon(program + "-stderr", () -> readLines(process.getErrorStream(), stderr::add));
        }

        public java.io.OutputStream stdin() {
            return process.getOutputStream();
        }

        public InputStream stdout() {
            return process.getInputStream();
        }

        /** Waits for the process to exit after its stdin was closed; a non-zero exit throws with its stderr. */
        public void finish(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    killTree(process);
                    throw new NarratorException(ErrorCode.TIMEOUT, program + " ran past its time limit of "
                            + timeout.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killTree(process);
                throw new NarratorException(ErrorCode.CANCELLED, "The request was cancelled");
            }
            join(errReader);
            if (process.exitValue() != 0) {
                throw failure(program, process.exitValue(), stderr.lines());
            }
        }

        /** Kills the process if it still runs (the caller gave up on it); harmless after {@link #finish}. */
        @Override
        public void close() {
            if (process.isAlive()) {
                killTree(process);
            }
        }
    }

    /** Starts {@code argv} with its stdin and stdout open to the caller. */
    public Pipe pipe(List<String> argv) {
        return new Pipe(argv);
    }

    /** {@code nice}'s (and {@code setpriv}'s) exit codes when it cannot run the program it was given. */
    private static final int NICE_NOT_EXECUTABLE = 126;
    private static final int NICE_NOT_FOUND = 127;

    /**
     * The argv actually started for {@code argv}: {@code setpriv --pdeathsig KILL -- nice -n 10 ARGV...}.
     *
     * <p>{@code setpriv} (util-linux) asks the kernel to SIGKILL the process when its parent dies, then
     * execs {@code nice}, which execs the program: the death signal survives both execs and the PID is
     * FFmpeg's. So an FFmpeg never outlives the JVM that started it, even after {@code kill -9} or an
     * out-of-memory kill, and a restarted service never finds the previous process's render still
     * running beside the job's next attempt (recovery requeues a dead process's jobs at start; their
     * FFmpeg died with that process). Linux sends the signal when the parent <em>thread</em> ends, not
     * only the process, and JDK 17 spawns children from the calling thread: {@link #execute} blocks
     * that thread until the process has exited or been killed, so the starting thread always outlives
     * its child; a thread that died first would have abandoned the run, and the child is rightly killed
     * with it. {@code FfmpegRunnerDeathTest} kills a JVM running FFmpeg from its main thread and from a
     * worker thread. A JVM killed in the microseconds between the spawn and {@code setpriv}'s
     * {@code prctl} would still leave an orphan.
     *
     * <p>{@code nice}: FFmpeg runs at a lower CPU priority than the service: on one or two cores a render
     * would otherwise take every cycle from the HTTP API and from speech synthesis, which then answer
     * late. The render still gets all the CPU nothing else wants.
     */
    static List<String> command(List<String> argv) {
        List<String> command = new java.util.ArrayList<>(argv.size() + 7);
        command.addAll(List.of("setpriv", "--pdeathsig", "KILL", "--", "nice", "-n", "10"));
        command.addAll(argv);
        return command;
    }

    private static Process start(List<String> argv, String program) {
        try {
            Process process = new ProcessBuilder(command(argv)).start();
            process.getOutputStream().close(); // nothing to say; EOF keeps any stdin reader from waiting
            return process;
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "cannot start " + program + " (is FFmpeg installed?): "
                    + e.getMessage(), e);
        }
    }

    static NarratorException failure(String program, int exit, List<String> stderr) {
        if (exit == NICE_NOT_FOUND || exit == NICE_NOT_EXECUTABLE) {
            return new NarratorException(ErrorCode.INTERNAL, "cannot start " + program + " (is FFmpeg installed?): "
                    + String.join(" ", stderr));
        }
        return new ProcessFailure(program, exit, stderr);
    }

    /** Kills FFmpeg and anything it started; descendants first, while they can still be found through it. */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Feeds stdout's progress lines to the parser and listener, and samples peak memory at each block's end. */
    private record ProgressSink(ProgressParser parser, DoubleConsumer onProgress) {
        void accept(String line, long pid, AtomicLong peakRss) {
            if (line.startsWith("progress=")) {
                peakResidentBytes(pid).ifPresent(bytes -> peakRss.accumulateAndGet(bytes, Math::max));
            }
            OptionalDouble fraction = parser.accept(line);
            if (fraction.isPresent()) {
                try {
                    onProgress.accept(fraction.getAsDouble());
                } catch (RuntimeException e) {
                    // A failing listener must not stop this thread: FFmpeg would block on a full pipe.
                    LOG.warn("progress listener failed", e);
                }
            }
        }
    }

    static OptionalLong peakResidentBytes(long pid) {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024)
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return OptionalLong.empty(); // not Linux, or the process has just exited
        }
    }

    private static void readLines(InputStream in, java.util.function.Consumer<String> sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                sink.accept(line);
            }
        } catch (IOException e) {
            // The pipe closes when the process is killed; nothing more to read.
        }
    }

    private static void readBounded(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + n <= MAX_STDOUT_BYTES) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // as above
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread reader) {
        try {
            reader.join(READER_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deregister(AutoCloseable hook) {
        try {
            hook.close();
        } catch (Exception e) {
            LOG.warn("could not remove a cancel hook", e);
        }
    }

    private static void deleteQuietly(Path output) {
        if (output == null) {
            return;
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            LOG.warn("could not delete partial output {}", output, e);
        }
    }
}
