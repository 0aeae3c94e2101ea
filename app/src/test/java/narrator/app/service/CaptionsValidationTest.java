package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A captions request is checked at submit, in both shapes: 400 INVALID_REQUEST naming the field, nothing queued. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptionsValidationTest {
    private static final String VIDEO = "https://media.example.com/mine.mp4";
    private static final List<Map<String, Object>> CUE = List.of(Map.of("text", "Hi", "start", 0, "end", 1));

    private TestService service;

    @BeforeAll
    void start(@TempDir Path data) {
        service = TestService.start(data, Map.of());
    }

    @AfterAll
    void stop() {
        service.close();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of(Map.of("cues", CUE), "video_url"),
                Arguments.of(Map.of("video_url", "ftp://host/v.mp4", "cues", CUE), "video_url"),
                Arguments.of(Map.of("video_url", VIDEO), "cues"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", List.of()), "cues"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", List.of("text")), "cues[0]"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", List.of(Map.of("text", " ", "start", 0, "end", 1))),
                        "cues[0].text"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", List.of(Map.of("text", "a", "start", -1, "end", 1))),
                        "cues[0].start"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", List.of(Map.of("text", "a", "start", 0, "end", 1),
                        Map.of("text", "b", "start", 2, "end", 2))), "cues[1].end"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", List.of(Map.of("text", "a", "start", "0", "end", 1))),
                        "cues[0].start"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", List.of(Map.of("text", "a", "start", 0, "end", 1,
                        "style", Map.of("color", "yellow")))), "cues[0].style"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", List.of(Map.of("text", "a", "start", 0, "end", 1,
                        "style", Map.of("fontSize", 2)))), "cues[0].style"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", List.of(Map.of("text", "a", "start", 0, "end", 1,
                        "style", Map.of("blink", true)))), "cues[0].style"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", CUE, "options", Map.of("width", 321, "height", 240)),
                        "options"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", CUE, "options", Map.of("width", 320)), "options"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", CUE, "options", Map.of("fps", 0)), "options.fps"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", CUE, "options", Map.of("format", "webm")),
                        "options.format"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", CUE, "options", Map.of("quality", "ultra")),
                        "options.quality"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", CUE, "callback_url", "not a url"), "callback_url"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", CUE, "callback_url", "http://127.0.0.1:9/cb"),
                        "callback_url"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", CUE, "callback_style", "pigeons"), "callback_style"),
                Arguments.of(Map.of("video_url", VIDEO, "cues", CUE, "job_id", "../etc"), "job_id"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void narratorsShapeIsRefusedNamingTheField(Map<String, Object> body, String field) {
        assertRefused(service.post("/captions", body), field);
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void theRenderServersShapeIsRefusedTheSameWay(Map<String, Object> body, String field) {
        Map<String, Object> camel = new java.util.LinkedHashMap<>();
        body.forEach((name, value) -> camel.put(switch (name) {
            case "video_url" -> "videoUrl";
            case "callback_url" -> "callbackUrl";
            case "job_id" -> "jobId";
            default -> name;
        }, value));
        if (camel.containsKey("cues")) {
            camel.put("scenario", Map.of("cues", camel.remove("cues")));
        } else {
            camel.put("scenario", Map.of());
        }
        assertRefused(service.post("/render", camel), field);
    }

    private void assertRefused(Reply reply, String field) {
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("INVALID_REQUEST", reply.json().get("error").get("code").asText(), reply.toString());
        assertEquals(field, reply.json().get("error").get("details").get("field").asText(), reply.toString());
        assertEquals(0, service.jobs("").size(), "nothing queued");
    }
}
