package narrator.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import narrator.app.db.DatabaseUrl;

/**
 * A real, throwaway PostgreSQL server for tests: Debian's {@code initdb} and {@code pg_ctl} on a free port in a
 * temporary directory, started once per test JVM (on first use) and stopped, with its files removed, when the JVM
 * exits. Each caller gets a fresh database of its own. PostgreSQL refuses to run as root, so as root the server
 * runs as the {@code postgres} user ({@code runuser}), in a directory given to that user.
 */
public final class PostgresServer {
    private static final String USER = "narrator";
    private static PostgresServer shared;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path dir, int port, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
    }

    /** The server of this test JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-test-server-stop"));
        }
        return shared;
    }

    /** A new, empty database on this server. */
    public DatabaseUrl.Postgres createDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement statement = c.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new DatabaseUrl.Postgres(jdbcUrl(name), USER, null);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresServer start() {
        Path bin = binaries();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("narrator-pg-");
            if (asRoot) {
                run(List.of("chown", "postgres", dir.toString()), dir, false);
            }
            int port = freePort();
            PostgresServer server = new PostgresServer(bin, dir, port, asRoot);
            server.pg("initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", USER, "--no-sync");
            // Durability is not what these tests check; fsync off keeps CREATE DATABASE and commits fast.
            server.pg("pg_ctl", "-D", dir.resolve("data").toString(), "-w", "-t", "60", "-l", dir.resolve("log").toString(),
                    "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                    "start");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
        }
    }

    private void stop() {
        try {
            pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // best effort: the temporary directory is all that is left behind
            }
        }
    }

    private void pg(String program, String... args) {
        List<String> argv = new ArrayList<>();
        if (asRoot) {
            argv.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        argv.add(bin.resolve(program).toString());
        argv.addAll(List.of(args));
        run(argv, dir, true);
    }

    private static void run(List<String> argv, Path dir, boolean logged) {
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
            Path output = Files.createTempFile("narrator-pg-run-", ".log");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(argv + " did not finish within 120 s");
            }
            String text = Files.readString(output);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(argv + " failed (exit " + process.exitValue() + "):\n" + text
                        + (logged ? serverLog(dir) : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        }
    }

    private static String serverLog(Path dir) {
        try {
            return Files.exists(dir.resolve("log")) ? "\nserver log:\n" + Files.readString(dir.resolve("log")) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin}; failing (never skipping) when there is none. */
    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> versionOf(bin.getParent())))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found under "
                            + root + "/*/bin: run ./narrator test, which installs Debian's postgresql package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int versionOf(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
