package narrator.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;
import narrator.app.webhooks.WebhookSigner;

/**
 * A webhook receiver on 127.0.0.1 that records every request, checks its signature the way a real
 * receiver does, and answers with the status {@code answer} picks (200 unless told otherwise).
 */
public final class Receiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received (at {@code path}), and what the receiver answered. */
    public record Hook(String event, String eventId, String jobId, JsonNode payload, String body, boolean signed,
                       int answered, String path) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private volatile ToIntFunction<Hook> answer = hook -> 200;

    public Receiver() {
        this(0);
    }

    /** On a given port (0: any), e.g. to come back on the port a stopped receiver had. */
    public Receiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode payload = JSON.readTree(body);
            boolean signed = WebhookSigner.verify(TestService.WEBHOOK_SECRET,
                    exchange.getRequestHeaders().getFirst("X-Narrator-Timestamp"), body,
                    exchange.getRequestHeaders().getFirst("X-Narrator-Signature"), Duration.ofMinutes(5));
            Hook received = new Hook(exchange.getRequestHeaders().getFirst("X-Narrator-Event"),
                    exchange.getRequestHeaders().getFirst("X-Narrator-Event-Id"), payload.path("job_id").asText(),
                    payload, body, signed, 0, exchange.getRequestURI().getPath());
            int status = answer.applyAsInt(received);
            hooks.add(new Hook(received.event(), received.eventId(), received.jobId(), payload, body, signed, status,
                    received.path()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/hooks";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void answer(ToIntFunction<Hook> answer) {
        this.answer = answer;
    }

    /** Every request received, in arrival order. */
    public List<Hook> hooks() {
        return List.copyOf(hooks);
    }

    public List<Hook> hooks(String jobId) {
        return hooks.stream().filter(h -> h.jobId().equals(jobId)).toList();
    }

    /** The events received for a job and answered 2xx, in arrival order. */
    public List<String> delivered(String jobId) {
        return hooks(jobId).stream().filter(h -> h.answered() / 100 == 2).map(Hook::event).toList();
    }

    /** Waits for {@code event} of {@code jobId} to be delivered (answered 2xx); returns it. */
    public Hook await(String jobId, String event, Duration deadline) {
        return Await.until(event + " for job " + jobId, deadline,
                () -> hooks(jobId).stream().filter(h -> h.event().equals(event) && h.answered() / 100 == 2)
                        .findFirst().orElse(null),
                hook -> hook != null);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
