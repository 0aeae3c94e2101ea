package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import narrator.pipeline.testing.TestMedia;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import narrator.app.testing.S3Admin;
import software.amazon.awssdk.services.s3.S3Client;

/** The whole flow with S3 storage: s3proxy in-process, checking SigV4 signatures. */
class S3FlowTest {
    private static final String BUCKET = "automation-storage";
    private static final String KEY_ID = "narrator-key-id";
    private static final String SECRET = "narrator-secret-Hq27";

    @RegisterExtension
    final S3ProxyExtension s3 = S3ProxyExtension.builder()
            .withCredentials(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET)
            .build();

    @TempDir
    Path data;
    @TempDir
    Path media;

    private S3Client admin;

    @BeforeEach
    void createBucket() {
        admin = S3Admin.client(s3.getUri(), KEY_ID, SECRET);
        admin.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void closeClient() {
        admin.close();
    }

    @Test
    void rendersFromAndIntoTheBucketUnderTheReferenceKeys() throws Exception {
        admin.putObject(b -> b.bucket(BUCKET).key("inputs/base.mp4"),
                RequestBody.fromFile(TestMedia.video(media, 3, 320, 568, false)));
        admin.putObject(b -> b.bucket(BUCKET).key("inputs/music.m4a"), RequestBody.fromFile(TestMedia.music(media, 3)));
        try (Receiver receiver = new Receiver(); TestService service = start(SECRET)) {
            String id = service.submit(Map.of("base_video_url", "s3://" + BUCKET + "/inputs/base.mp4",
                    "bgm_url", "s3://" + BUCKET + "/inputs/music.m4a", "webhook_url", receiver.url()));

            JsonNode done = service.awaitEnded(id);

            assertEquals("completed", done.get("status").asText(), done.toString());
            String prefix = "s3://" + BUCKET + "/";
            assertEquals(prefix + "uploads/voiceovers/" + id + "-voice.wav", done.get("voice_url").asText());
            assertEquals(prefix + "uploads/subtitles/" + id + "-subs.ass", done.get("subtitles_url").asText());
            assertEquals(prefix + "uploads/renders/" + id + "-final.mp4", done.get("video_url").asText());
            assertEquals(prefix + "uploads/thumbnails/" + id + "-thumbnail.jpg", done.get("thumbnail_url").asText());
            JsonNode detail = service.job(id);
            assertEquals(prefix + "uploads/subtitles/" + id + "-subs.srt", detail.get("srt_url").asText());
            assertEquals(prefix + "uploads/subtitles/" + id + "-subs.vtt", detail.get("vtt_url").asText());
            assertEquals(prefix + "uploads/voiceovers/" + id + "-timings.json", detail.get("timings_url").asText());
            for (String key : List.of("uploads/voiceovers/" + id + "-voice.wav",
                    "uploads/voiceovers/" + id + "-timings.json", "uploads/subtitles/" + id + "-subs.ass",
                    "uploads/subtitles/" + id + "-subs.srt", "uploads/subtitles/" + id + "-subs.vtt",
                    "uploads/renders/" + id + "-final.mp4", "uploads/thumbnails/" + id + "-thumbnail.jpg")) {
                assertTrue(admin.headObject(b -> b.bucket(BUCKET).key(key)).contentLength() > 0, key);
            }

            JsonNode signed = receiver.await(id, "video_completed", Duration.ofSeconds(30)).payload().get("signed_urls");
            assertEquals(List.of("voice", "timings", "subtitles", "srt", "vtt", "video", "thumbnail"),
                    RenderFlowTest.fields(signed));
            HttpClient plain = HttpClient.newHttpClient();
            Map<String, String> keyOf = Map.of("video", "uploads/renders/" + id + "-final.mp4",
                    "thumbnail", "uploads/thumbnails/" + id + "-thumbnail.jpg",
                    "voice", "uploads/voiceovers/" + id + "-voice.wav",
                    "timings", "uploads/voiceovers/" + id + "-timings.json");
            for (Map.Entry<String, String> entry : keyOf.entrySet()) {
                URI url = URI.create(signed.get(entry.getKey()).asText());
                assertTrue(url.getQuery().contains("X-Amz-Signature="), url.toString());
                HttpResponse<byte[]> got = plain.send(HttpRequest.newBuilder(url).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, got.statusCode(), entry.getKey());
                assertArrayEquals(admin.getObjectAsBytes(b -> b.bucket(BUCKET).key(entry.getValue())).asByteArray(),
                        got.body(), entry.getKey());
            }
            // The local /files route does not exist with S3 storage.
            assertEquals("NOT_FOUND", service.get("/files/uploads/renders/" + id + "-final.mp4").errorCode());
        }
    }

    @Test
    void wrongCredentialsFailTheJobWithStorageError() {
        try (TestService service = start("not-the-secret")) {
            Reply reply = service.post("/voiceover", Map.of("script", "Hello there."));

            assertEquals(502, reply.status(), reply.toString());
            assertEquals("STORAGE_ERROR", reply.errorCode());
            assertFalse(reply.text().contains("not-the-secret"), reply.text());
            String id = reply.json().path("error").path("details").path("job_id").asText();
            JsonNode status = service.get("/status/" + id).json();
            assertEquals("failed", status.get("status").asText());
            assertEquals("STORAGE_ERROR", status.get("error_code").asText());
        }
    }

    @Test
    void inputsFromOtherBucketsAreRefusedAtSubmitUnlessListed() throws Exception {
        admin.createBucket(b -> b.bucket("someone-else"));
        admin.createBucket(b -> b.bucket("shared-inputs"));
        admin.putObject(b -> b.bucket("someone-else").key("secret.m4a"), RequestBody.fromFile(TestMedia.music(media, 1)));
        try (TestService service = start(SECRET, Map.of("S3_INPUT_BUCKETS", "shared-inputs, other"))) {
            for (String path : List.of("/render", "/render-video")) {
                Map<String, Object> body = new HashMap<>(Map.of("script", "Hello there.",
                        "bgm_url", "s3://someone-else/secret.m4a"));
                body.put("voiceover_url", "s3://" + BUCKET + "/voice.wav");
                Reply reply = service.post(path, body);

                assertEquals(400, reply.status(), reply.toString());
                assertEquals("INVALID_REQUEST", reply.errorCode());
                assertEquals("bgm_url", reply.json().path("error").path("details").path("field").asText());
                assertTrue(reply.text().contains("someone-else"), reply.text());
            }
            Reply voiceover = service.post("/render-video", Map.of("script", "Hello there.",
                    "voiceover_url", "s3://someone-else/secret.m4a"));
            assertEquals("voiceover_url", voiceover.json().path("error").path("details").path("field").asText());
            assertEquals(0, service.get("/jobs").json().get("jobs").size());
            Reply listed = service.post("/render", Map.of("script", "Hello there.",
                    "bgm_url", "s3://shared-inputs/music.m4a"));
            assertEquals(202, listed.status(), listed.toString());
        }
    }

    private TestService start(String secret) {
        return start(secret, Map.of());
    }

    private TestService start(String secret, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("STORAGE", "s3");
        settings.put("BACKBLAZE_BUCKET_NAME", BUCKET);
        settings.put("BACKBLAZE_KEY_ID", KEY_ID);
        settings.put("BACKBLAZE_APPLICATION_KEY", secret);
        settings.put("BACKBLAZE_ENDPOINT_URL", s3.getUri().toString());
        settings.put("ALLOW_PRIVATE_URLS", "true");
        return TestService.start(data, settings);
    }
}
