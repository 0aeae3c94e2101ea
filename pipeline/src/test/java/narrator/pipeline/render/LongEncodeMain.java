package narrator.pipeline.render;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import narrator.pipeline.CancelSignal;

/**
 * A JVM of its own for {@link FfmpegRunnerDeathTest}: runs a 60 s FFmpeg encode to nowhere at real-time speed ({@code -re}) through
 * {@link FfmpegRunner}, from the main thread or (argument {@code worker}) from a worker thread while
 * main waits, and prints {@code encoding} once FFmpeg reports progress.
 */
public final class LongEncodeMain {
    private LongEncodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> argv = FfmpegCommand.encodePrefix();
        argv.addAll(List.of("-re", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=60", "-c:v", "libx264",
                "-preset", "ultrafast", "-f", "null", "-"));
        AtomicBoolean said = new AtomicBoolean();
        Runnable encode = () -> new FfmpegRunner().runReportingProgress(argv, null, 60, f -> {
            if (said.compareAndSet(false, true)) {
                System.out.println("encoding");
                System.out.flush();
            }
        }, CancelSignal.none(), Duration.ofMinutes(2));
        if (args.length > 0 && args[0].equals("worker")) {
            Thread worker = new Thread(encode, "worker");
            worker.start();
            worker.join();
        } else {
            encode.run();
        }
    }
}
