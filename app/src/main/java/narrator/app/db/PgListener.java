package narrator.app.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection that LISTENs on a channel and runs a callback for each batch of notifications, on its own
 * thread, reconnecting when the connection drops. Each (re)connection also runs the callback once, as soon as it
 * listens: notifications sent before then were missed, and the callback only says "look again".
 */
final class PgListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    /** How long one wait for notifications lasts; also how soon a close is noticed. */
    private static final int WAIT_MILLIS = 500;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final DatabaseUrl.Postgres url;
    private final String channel;
    private final Runnable onNotify;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    private PgListener(DatabaseUrl.Postgres url, String channel, Runnable onNotify) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("channel must be a plain lower-case identifier: " + channel);
        }
        this.url = url;
        this.channel = channel;
        this.onNotify = onNotify;
        this.thread = new Thread(this::run, "narrator-db-listen-" + channel);
        this.thread.setDaemon(true);
    }

    static PgListener start(DatabaseUrl.Postgres url, String channel, Runnable onNotify) {
        PgListener listener = new PgListener(url, channel, onNotify);
        listener.thread.start();
        return listener;
    }

    private void run() {
        while (!closed) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement statement = c.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                onNotify.run();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] batch = pg.getNotifications(WAIT_MILLIS);
                    if (batch != null && batch.length > 0) {
                        onNotify.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("listening on {} failed ({}); reconnecting in {} ms", channel, e.getMessage(),
                        RECONNECT_PAUSE.toMillis());
                try {
                    Thread.sleep(RECONNECT_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        // Named, so that an operator (or a test) can find this connection in pg_stat_activity.
        properties.setProperty("ApplicationName", "narrator-listen-" + channel);
        if (url.user() != null) {
            properties.setProperty("user", url.user());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        return DriverManager.getConnection(url.jdbcUrl(), properties);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing is all that is wanted; the thread ends either way
            }
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
