package narrator.bench.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client of one node's API: submits a render, follows it to its end, and fetches what it stored. */
final class JobClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * A job at its end, as {@code GET /jobs/{id}} shows it.
     *
     * @param timingsMillis {@code timings_ms}, by stage
     * @param subtitlesUrl  the stored ASS document, as the job gives it
     * @param voiceUrl      the stored voice
     */
    record FinishedJob(String id, Instant createdAt, Instant finishedAt, Map<String, Long> timingsMillis,
                       double durationSeconds, String subtitlesUrl, String voiceUrl) {
        long millis() {
            return finishedAt.toEpochMilli() - createdAt.toEpochMilli();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    /** {@code base}: the node, {@code http://127.0.0.1:PORT}. */
    JobClient(String base) {
        this.base = base;
    }

    /** {@code POST /render} of {@code request}; the new job's id. */
    String submit(ObjectNode request) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/render"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(answer.body());
        if (answer.statusCode() != 202 || !body.path("job_id").isTextual()) {
            throw new IOException("POST /render answered " + answer.statusCode() + ": " + answer.body());
        }
        return body.get("job_id").asText();
    }

    /** Polls {@code GET /jobs/{id}} until the job ended; a job that did not complete fails the benchmark. */
    FinishedJob awaitCompleted(String id, Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            JsonNode job = JSON.readTree(get("/jobs/" + id));
            String status = job.path("status").asText();
            switch (status) {
                case "completed" -> {
                    return finished(job);
                }
                case "failed", "cancelled" -> throw new IOException("job " + id + " " + status + ": " + job.path("error"));
                default -> {
                    if (System.nanoTime() > end) {
                        throw new IOException("job " + id + " still " + status + " after " + deadline.toMinutes() + " min");
                    }
                    Thread.sleep(POLL.toMillis()); // polls the job for its end, as a client does
                }
            }
        }
    }

    /** Downloads a stored file the job named (a {@code /files/...} link of this node or an absolute URL). */
    void download(String url, Path to) throws IOException, InterruptedException {
        URI uri = URI.create(url.startsWith("/") ? base + url : url);
        HttpResponse<Path> answer = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofFile(to));
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + answer.statusCode());
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private static FinishedJob finished(JsonNode job) {
        Map<String, Long> timings = new LinkedHashMap<>();
        job.path("timings_ms").fields().forEachRemaining(e -> timings.put(e.getKey(), e.getValue().asLong()));
        return new FinishedJob(job.path("job_id").asText(), Instant.parse(job.path("created_at").asText()),
                Instant.parse(job.path("finished_at").asText()), timings, job.path("duration_seconds").asDouble(),
                job.path("subtitles_url").asText(null), job.path("voice_url").asText(null));
    }
}
