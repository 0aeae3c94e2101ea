package narrator.app.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Serves job inputs on 127.0.0.1: plain files, files held back until the test opens a gate, bytes
 * dripped slowly, redirects and error statuses. Counts the requests for each path.
 */
public final class MediaServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "media-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Gate> gates = new CopyOnWriteArrayList<>();

    public MediaServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.start();
    }

    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    public int hits(String name) {
        AtomicInteger count = hits.get("/" + name);
        return count == null ? 0 : count.get();
    }

    /** Serves {@code file} at {@code /name}; returns its URL. */
    public String file(String name, Path file) {
        return handle(name, exchange -> send(exchange, 200, Files.readAllBytes(file), Duration.ZERO, 0));
    }

    public String status(String name, int code) {
        return handle(name, exchange -> send(exchange, code, ("HTTP " + code).getBytes(), Duration.ZERO, 0));
    }

    public String redirect(String name, String location) {
        return handle(name, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
    }

    /** Serves {@code size} bytes in {@code chunk}-byte pieces, one every {@code every}: a slow network. */
    public String drip(String name, int size, int chunk, Duration every) {
        return handle(name, exchange -> send(exchange, 200, new byte[size], every, chunk));
    }

    /** Serves {@code size} bytes chunked, with no Content-Length: a server that does not say how much comes. */
    public String chunked(String name, int size) {
        return handle(name, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[size]);
            }
        });
    }

    /** Serves {@code file} only once the returned gate is opened (requests wait, at most a minute). */
    public Gate gated(String name, Path file) {
        Gate gate = new Gate(url(name));
        gates.add(gate);
        handle(name, exchange -> {
            gate.arrived.incrementAndGet();
            try {
                gate.latch.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                exchange.close();
                return;
            }
            send(exchange, 200, Files.readAllBytes(file), Duration.ZERO, 0);
        });
        return gate;
    }

    /** Holds back one gated input. */
    public static final class Gate {
        public final String url;
        private final CountDownLatch latch = new CountDownLatch(1);
        private final AtomicInteger arrived = new AtomicInteger();

        Gate(String url) {
            this.url = url;
        }

        public void open() {
            latch.countDown();
        }

        /** Requests that reached the gate so far. */
        public int arrived() {
            return arrived.get();
        }
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private String handle(String name, Handler handler) {
        String path = "/" + name;
        hits.putIfAbsent(path, new AtomicInteger());
        server.createContext(path, (HttpHandler) exchange -> {
            hits.get(path).incrementAndGet();
            try {
                handler.handle(exchange);
            } catch (IOException e) {
                exchange.close(); // the client went away
            }
        });
        return url(name);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, Duration every, int chunk)
            throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (chunk <= 0) {
                out.write(body);
                return;
            }
            for (int at = 0; at < body.length; at += chunk) {
                out.write(body, at, Math.min(chunk, body.length - at));
                out.flush();
                LockSupport.parkNanos(every.toNanos()); // the simulated slow network, not a test waiting
            }
        }
    }

    @Override
    public void close() {
        gates.forEach(Gate::open);
        server.stop(0);
        threads.shutdownNow();
    }
}
