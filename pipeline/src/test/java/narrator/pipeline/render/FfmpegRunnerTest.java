package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;

class FfmpegRunnerTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private final FfmpegRunner runner = new FfmpegRunner();

    /** Encodes {@code seconds} of a small test pattern to {@code out}, reporting progress. */
    private static List<String> encode(String videoFilter, double seconds, Path out) {
        List<String> argv = FfmpegCommand.encodePrefix();
        argv.addAll(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=" + seconds, "-vf", videoFilter,
                "-c:v", "libx264", "-preset", "ultrafast", out.toString()));
        return argv;
    }

    @Test
    void childProcessesRunAtALowerCpuPriorityThanTheService() {
        // `nice` without arguments prints the niceness it runs at: the one every FFmpeg child gets.
        String niceness = new FfmpegRunner().run(List.of("nice"), Duration.ofSeconds(10)).stdout().strip();
        assertEquals("10", niceness);
    }

    @Test
    void everyChildIsStartedUnderAParentDeathSignalAndNiced() {
        assertEquals(List.of("setpriv", "--pdeathsig", "KILL", "--", "nice", "-n", "10", "ffmpeg", "-version"),
                FfmpegRunner.command(List.of("ffmpeg", "-version")));
    }

    @Test
    void runReturnsStdout() {
        assertTrue(runner.run(List.of("ffmpeg", "-hide_banner", "-version"), MINUTE).stdout().startsWith("ffmpeg version"));
    }

    @Test
    void renderReportsProgressToTheEndAndPeakMemory() throws IOException {
        Path out = dir.resolve("ok.mp4");
        List<Double> fractions = new ArrayList<>();
        FfmpegRunner.Output output = runner.runReportingProgress(encode("null", 2, out), out, 2, fractions::add,
                CancelSignal.none(), MINUTE);

        assertEquals(1.0, fractions.get(fractions.size() - 1));
        assertTrue(output.peakRssBytes().orElseThrow() > 1 << 20);
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void aFailureMidwayDeletesThePartialFileAndQuotesFfmpeg() {
        Path out = dir.resolve("partial.mp4");
        // The first frame is 322 wide, the rest 320: x264 gives up after it has started writing.
        List<String> argv = encode("scale=w='if(gt(t,1),320,322)':h=240:eval=frame", 5, out);

        NarratorException e = assertThrows(NarratorException.class,
                () -> runner.runReportingProgress(argv, out, 5, f -> { }, CancelSignal.none(), MINUTE));

        assertEquals(ErrorCode.RENDER_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("ffmpeg failed (exit code 1): "), e.getMessage());
        assertTrue(e.getMessage().contains("Input picture width (322) is greater than stride (320)"), e.getMessage());
        assertEquals(1, e.details().get("exitCode"));
        ProcessFailure failure = assertInstanceOf(ProcessFailure.class, e, "a failed process is typed data");
        assertEquals("ffmpeg", failure.program());
        assertEquals(1, failure.exitCode());
        assertTrue(failure.stderrLines().stream().anyMatch(l -> l.contains("Input picture width (322)")),
                failure.stderrLines()::toString);
        assertFalse(Files.exists(out));
    }

    @Test
    void aListenerThatThrowsDoesNotStallTheProcess() {
        Path out = dir.resolve("listener.mp4");

        runner.runReportingProgress(encode("null", 2, out), out, 2, fraction -> {
            throw new IllegalStateException("listener bug");
        }, CancelSignal.none(), MINUTE);

        assertTrue(Files.exists(out));
    }

    @Test
    void timeoutKillsTheProcessAndDeletesTheOutput() {
        Path out = dir.resolve("endless.mp4");
        List<String> argv = FfmpegCommand.encodePrefix();
        argv.addAll(List.of("-re", "-f", "lavfi", "-i", "testsrc2=s=64x64:r=10", "-c:v", "libx264", "-preset",
                "ultrafast", out.toString()));

        NarratorException e = assertThrows(NarratorException.class, () ->
                runner.runReportingProgress(argv, out, 60, f -> { }, CancelSignal.none(), Duration.ofMillis(1500)));

        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertFalse(Files.exists(out));
        assertTrue(ProcessHandle.current().descendants()
                .noneMatch(p -> p.info().arguments().map(a -> List.of(a).contains(out.toString())).orElse(false)));
    }

    @Test
    void anAlreadyCancelledJobStartsNothing() {
        CancelSignal cancel = new CancelSignal();
        cancel.cancel();
        Path out = dir.resolve("never.mp4");

        NarratorException e = assertThrows(NarratorException.class,
                () -> runner.runReportingProgress(encode("null", 1, out), out, 1, f -> { }, cancel, MINUTE));

        assertEquals(ErrorCode.CANCELLED, e.code());
        assertFalse(Files.exists(out));
    }

    @Test
    void aMissingProgramIsAnInternalError() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> runner.run(List.of("/nonexistent/ffmpeg", "-version"), MINUTE));

        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.getMessage().startsWith("cannot start ffmpeg"), e.getMessage());
    }
}
