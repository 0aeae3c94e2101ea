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
            // A tone is no reading of the script: its captions are stretched over it, and the caller is told.
            assertEquals("stretch", body.path("alignment").path("method").asText(), body.toString());
            assertTrue(body.path("alignment").path("confidence").asDouble() < 0.5, body.toString());
            assertTrue(body.path("warnings").path(0).asText().contains("does not match the script"), body.toString());
            assertEquals("estimate", body.path("word_timing").asText(), "stretched words are an estimate");
            assertEquals("estimate", service.get(body.get("timings_url").asText()).json().get("word_timing").asText());
        }
    }

    @Test
    void renderVideoAlignsTheCaptionsToAReadingOfTheScript() {
        String script = "The ferry leaves the harbour at nine in the morning. Passengers wait on the pier with "
                + "their bags and bicycles. When the horn sounds, the gangway is raised and the ropes come in.";
        try (MediaServer inputs = new MediaServer();
             TestService service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            // Another voice than the aligner's, slower, after 1.5 s of silence and with 1 s after it.
            String voice = inputs.file("reading.m4a", TestMedia.spoken(media, script, "en-gb-x-rp", 140, 1.5));

            Reply reply = service.post("/render-video", Map.of("script", script, "voiceover_url", voice,
                    "size", "320x568"));

            assertEquals(200, reply.status(), reply.toString());
            JsonNode body = reply.json();
            assertEquals("dtw", body.path("alignment").path("method").asText(), body.toString());
            assertTrue(body.path("alignment").path("confidence").asDouble() >= 0.5, body.toString());
            assertTrue(body.path("warnings").isMissingNode(), body.toString());
            JsonNode detail = service.job(body.get("job_id").asText());
            assertEquals(body.get("alignment"), detail.get("alignment"));
            assertEquals("alignment", body.path("word_timing").asText(), body.toString());
            assertEquals("alignment", detail.path("word_timing").asText(), detail.toString());
            // timings.json has the words where the aligner found them in the recording, as the captions do.
            JsonNode timings = service.get(detail.get("timings_url").asText()).json();
            assertEquals("alignment", timings.get("word_timing").asText());
            JsonNode sentences = timings.get("sentences");
            assertEquals(3, sentences.size());
            assertEquals(1.5, sentences.get(0).get("words").get(0).get("start").asDouble(), 0.1, timings.toString());
            JsonNode lastWords = sentences.get(2).get("words");
            assertTrue(lastWords.get(lastWords.size() - 1).get("end").asDouble()
                    < detail.get("duration_seconds").asDouble() - 0.7, timings.toString());
            String srt = service.get(detail.get("srt_url").asText()).text();
            List<Double> starts = srt.lines().filter(l -> l.contains(" --> "))
                    .map(l -> seconds(l.substring(0, l.indexOf(" --> ")))).toList();
            List<Double> ends = srt.lines().filter(l -> l.contains(" --> "))
                    .map(l -> seconds(l.substring(l.indexOf(" --> ") + 5))).toList();
            // Stretched timing would start near 0 s and end near the recording's end.
            assertEquals(1.5, starts.get(0), 0.1, srt);
            double recording = detail.get("duration_seconds").asDouble();
            assertTrue(ends.get(ends.size() - 1) < recording - 0.7, recording + " s recording: " + srt);
        }
    }

    @Test
    void renderVideoFailsOnAMismatchedVoiceoverWhenAskedTo() {
        try (MediaServer inputs = new MediaServer();
             TestService service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true",
                     "ALIGNMENT_FALLBACK", "fail"))) {
            String voice = inputs.file("voice.wav", TestMedia.voiceWav(media, 2.5));

            Reply reply = service.post("/render-video", Map.of("script", "Words that this tone never says.",
                    "voiceover_url", voice, "size", "320x568"));

            assertEquals(422, reply.status(), reply.toString());
            assertEquals("VOICEOVER_MISMATCH", reply.json().path("error").path("code").asText(), reply.toString());
            assertTrue(reply.json().path("error").path("message").asText().contains("confidence"), reply.toString());
        }
    }

    /** An SRT time, {@code HH:MM:SS,mmm}. */
    private static double seconds(String time) {
        String[] parts = time.strip().replace(',', ':').split(":");
        return Integer.parseInt(parts[0]) * 3600 + Integer.parseInt(parts[1]) * 60 + Integer.parseInt(parts[2])
                + Integer.parseInt(parts[3]) / 1000.0;
    }
}
