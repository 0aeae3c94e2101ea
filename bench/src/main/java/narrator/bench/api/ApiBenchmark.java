package narrator.bench.api;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code narrator bench api}: starts the real service as a {@link ServiceJvm}, measures its idle RSS,
 * starts a 1080x1920 render, then times {@code POST /render} and {@code GET /status} requests (sequential, one client) while the
 * render runs, and reports p50/p99 latency and the busy RSS.
 */
public final class ApiBenchmark {
    private static final Pattern JOB_ID = Pattern.compile("\"job_id\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrintStream out;

    public ApiBenchmark(PrintStream out) {
        this.out = out;
    }

    public void run(Path jar, Map<String, String> baseEnv, int posts, int gets) throws IOException, InterruptedException {
        long startedAt = System.nanoTime();
        try (ServiceJvm service = ServiceJvm.start(jar, baseEnv, Map.of("MAX_CONCURRENT_JOBS", "1"))) {
            String base = service.base();
            out.printf(Locale.ROOT, "service started in %.2f s (pid %d)%n", (System.nanoTime() - startedAt) / 1e9,
                    service.pid());
            for (int i = 0; i < 200; i++) {
                send(get(base + "/health"));
            }
            long idleRss = service.memoryKb("VmRSS");

            String render = send(post(base + "/render", "{\"script\": " + quote(longScript())
                    + ", \"size\": \"1080x1920\"}"));
            String renderId = jobId(render);
            awaitProcessing(base, renderId);

            double[] postMs = new double[posts];
            long busyRss = 0;
            for (int i = 0; i < posts; i++) {
                long t = System.nanoTime();
                send(post(base + "/render", "{\"script\": \"Benchmark request number " + i + ". It waits in the queue.\"}"));
                postMs[i] = (System.nanoTime() - t) / 1e6;
                if (i % 100 == 0) {
                    busyRss = Math.max(busyRss, service.memoryKb("VmRSS"));
                }
            }
            double[] getMs = new double[gets];
            for (int i = 0; i < gets; i++) {
                long t = System.nanoTime();
                send(get(base + "/status/" + renderId));
                getMs[i] = (System.nanoTime() - t) / 1e6;
                if (i % 100 == 0) {
                    busyRss = Math.max(busyRss, service.memoryKb("VmRSS"));
                }
            }
            String status = send(get(base + "/status/" + renderId));
            out.printf(Locale.ROOT, "POST /render   n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms%n", posts,
                    percentile(postMs, 50), percentile(postMs, 99), percentile(postMs, 100));
            out.printf(Locale.ROOT, "GET  /status   n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms%n", gets,
                    percentile(getMs, 50), percentile(getMs, 99), percentile(getMs, 100));
            out.printf(Locale.ROOT, "service RSS    idle %.1f MB  busy %.1f MB  peak (VmHWM) %.1f MB%n", idleRss / 1024.0,
                    busyRss / 1024.0, service.memoryKb("VmHWM") / 1024.0);
            out.println("render during the load was " + (status.contains("\"processing\"") ? "still processing"
                    : "finished: " + status));
        }
    }

    private void awaitProcessing(String base, String id) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (send(get(base + "/status/" + id)).contains("\"processing\"")) {
                return;
            }
        }
        throw new IOException("the render did not start within 60 s");
    }

    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static String jobId(String json) throws IOException {
        Matcher m = JOB_ID.matcher(json);
        if (!m.find()) {
            throw new IOException("no job_id in " + json);
        }
        return m.group(1);
    }

    /** The nearest-rank percentile {@code p} (0-100) of {@code values}. */
    public static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String longScript() {
        String sentence = "This sentence keeps the render busy while the benchmark measures the API. ";
        return sentence.repeat(12);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
