package narrator.bench.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service started from the jar in its own JVM with the launcher's production flags, on a
 * free loopback port with a fresh data directory, so what a benchmark measures of it (RSS above all)
 * is the service's alone. Closing it stops the JVM as systemd would and deletes the data directory.
 */
public final class ServiceJvm implements AutoCloseable {
    /** The launcher's JAVA_OPTS_DEFAULT (see {@code ./narrator} and {@code systemd/narrator.service}). */
    public static final List<String> JVM_FLAGS = List.of("-Xms16m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:ReservedCodeCacheSize=32m");

    private final Process process;
    private final Path dataDir;
    private final String base;
    /** Stops the service when the benchmark is interrupted (Ctrl-C), so it does not outlive it. */
    private final Thread stopOnExit;

    private ServiceJvm(Process process, Path dataDir, String base) {
        this.process = process;
        this.dataDir = dataDir;
        this.base = base;
        this.stopOnExit = new Thread(process::destroy, "stop-bench-service");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts {@code narrator serve} from {@code jar} with {@code env} and then {@code settings} over it
     * (PORT, HOST, DATA_DIR and API_KEY are the benchmark's), and waits until it answers {@code /health}.
     */
    public static ServiceJvm start(Path jar, Map<String, String> env, Map<String, String> settings)
            throws IOException, InterruptedException {
        return start(jar, env, settings, Files.createTempDirectory("narrator-bench-service"));
    }

    /** As {@link #start(Path, Map, Map)}, in the prepared data directory {@code data}, which closing deletes. */
    public static ServiceJvm start(Path jar, Map<String, String> env, Map<String, String> settings, Path data)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile());
        Map<String, String> values = new HashMap<>(env);
        values.putAll(settings);
        values.putAll(Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1", "DATA_DIR", data.toString(),
                "API_KEY", ""));
        builder.environment().putAll(values);
        ServiceJvm service = new ServiceJvm(builder.start(), data, "http://127.0.0.1:" + port);
        try {
            service.awaitHealthy();
        } catch (IOException | InterruptedException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String base() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A field of {@code /proc/PID/status} in kB ({@code VmRSS}, {@code VmHWM}); 0 once the JVM is gone. */
    public long memoryKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process is gone, or this is not Linux: report 0
        }
        return 0;
    }

    /** The service's FFmpeg (and any other) child processes still running. */
    public long childProcesses() {
        return process.descendants().filter(ProcessHandle::isAlive).count();
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/health")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the service exited during start-up (exit " + process.exitValue() + "); see "
                        + dataDir.resolve("service.log"));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50); // a start-up poll, not a measurement
        }
        throw new IOException("the service did not answer /health within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook stops the service
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
