package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.testing.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /render to finished, announced, downloadable files, through local storage: one render shared
 * by named tests, so a failure names what broke.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderFlowTest {
    private static final String SCRIPT = "Hello from Narrator. This video was rendered by a test.";

    private Path media;
    private MediaServer inputs;
    private Receiver receiver;
    private TestService service;
    private Reply accepted;
    private String id;
    private JsonNode done;
    private Receiver.Hook completed;

    @BeforeAll
    void renderOnce(@TempDir Path data, @TempDir Path media) throws Exception {
        this.media = media;
        inputs = new MediaServer();
        receiver = new Receiver();
        service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true"));
        String video = inputs.file("base.mp4", TestMedia.video(media, 3, 320, 568, true));
        String music = inputs.file("music.m4a", TestMedia.music(media, 3));

        accepted = service.post("/render", Map.of("script", SCRIPT, "base_video_url", video,
                "bgm_url", music, "size", "320x568", "webhook_url", receiver.url(), "caption_style", "highlight",
                "metadata", Map.of("order", 42, "tag", "e2e")));
        assertEquals(202, accepted.status(), accepted.toString());
        id = accepted.json().get("job_id").asText();
        done = service.awaitEnded(id);
        completed = receiver.await(id, "video_completed", Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        service.close();
        receiver.close();
        inputs.close();
    }

    @Test
    void theQueuedAnswerHasTheReferenceShape() {
        JsonNode queued = accepted.json();
        assertEquals(List.of("job_id", "status", "voice_url", "subtitles_url", "video_url", "thumbnail_url", "error",
                "timings_url", "word_timing"), fields(queued), "the reference's fields first, Narrator's after them");
        assertEquals("queued", queued.get("status").asText());
        for (String field : List.of("voice_url", "subtitles_url", "video_url", "thumbnail_url", "error", "timings_url",
                "word_timing")) {
            assertTrue(queued.get(field).isNull(), field + " " + queued);
        }
    }

    @Test
    void theFinishedStatusNamesTheFourOutputsUnderTheReferenceKeys() {
        assertEquals("completed", done.get("status").asText(), done.toString());
        assertTrue(done.get("error").isNull());
        String files = "http://localhost:" + service.base().getPort() + "/files/";
        assertEquals(files + "uploads/voiceovers/" + id + "-voice.wav", done.get("voice_url").asText());
        assertEquals(files + "uploads/subtitles/" + id + "-subs.ass", done.get("subtitles_url").asText());
        assertEquals(files + "uploads/renders/" + id + "-final.mp4", done.get("video_url").asText());
        assertEquals(files + "uploads/thumbnails/" + id + "-thumbnail.jpg", done.get("thumbnail_url").asText());
    }

    @Test
    void theVideoIsASeekableMp4OfTheRequestedSizeWithSound() throws Exception {
        Reply mp4 = fetch(service, done.get("video_url").asText(), "video/mp4");
        assertEquals("ftyp", new String(mp4.body(), 4, 4, StandardCharsets.US_ASCII));
        Path saved = Files.write(media.resolve("final.mp4"), mp4.body());
        String streams = new FfmpegRunner().run(List.of("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_type,width,height", "-of", "csv=p=0", saved.toString()), Duration.ofSeconds(30)).stdout();
        assertTrue(streams.contains("video,320,568"), streams);
        assertTrue(streams.contains("audio"), streams);
        Reply range = service.get(done.get("video_url").asText(), "Range", "bytes=4-7");
        assertEquals(206, range.status(), "players can seek: " + range);
        assertEquals("ftyp", new String(range.body(), StandardCharsets.US_ASCII));
        assertEquals("bytes 4-7/" + mp4.body().length, range.header("Content-Range"));
    }

    @Test
    void theVoiceSubtitlesAndThumbnailAreServedWithTheirTypes() {
        Reply wav = fetch(service, done.get("voice_url").asText(), "audio/wav");
        assertEquals("RIFF", new String(wav.body(), 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(wav.body(), 8, 4, StandardCharsets.US_ASCII));
        Reply ass = fetch(service, done.get("subtitles_url").asText(), "text/x-ssa; charset=utf-8");
        assertTrue(ass.text().contains("[Script Info]"), ass.text());
        assertTrue(ass.text().contains("{\\1c&H00D7FF&}Hello{\\1c&HFFFFFF&} from Narrator."),
                "caption_style highlight colours the word being spoken: " + ass.text());
        Reply jpeg = fetch(service, done.get("thumbnail_url").asText(), "image/jpeg");
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, Arrays.copyOf(jpeg.body(), 3));
    }

    @Test
    void theJobDetailShowsProgressTimingsMetadataAndTheOtherSubtitleFormats() {
        JsonNode detail = service.job(id);
        assertEquals(100.0, detail.get("progress").asDouble(), detail.toString());
        assertEquals("render", detail.get("kind").asText());
        assertEquals(1, detail.get("attempts").asInt());
        List<String> timed = new java.util.ArrayList<>();
        detail.get("timings_ms").fieldNames().forEachRemaining(timed::add);
        assertEquals(List.of("downloading", "synthesizing", "subtitles", "rendering", "thumbnail", "uploading"), timed,
                "every stage, in the order a job goes through them");
        assertEquals(Map.of("order", 42, "tag", "e2e"), new com.fasterxml.jackson.databind.ObjectMapper()
                .convertValue(detail.get("metadata"), Map.class));
        Reply srt = fetch(service, detail.get("srt_url").asText(), "application/x-subrip; charset=utf-8");
        assertTrue(srt.text().contains("00:00:00,"), srt.text());
        Reply vtt = fetch(service, detail.get("vtt_url").asText(), "text/vtt; charset=utf-8");
        assertTrue(vtt.text().startsWith("WEBVTT"), vtt.text());
    }

    @Test
    void timingsJsonGivesEverySentenceAndWordAndTheStatusSaysHowWordsWereTimed() {
        String files = "http://localhost:" + service.base().getPort() + "/files/";
        assertEquals(files + "uploads/voiceovers/" + id + "-timings.json", done.get("timings_url").asText());
        assertEquals("estimate", done.get("word_timing").asText(), "espeak-ng reports no durations");
        JsonNode detail = service.job(id);
        assertEquals(done.get("timings_url"), detail.get("timings_url"));
        assertEquals("estimate", detail.get("word_timing").asText());
        JsonNode timings = fetch(service, done.get("timings_url").asText(), "application/json").json();
        JsonNode sentences = timings.get("sentences");
        assertTrue(sentences.get(0).get("text").asText().startsWith("Hello from Narrator."), timings.toString());
        List<String> words = new java.util.ArrayList<>();
        double before = 0;
        for (JsonNode sentence : sentences) {
            sentence.get("words").forEach(w -> words.add(w.get("text").asText()));
            assertTrue(sentence.get("start").asDouble() >= before, timings.toString());
            assertEquals(sentence.get("start").asDouble(), sentence.get("words").get(0).get("start").asDouble());
            before = sentence.get("end").asDouble();
        }
        assertEquals(List.of(SCRIPT.split(" ")), words, "every word, as written");
        assertTrue(before <= timings.get("duration_seconds").asDouble() && before > 2, timings.toString());
        assertEquals(done.get("timings_url"), completed.payload().get("timings_url"));
        assertTrue(completed.payload().get("signed_urls").isObject());
    }

    @Test
    void webhooksAnnounceEachStepOnceSignedAndWithTheMetadata() {
        List<String> events = receiver.delivered(id);
        assertEquals("job_started", events.get(0), events.toString());
        assertEquals("video_completed", events.get(events.size() - 1), events.toString());
        assertTrue(events.indexOf("voiceover_uploaded") > 0, events.toString());
        assertEquals(1, events.stream().filter("voiceover_uploaded"::equals).count(), events.toString());
        for (Receiver.Hook hook : receiver.hooks(id)) {
            assertTrue(hook.signed(), "valid signature on " + hook.event());
            assertEquals(42, hook.payload().path("metadata").path("order").asInt(), hook.body());
            assertEquals("e2e", hook.payload().path("metadata").path("tag").asText(), hook.body());
            assertEquals(hook.eventId(), hook.payload().path("event_id").asText());
        }
    }

    @Test
    void videoCompletedHasTheReferenceFieldsFirstAndTheStatusUrls() {
        // The reference's fields first, in the reference's order; Narrator's additions after them.
        assertEquals(List.of("event", "job_id", "voice_url", "subtitles_url", "video_url", "thumbnail_url",
                "timestamp"), fields(completed.payload()).subList(0, 7));
        for (String url : List.of("voice_url", "subtitles_url", "video_url", "thumbnail_url")) {
            assertEquals(done.get(url), completed.payload().get(url), url);
        }
        assertTrue(completed.payload().get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }

    @Test
    void voiceoverUploadedHasTheReferenceFieldsFirst() {
        JsonNode voiced = receiver.hooks(id).stream().filter(h -> h.event().equals("voiceover_uploaded"))
                .findFirst().orElseThrow().payload();
        assertEquals(List.of("event", "job_id", "voice_url", "timestamp"), fields(voiced).subList(0, 4));
        assertEquals(done.get("voice_url"), voiced.get("voice_url"));
        assertEquals(done.get("timings_url"), voiced.get("timings_url"), "the timings come with the voice");
    }

    private static Reply fetch(TestService service, String url, String contentType) {
        Reply reply = service.get(url);
        assertEquals(200, reply.status(), url + ": " + reply);
        assertEquals(contentType, reply.header("Content-Type"), url);
        assertFalse(reply.body().length == 0, url);
        return reply;
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
