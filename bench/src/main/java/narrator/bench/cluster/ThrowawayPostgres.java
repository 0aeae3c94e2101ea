package narrator.bench.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server, for the cluster benchmark and the tests: Debian's {@code initdb} and
 * {@code pg_ctl} on a free loopback port in a temporary directory, with one empty database. PostgreSQL refuses
 * to run as root, so as root it runs as the {@code postgres} user ({@code runuser}). Closing it stops the server
 * and deletes its files.
 */
public final class ThrowawayPostgres implements AutoCloseable {
    private static final String USER = "narrator";
    private static final String DATABASE = "narrator";
    private static final Path ROOT = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path dir;
    private final boolean asRoot;
    private final int port;

    private ThrowawayPostgres(Path bin, Path dir, boolean asRoot, int port) {
        this.bin = bin;
        this.dir = dir;
        this.asRoot = asRoot;
        this.port = port;
    }

    /**
     * Starts the server with the server {@code settings} ({@code name=value}) over PostgreSQL's defaults, and
     * creates the database {@link #target()}; fails naming the package when PostgreSQL is not installed.
     */
    public static ThrowawayPostgres start(List<String> settings) throws IOException, InterruptedException {
        Path bin = binaries();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("narrator-pg-");
        if (asRoot) {
            run(List.of("chown", "postgres", dir.toString()), dir);
        }
        int port = freePort();
        ThrowawayPostgres server = new ThrowawayPostgres(bin, dir, asRoot, port);
        // Not flushing the new cluster's files to disk: it lives as long as this object.
        server.pg("initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", USER, "--no-sync");
        StringBuilder options = new StringBuilder("-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1");
        settings.forEach(setting -> options.append(" -c ").append(setting));
        server.pg("pg_ctl", "-D", dir.resolve("data").toString(), "-w", "-t", "60", "-l", dir.resolve("log").toString(),
                "-o", options.toString(), "start");
        try {
            server.pg("createdb", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, DATABASE);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The empty database created at start, for user {@code narrator} without a password. */
    public PostgresTarget target() {
        String address = "127.0.0.1:" + port + "/" + DATABASE;
        return new PostgresTarget("postgresql://" + USER + "@" + address, jdbcUrl(DATABASE), USER, null);
    }

    /** The JDBC URL of {@code database} on this server (user {@code narrator}, no password). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void pg(String program, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        if (asRoot) {
            argv.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        argv.add(bin.resolve(program).toString());
        argv.addAll(List.of(args));
        run(argv, dir);
    }

    private static void run(List<String> argv, Path dir) throws IOException, InterruptedException {
        Path output = Files.createTempFile("narrator-pg-run-", ".log");
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                Path log = dir.resolve("log");
                throw new IOException(String.join(" ", argv) + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(output) + (Files.exists(log) ? "server log:\n" + Files.readString(log) : ""));
            }
        } finally {
            Files.delete(output);
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} holding initdb and pg_ctl. */
    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.isDirectory(ROOT) ? Files.list(ROOT) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(bin -> versionOf(bin.getParent())))
                    .orElseThrow(() -> new IOException("PostgreSQL server binaries (initdb, pg_ctl) not found under " + ROOT
                            + "/*/bin: install Debian's postgresql package (./narrator test and ./narrator bench cluster "
                            + "do)"));
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
