package narrator.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node of a test cluster: {@code narrator serve} in its own JVM on the test class path, with
 * {@link TestService#settings} plus the given settings, on a free port, logging to {@code DATA_DIR/service.log}.
 */
final class NodeProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final URI base;
    private final Process jvm;

    private NodeProcess(String name, URI base, Process jvm) {
        this.name = name;
        this.base = base;
        this.jvm = jvm;
    }

    /** Starts node {@code name} (its NODE_ID) with DATA_DIR {@code dataDir}; returns without waiting for it. */
    static NodeProcess start(String name, Path dataDir, Map<String, String> settings) {
        int port = freePort();
        Map<String, String> env = new HashMap<>(settings);
        env.put("PORT", Integer.toString(port));
        env.put("NODE_ID", name);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "narrator.app.cli.Main", "serve")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("service.log").toFile());
        builder.environment().putAll(TestService.settings(dataDir, env));
        try {
            return new NodeProcess(name, URI.create("http://127.0.0.1:" + port), builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitUp() {
        Await.until(name + " to answer /health", Duration.ofSeconds(60), () -> status("/health") == 200);
    }

    /** POST /render with a small render request plus {@code fields}; returns the job id. */
    String submit(Map<String, ?> fields) {
        try {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(base.resolve("/render"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(TestService.request(fields))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 202) {
                throw new AssertionError(name + ": POST /render answered " + reply.statusCode() + " " + reply.body());
            }
            return JSON.readTree(reply.body()).get("job_id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode job(String id) {
        try {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(base.resolve("/jobs/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code kill -9}: the node dies at once, as on a power cut; the kernel ends its FFmpeg too (pdeathsig). */
    void kill() {
        jvm.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** Sends {@code kill -SIGNAL} to the node's JVM. */
    void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(jvm.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the JVM to exit; returns its exit status, or -1 if it is still running after {@code deadline}. */
    int waitFor(Duration deadline) {
        try {
            return jvm.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS) ? jvm.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    boolean alive() {
        return jvm.isAlive();
    }

    @Override
    public void close() {
        jvm.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
