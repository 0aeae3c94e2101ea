package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An FFmpeg must not outlive the JVM that started it: a separate JVM ({@link LongEncodeMain}) starts a
 * 60 s encode through {@link FfmpegRunner}, is killed with SIGKILL, and its FFmpeg must be gone soon
 * after. Without the parent-death signal the FFmpeg is reparented to PID 1 and runs on.
 */
class FfmpegRunnerDeathTest {
    private static final long DEADLINE_NANOS = 10_000_000_000L;

    @ParameterizedTest
    @ValueSource(strings = {"main", "worker"})
    void killingTheJvmKillsItsFfmpeg(String thread) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process jvm = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LongEncodeMain.class.getName(), thread).redirectErrorStream(true).start();
        long ffmpeg = -1;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.equals("encoding")) {
                line = out.readLine();
            }
            assertEquals("encoding", line, "the child JVM never started encoding");
            ffmpeg = ffmpegUnder(jvm.toHandle()).orElseThrow(() -> new AssertionError("no ffmpeg under the child JVM"));
            assertTrue(running(ffmpeg), "ffmpeg runs while its JVM lives");

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            jvm.waitFor();

            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (running(ffmpeg)) {
                if (System.nanoTime() > deadline) {
                    fail("ffmpeg " + ffmpeg + " still runs 10 s after its JVM was killed");
                }
                LockSupport.parkNanos(20_000_000L); // poll every 20 ms up to the deadline
            }
        } finally {
            jvm.destroyForcibly();
            if (ffmpeg > 0) {
                ProcessHandle.of(ffmpeg).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static Optional<Long> ffmpegUnder(ProcessHandle jvm) {
        return jvm.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false))
                .map(ProcessHandle::pid)
                .findFirst();
    }

    /** Alive and not a zombie: a killed orphan may wait as a zombie for a PID 1 that never reaps. */
    static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        List<String> lines;
        try {
            lines = Files.readAllLines(stat);
        } catch (IOException e) {
            return false; // gone
        }
        String line = lines.get(0);
        char state = line.charAt(line.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }
}
