package narrator.app.cli;

import java.util.concurrent.CountDownLatch;
import narrator.app.config.Settings;
import narrator.app.service.NarratorService;

/** {@code narrator serve}: runs until SIGTERM/SIGINT, then stops cleanly (running jobs go back to the queue). */
final class ServeCommand {
    private ServeCommand() {
    }

    static int run(Settings settings) {
        NarratorService service = NarratorService.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "narrator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
