package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import narrator.app.service.Await;
import narrator.app.service.MediaServer;
import narrator.app.service.Reply;
import narrator.app.service.TestService;
import narrator.pipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speech requests take one of the MAX_CONCURRENT_JOBS slots the job workers run in (1 here): a burst of them
 * while a render runs is refused with 429, and a steady stream of them cannot keep a queued render from its slot.
 */
class SpeechSlotsTest {
    private static final Map<String, Object> SPEECH = Map.of("model", "tts-1", "voice", "alloy", "response_format", "pcm",
            "input", "One sentence. Then another one. And a third to make it last a little.");

    @TempDir
    Path data;
    @TempDir
    Path media;

    @Test
    void aBurstWhileARenderHoldsTheOnlySlotGets429sAndTheRenderCompletes() throws Exception {
        try (MediaServer inputs = new MediaServer();
             TestService service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            MediaServer.Gate gate = inputs.gated("base.mp4", TestMedia.video(media, 1, 320, 568, false));
            String job = service.submit(Map.of("script", "Held at the download.", "base_video_url", gate.url));
            Await.until("the render holds the slot, waiting for its input", TestService.JOB_DEADLINE,
                    () -> gate.arrived() == 1);

            List<CompletableFuture<Reply>> burst = IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> service.post("/v1/audio/speech", SPEECH))).toList();
            for (CompletableFuture<Reply> request : burst) {
                Reply reply = request.get();
                OpenAiSpeechTest.assertOpenAiError(reply, 429, "requests", null, "rate_limit_exceeded");
                assertEquals("1", reply.header("Retry-After"));
            }
            assertEquals("processing", service.job(job).get("status").asText());

            gate.open();
            assertEquals("completed", service.awaitEnded(job).get("status").asText());
            assertEquals(200, service.post("/v1/audio/speech", SPEECH).status(), "the slot is free again");
        }
    }

    @Test
    void aSteadyStreamOfSpeechRequestsDoesNotStarveAQueuedRender() throws Exception {
        try (TestService service = TestService.start(data, Map.of())) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger spoken = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<CompletableFuture<Void>> callers = IntStream.range(0, 3).mapToObj(i -> CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    int status = service.post("/v1/audio/speech", SPEECH).status();
                    (status == 200 ? spoken : refused).incrementAndGet();
                    assertTrue(status == 200 || status == 429, "status " + status);
                }
            })).toList();
            Await.until("speech requests keep the slot busy", TestService.JOB_DEADLINE, () -> spoken.get() >= 3);

            String job = service.submit(Map.of("script", "Rendered between speech requests."));

            assertEquals("completed", service.awaitEnded(job).get("status").asText());
            stop.set(true);
            for (CompletableFuture<Void> caller : callers) {
                caller.get();
            }
            assertTrue(spoken.get() >= 3, "spoken " + spoken + ", refused " + refused);
        }
    }

    @Test
    void aListenerThatLeavesMidStreamFreesTheSlotAndItsFfmpeg() throws Exception {
        try (TestService service = TestService.start(data, Map.of())) {
            String input = IntStream.range(0, 70).mapToObj(i -> "This is sentence number " + i + ", spoken for the test.")
                    .reduce((a, b) -> a + " " + b).orElseThrow();
            byte[] body = ("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"response_format\":\"mp3\",\"input\":\"" + input
                    + "\"}").getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket(service.base().getHost(), service.base().getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/audio/speech HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                InputStream in = socket.getInputStream();
                assertEquals("HTTP/1.1 200", new String(in.readNBytes(12), StandardCharsets.US_ASCII));
                assertEquals(1, ffmpegsOfThisProcess(), "the request's encoder runs");
                // Leaves without reading the rest, and without a goodbye: RST instead of FIN.
                socket.setSoLinger(true, 0);
            }

            Await.until("the encoder of the abandoned request is stopped", TestService.JOB_DEADLINE,
                    () -> ffmpegsOfThisProcess() == 0);
            assertEquals(200, service.post("/v1/audio/speech", SPEECH).status(), "the slot is free again");
            assertEquals("healthy", service.get("/health").json().get("status").asText());
        }
    }

    private static long ffmpegsOfThisProcess() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false)).count();
    }
}
