package narrator.bench.segments;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's generated inputs served over HTTP on loopback, so every node downloads them as it would a
 * caller's (the nodes run with ALLOW_PRIVATE_URLS=true). Serves the plain files directly in one directory.
 */
final class InputServer implements AutoCloseable {
    private final HttpServer server;

    private InputServer(HttpServer server) {
        this.server = server;
    }

    static InputServer serve(Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String name = exchange.getRequestURI().getPath().substring(1);
                Path file = dir.resolve(name);
                if (name.isEmpty() || name.contains("/") || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream body = exchange.getResponseBody()) {
                    Files.copy(file, body);
                }
            }
        });
        server.start();
        return new InputServer(server);
    }

    /** The URL of {@code name} in the served directory. */
    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
