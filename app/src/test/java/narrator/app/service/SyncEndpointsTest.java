package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import narrator.pipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference's synchronous endpoints: queued like any job, answered when it ends. */
class SyncEndpointsTest {
    @TempDir
    Path data;
    @TempDir
    Path media;

    @Test
    void voiceoverAnswersWithTheStoredVoice() {
        try (TestService service = TestService.start(data, Map.of())) {
            Reply reply = service.post("/voiceover", Map.of("script", "Just the voice, please."));

            assertEquals(200, reply.status(), reply.toString());
            JsonNode body = reply.json();
            assertEquals(List.of("job_id", "status", "voice_url", "error", "timings_url", "word_timing"),
                    RenderFlowTest.fields(body));
            assertEquals("completed", body.get("status").asText());
            assertTrue(body.get("error").isNull());
            String id = body.get("job_id").asText();
            assertTrue(body.get("voice_url").asText().endsWith("/files/uploads/voiceovers/" + id + "-voice.wav"));
            Reply wav = service.get(body.get("voice_url").asText());
            assertEquals(200, wav.status());
            assertEquals("RIFF", new String(wav.body(), 0, 4, StandardCharsets.US_ASCII));
            assertEquals("voiceover", service.job(id).get("kind").asText());
            assertTrue(body.get("timings_url").asText().endsWith("/files/uploads/voiceovers/" + id + "-timings.json"));
            JsonNode timings = service.get(body.get("timings_url").asText()).json();
            assertEquals("Just the voice, please.", timings.get("sentences").get(0).get("text").asText());
            assertEquals(4, timings.get("sentences").get(0).get("words").size());
            assertEquals("estimate", body.get("word_timing").asText());
        }
    }

    @Test
    void renderVideoUsesTheGivenVoiceover() {
        try (MediaServer inputs = new MediaServer();
             TestService service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            String voice = inputs.file("voice.wav", TestMedia.voiceWav(media, 2.5));
            String video = inputs.file("base.mp4", TestMedia.video(media, 2, 320, 568, false));

            Reply reply = service.post("/render-video", Map.of("script", "Words to time against the voice.",
                    "voiceover_url", voice, "base_video_url", video, "size", "320x568"));

            assertEquals(200, reply.status(), reply.toString());
            JsonNode body = reply.json();
            assertEquals("completed", body.get("status").asText());
            assertEquals(1, inputs.hits("voice.wav"));
            Reply mp4 = service.get(body.get("video_url").asText());
            assertEquals(200, mp4.status());
            assertEquals("ftyp", new String(mp4.body(), 4, 4, StandardCharsets.US_ASCII));
            assertEquals("render_video", service.job(body.get("job_id").asText()).get("kind").asText());
        }
    }
}
