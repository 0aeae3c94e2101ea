package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.testing.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Scene jobs through the HTTP API: media downloaded like any input, checked at submit, probed before speech. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenesFlowTest {
    private static final String SCRIPT = """
            [scene 1] The first picture is red.

            [scene 2] Then a clip plays. It has its own sound.

            [scene 3] And the last picture is blue.
            """;

    @TempDir
    Path media;
    private MediaServer inputs;
    private TestService service;

    @BeforeAll
    void start(@TempDir Path data) {
        inputs = new MediaServer();
        service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true"));
    }

    @AfterAll
    void stop() {
        service.close();
        inputs.close();
    }

    @Test
    void aSceneJobDownloadsEverySceneAndShowsThemInTurn() throws Exception {
        String red = inputs.file("red.png", TestMedia.colour(media, "red", 600, 400));
        String clip = inputs.file("clip.mp4", TestMedia.video(media, 1.0, 320, 568, true));
        String blue = inputs.file("blue.png", TestMedia.colour(media, "blue", 300, 900));

        String id = service.submit(Map.of("script", SCRIPT, "scenes", List.of(
                Map.of("media", red, "motion", "zoom_in"),
                Map.of("media", clip, "transition", "crossfade", "transition_seconds", 0.4, "clip_audio", true),
                Map.of("media", blue))));

        JsonNode done = service.awaitEnded(id);
        assertEquals("completed", done.get("status").asText(), done.toString());
        for (String name : List.of("red.png", "clip.mp4", "blue.png")) {
            assertEquals(1, inputs.hits(name), name + " downloaded once");
        }
        Path video = Files.write(media.resolve("scenes.mp4"), service.get(done.get("video_url").asText()).body());
        String streams = new FfmpegRunner().run(List.of("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_type,width,height", "-of", "csv=p=0", video.toString()), Duration.ofSeconds(30)).stdout();
        assertTrue(streams.contains("video,320,568") && streams.contains("audio"), streams);
    }

    @Test
    void badScenesAreRefusedAtSubmitNamingTheField() {
        String image = inputs.file("still.png", TestMedia.colour(media, "green", 64, 64));
        Map<String, Object> cases = Map.of(
                "scenes", "not a list",
                "scenes[1].motion", List.of(Map.of("media", image), Map.of("media", image, "motion", "spin")),
                "scenes[0].media", List.of(Map.of("media", "ftp://example.com/a.png")),
                "scenes[0].transition_seconds", List.of(Map.of("media", image, "transition", "crossfade",
                        "transition_seconds", 9)),
                "scenes[0].clip_audio", List.of(Map.of("media", image, "clip_fit", "slow", "clip_audio", true)));
        cases.forEach((field, scenes) -> {
            Reply reply = service.post("/render", TestService.request(Map.of("scenes", scenes)));
            assertEquals(400, reply.status(), field + ": " + reply);
            assertEquals("INVALID_REQUEST", reply.errorCode(), reply.toString());
            assertEquals(field, reply.json().path("error").path("details").path("field").asText(), reply.toString());
        });
        Reply both = service.post("/render", TestService.request(Map.of("base_video_url", image,
                "scenes", List.of(Map.of("media", image)))));
        assertEquals("scenes", both.json().path("error").path("details").path("field").asText(), both.toString());
    }

    @Test
    void aBrokenSceneFailsTheJobNamingItBeforeAnySpeechIsMade() {
        String image = inputs.file("fine.png", TestMedia.colour(media, "green", 64, 64));
        String broken = inputs.file("broken.png", TestMedia.corrupt(media, "broken.png"));

        String id = service.submit(Map.of("script", "One. \n\nTwo.", "scenes", List.of(Map.of("media", image),
                Map.of("media", broken))));

        assertEquals("failed", service.awaitEnded(id).get("status").asText());
        JsonNode job = service.job(id);
        assertEquals("INVALID_MEDIA", job.path("error").path("code").asText(), job.toString());
        assertTrue(job.path("error").path("message").asText().startsWith("scenes[1]: "), job.toString());
        assertTrue(job.path("voice_url").isNull(), "no speech was made: " + job);
    }

    @Test
    void scenesThatDoNotFitTheScriptFailTheJobBeforeAnySpeechIsMade() {
        String image = inputs.file("one.png", TestMedia.colour(media, "white", 64, 64));

        String id = service.submit(Map.of("script", "Only one paragraph here.", "scenes", List.of(
                Map.of("media", image), Map.of("media", image))));

        assertEquals("failed", service.awaitEnded(id).get("status").asText());
        JsonNode job = service.job(id);
        assertEquals("INVALID_REQUEST", job.path("error").path("code").asText(), job.toString());
        assertTrue(job.path("error").path("message").asText().contains("2 scenes but the script has 1 paragraphs"),
                job.toString());
        assertTrue(job.path("voice_url").isNull(), job.toString());
    }
}
