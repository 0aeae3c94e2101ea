package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import narrator.app.service.MediaServer;
import narrator.app.service.Receiver;
import narrator.app.service.Reply;
import narrator.app.service.TestService;
import narrator.pipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard at {@code /} in a real browser: Debian's headless Chromium driven by playwright-core
 * ({@code src/test/node/dashboard.mjs}; {@code ./narrator test} installs both). An operator enters the key, previews
 * a voice, submits a render from the form, watches it complete, plays it, downloads a file and sees its webhooks;
 * the screenshot stays as {@code target/dashboard.png}. Never skipped: without Chromium, Node.js or playwright-core
 * it fails saying what to install.
 */
class DashboardTest {
    private static final Path NODE_DIR = Path.of("src", "test", "node");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png").toAbsolutePath();
    private static final String KEY = "dashboard-test-key";
    private static final String[] PAGE_FILES = {"index.html", "style.css", "app.js", "api.js", "dom.js", "format.js",
        "form.js", "jobs.js", "job.js", "outputs.js"};

    @TempDir
    Path data;
    @TempDir
    Path media;

    @Test
    void anOperatorRendersFromTheFormWatchesItCompletePlaysItAndSeesItsWebhooks() throws Exception {
        requireBrowser();
        try (MediaServer inputs = new MediaServer(); Receiver receiver = new Receiver();
             TestService service = TestService.start(data, Map.of("API_KEY", KEY, "ALLOW_PRIVATE_URLS", "true",
                     "WEBHOOK_URL", receiver.url()))) {
            String video = inputs.file("base.mp4", TestMedia.video(media, 3, 320, 568, false));
            String music = inputs.file("music.m4a", TestMedia.music(media, 3));
            Files.deleteIfExists(SCREENSHOT);

            JsonNode seen = drive(Map.of("NARRATOR_URL", service.base().toString(), "NARRATOR_KEY", KEY,
                    "BASE_VIDEO_URL", video, "MUSIC_URL", music, "SCREENSHOT", SCREENSHOT.toString(),
                    "JOB_DEADLINE_MS", Long.toString(TestService.JOB_DEADLINE.toMillis())));

            assertEquals(List.of(), strings(seen.get("problems")), "errors in the page");
            assertTrue(seen.get("storedKey").asBoolean(), "the key is kept after the question");
            JsonNode voices = service.get("/voices").json();
            assertEquals(voices.get("default").asText(), seen.get("defaultVoice").asText());
            assertEquals(voices.get("voices").size(), seen.get("voices").size());
            assertTrue(seen.get("previewSeconds").asDouble() > 0.5, "the preview played a sentence: " + seen);

            // An odd side is refused before anything is queued: the code and message show, the field is marked.
            assertTrue(seen.get("refusal").asText().startsWith("INVALID_REQUEST: "), seen.get("refusal").asText());
            assertTrue(seen.get("refusal").asText().contains("size"), seen.get("refusal").asText());
            assertEquals(1, service.jobs("").size(), "only the valid submission was queued");

            // The job the page queued is the API's, built from the form's fields, and completed.
            String id = seen.get("jobId").asText();
            JsonNode job = service.job(id);
            assertEquals("completed", job.get("status").asText(), job.toString());
            assertEquals("render", job.get("kind").asText());
            assertEquals(1, inputs.hits("base.mp4"), "the form's background video was fetched");
            assertEquals(1, inputs.hits("music.m4a"), "the form's music was fetched");
            assertEquals("completed", seen.get("statusPill").asText());
            assertEquals("completed", seen.get("row").asText());
            List<String> shown = strings(seen.get("statusesShown"));
            assertEquals("completed", shown.get(shown.size() - 1), "the page followed the job: " + shown);
            assertEquals(List.of("downloading", "synthesizing", "subtitles", "rendering", "thumbnail", "uploading"),
                    strings(seen.get("timings")));

            // The video played, fetched with the key (a blob), at the form's custom size.
            JsonNode played = seen.get("video");
            assertEquals("blob", played.get("src").asText());
            assertEquals(320, played.get("width").asInt());
            assertEquals(568, played.get("height").asInt());
            assertEquals(job.get("duration_seconds").asDouble(), played.get("duration").asDouble(), 0.6, played.toString());
            assertTrue(played.get("currentTime").asDouble() > 0.5, played.toString());
            assertTrue(seen.get("voiceSeconds").asDouble() > 1, seen.toString());
            assertEquals(List.of("video", "voice", "subtitles", "srt", "vtt", "thumbnail"), strings(seen.get("downloads")));
            assertTrue(seen.get("subtitles").asText().startsWith("WEBVTT"), seen.get("subtitles").asText());
            // Karaoke captions: WebVTT times each word with a <00:00:00.000> tag between the words.
            assertTrue(seen.get("subtitles").asText().replaceAll("<[^>]*>", "").contains("Hello from the dashboard."),
                    seen.get("subtitles").asText());
            assertEquals(id + "-srt.srt", seen.get("srtFile").asText());
            assertEquals(service.get(job.get("srt_url").asText()).text(), seen.get("srt").asText());

            // The deliveries shown are the API's, the receiver as its origin only.
            List<String> api = new ArrayList<>();
            service.get("/jobs/" + id + "/webhooks").json().get("deliveries").forEach(d ->
                    api.add(d.get("event").asText() + " " + d.get("status").asText() + " " + d.get("receiver").asText()));
            List<String> page = new ArrayList<>();
            seen.get("deliveries").forEach(d ->
                    page.add(d.get("event").asText() + " " + d.get("status").asText() + " " + d.get("receiver").asText()));
            assertEquals(api, page);
            assertTrue(page.contains("video_completed delivered http://127.0.0.1:" + receiver.port()), page.toString());

            BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
            assertEquals(1280, image.getWidth());
            assertEquals(800, image.getHeight());
        }
    }

    @Test
    void thePageIsOpenItsDataIsNotAndItComesFromTheJar() throws Exception {
        try (TestService service = TestService.start(data, Map.of("API_KEY", KEY))) {
            Reply page = service.get("/", "Authorization", "");
            assertEquals(200, page.status(), page.toString());
            assertTrue(page.header("Content-Type").startsWith("text/html"), page.toString());
            for (String file : PAGE_FILES) {
                Reply asset = file.equals("index.html") ? page : service.get("/dashboard/" + file, "Authorization", "");
                assertEquals(200, asset.status(), file + ": " + asset);
                // Nothing is loaded from another host: every reference is relative to the page.
                assertFalse(Pattern.compile("(src|href)=\"(https?:)?//|import .* from \"(https?:)?//")
                        .matcher(asset.text()).find(), file);
            }
            assertTrue(service.get("/dashboard/app.js").header("Content-Type").contains("javascript"));
            ErrorCodesTest.assertError(service.get("/dashboard/missing.js", "Authorization", ""), 404, "NOT_FOUND");
            ErrorCodesTest.assertError(service.get("/jobs", "Authorization", ""), 401, "UNAUTHORIZED");
        }
    }

    /** What the API answers reaches the page as text: no script builds HTML from strings. */
    @Test
    void theScriptsNeverParseHtml() throws IOException {
        for (String file : PAGE_FILES) {
            try (InputStream in = DashboardTest.class.getResourceAsStream("/dashboard/" + file)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")) {
                    assertFalse(text.contains(sink), file + " uses " + sink);
                }
            }
        }
    }

    private static JsonNode drive(Map<String, String> env) throws Exception {
        ProcessBuilder node = new ProcessBuilder("node", "dashboard.mjs").directory(NODE_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        node.environment().putAll(env);
        Process process = node.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("node dashboard.mjs did not finish");
        }
        assertEquals(0, process.exitValue(), "node dashboard.mjs failed (its error is above; a screenshot of the "
                + "failure is in target/dashboard-failed.png); stdout: " + out);
        return new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(node -> list.add(node.asText()));
        return list;
    }

    private static void requireBrowser() throws InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("Chromium is not installed (" + CHROMIUM + "): ./narrator test installs Debian's chromium package");
        }
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
                fail("`node --version` failed: install Node.js 18+ (./narrator test installs it)");
            }
            if (Integer.parseInt(text.replaceFirst("^v(\\d+).*", "$1")) < 18) {
                fail("playwright-core needs Node.js 18 or later; this is " + text);
            }
        } catch (IOException e) {
            fail("Node.js is not installed (`node` not found): ./narrator test installs it, with playwright-core");
        }
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules").resolve("playwright-core"))) {
            fail("playwright-core is not installed: run `npm ci` in app/src/test/node (./narrator test does)");
        }
    }
}
