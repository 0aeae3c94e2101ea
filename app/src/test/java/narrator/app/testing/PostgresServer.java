package narrator.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import narrator.app.db.DatabaseUrl;
import narrator.bench.cluster.ThrowawayPostgres;

/**
 * A real, throwaway PostgreSQL server for tests ({@link ThrowawayPostgres}: Debian's {@code initdb} and
 * {@code pg_ctl} on a free port in a temporary directory, as the {@code postgres} user when run as root), started
 * once per test JVM (on first use) and stopped, with its files removed, when the JVM exits. Each caller gets a
 * fresh database of its own.
 */
public final class PostgresServer {
    private static final String USER = "narrator";
    /** Durability is not what these tests check; without flushes CREATE DATABASE and commits are fast. */
    private static final List<String> SETTINGS = List.of("fsync=off", "synchronous_commit=off", "full_page_writes=off",
            "max_connections=300");
    private static PostgresServer shared;

    private final ThrowawayPostgres server;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(ThrowawayPostgres server) {
        this.server = server;
    }

    /** The server of this test JVM, started on first use; failing (never skipping) when PostgreSQL is not installed. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                shared = new PostgresServer(ThrowawayPostgres.start(SETTINGS));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL server: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the test PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-test-server-stop"));
        }
        return shared;
    }

    /** A new, empty database on this server. */
    public DatabaseUrl.Postgres createDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), USER, "");
                Statement statement = c.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new DatabaseUrl.Postgres(server.jdbcUrl(name), USER, null);
    }

    private void stop() {
        try {
            server.close();
        } catch (IOException | InterruptedException e) {
            // best effort at JVM exit: the temporary directory is all that may be left behind
        }
    }
}
