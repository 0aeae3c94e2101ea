package narrator.app.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import narrator.app.config.ConfigException;
import narrator.app.config.Role;
import narrator.app.config.Settings;
import narrator.app.service.NarratorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code narrator serve [--role all|api|worker]}: runs until SIGTERM/SIGINT, then stops cleanly (running
 * jobs go back to the queue). SIGUSR2 drains the node instead: it claims no more jobs, lets the running
 * ones finish, then exits with status 0.
 */
final class ServeCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    static final String DRAIN_SIGNAL = "USR2";

    private ServeCommand() {
    }

    static int run(Settings settings, List<String> argv) {
        NarratorService service = NarratorService.start(withRole(settings, Args.parse(argv, Set.of("role"), Set.of())));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "narrator-shutdown"));
        Signal.handle(new Signal(DRAIN_SIGNAL), signal -> {
            Thread drain = new Thread(() -> {
                LOG.info("SIG{}: draining this node, then exiting", DRAIN_SIGNAL);
                service.drain();
                // The shutdown hook closes the rest; no job is left running to requeue.
                System.exit(0);
            }, "narrator-drain");
            drain.start();
        });
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The role {@code --role} names wins over ROLE. */
    static Settings withRole(Settings settings, Args args) {
        return args.value("role").map(value -> {
            try {
                return settings.withRole(Role.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--role '" + value + "' is invalid: expected all, api or worker");
            }
        }).orElse(settings);
    }
}
