package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import narrator.app.service.Reply;
import narrator.app.service.TestService;
import narrator.pipeline.render.FfmpegRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /v1/audio/speech} and {@code GET /v1/models} over plain HTTP, on a real service with espeak voices. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiSpeechTest {
    static final String KEY = "sk-narrator-test";
    static final String THREE_SENTENCES = "The first sentence is here. A second one follows it. And the third ends it.";

    private TestService service;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        this.dir = dir;
        service = TestService.start(Files.createDirectories(dir.resolve("data")), Map.of("API_KEY", KEY,
                "OPENAI_VOICE_MAP", "alloy=espeak:de, Echo=espeak:fr"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private Reply speech(Map<String, ?> fields) {
        return service.post("/v1/audio/speech", fields);
    }

    private static Map<String, Object> request(String format, String voice) {
        return Map.of("model", "tts-1", "input", THREE_SENTENCES, "voice", voice, "response_format", format);
    }

    @Test
    void wavIsStreamedWithAnOpenEndedHeaderAndThePcmOpenAiSends() {
        Reply wav = speech(request("wav", "espeak:en-us"));
        Reply pcm = speech(request("pcm", "espeak:en-us"));

        assertEquals(200, wav.status(), wav.toString());
        assertEquals("audio/wav", wav.header("Content-Type"));
        ByteBuffer header = ByteBuffer.wrap(wav.body(), 0, 44).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav.body(), 0, 4, StandardCharsets.US_ASCII));
        assertEquals(-1, header.getInt(4), "RIFF size unknown while streaming");
        assertEquals(1, header.getShort(22), "mono");
        assertEquals(24_000, header.getInt(24), "24 kHz as OpenAI");
        assertEquals(16, header.getShort(34));
        assertEquals(-1, header.getInt(40), "data size unknown while streaming");

        assertEquals(200, pcm.status(), pcm.toString());
        assertEquals("audio/pcm", pcm.header("Content-Type"));
        // espeak-ng's output varies by a few samples from run to run, so lengths are compared, not bytes.
        assertEquals(wav.body().length - 44, pcm.body().length, 2400, "pcm is wav's samples without its header");
        // Three sentences of espeak plus two pauses of 0.35 s: several seconds at 24 kHz, 2 bytes a sample.
        double seconds = pcm.body().length / 48_000.0;
        assertTrue(seconds > 3 && seconds < 12, "seconds: " + seconds);
    }

    @Test
    void eachSentenceLeavesAsItsOwnChunkBeforeTheNextIsMade() throws IOException {
        byte[] body = ("{\"model\":\"tts-1\",\"voice\":\"espeak:en-us\",\"response_format\":\"pcm\",\"input\":\""
                + THREE_SENTENCES + "\"}").getBytes(StandardCharsets.UTF_8);
        List<Integer> chunks = new ArrayList<>();
        try (Socket socket = new Socket(service.base().getHost(), service.base().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/audio/speech HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readLine(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            boolean chunked = false;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                chunked |= line.equalsIgnoreCase("Transfer-Encoding: chunked");
            }
            assertTrue(chunked, "streamed with chunked transfer encoding");
            for (int size = Integer.parseInt(readLine(in), 16); size > 0; size = Integer.parseInt(readLine(in), 16)) {
                chunks.add(size);
                assertEquals(size, in.readNBytes(size).length);
                readLine(in);
            }
        }
        // The server cuts a flushed write into chunks of at most its buffer's size: each sentence's flush
        // ends with a shorter chunk.
        int full = chunks.stream().mapToInt(Integer::intValue).max().orElse(0);
        assertEquals(3, chunks.stream().filter(size -> size < full).count(), "one flush per sentence: " + chunks);
        chunks.forEach(size -> assertEquals(0, size % 2, "whole 16-bit samples: " + chunks));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mp3, audio/mpeg, mp3, mp3", "opus, audio/ogg, ogg, opus", "aac, audio/aac, aac, aac",
            "flac, audio/flac, flac, flac"})
    void compressedFormatsAreEncodedByFfmpegAt24kHz(String format, String contentType, String container, String codec)
            throws IOException {
        Reply reply = speech(request(format, "espeak:en-us"));

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(contentType, reply.header("Content-Type"));
        Path file = Files.write(dir.resolve("speech." + format), reply.body());
        String probe = new FfmpegRunner().run(List.of("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name,sample_rate,channels", "-of", "csv=p=0", file.toString()), java.time.Duration.ofSeconds(30))
                .stdout().strip();
        // Opus always decodes at 48 kHz, whatever rate went in.
        assertEquals(codec + (codec.equals("opus") ? ",48000,1" : ",24000,1"), probe, container);
    }

    @Test
    void openAiVoiceNamesSpeakWithTheMappedVoiceOrTheDefault() {
        // espeak-ng's output varies by a few samples from run to run: voices are told apart by length.
        int alloy = speech(request("pcm", "alloy")).body().length;
        int echo = speech(request("pcm", "echo")).body().length;
        int nova = speech(request("pcm", "nova")).body().length;
        int german = speech(request("pcm", "espeak:de")).body().length;
        int french = speech(request("pcm", "espeak:fr")).body().length;
        int english = speech(request("pcm", "espeak:en-us")).body().length;

        assertEquals(german, alloy, 2400, "alloy=espeak:de");
        assertEquals(french, echo, 2400, "Echo=espeak:fr, names match in any case");
        assertEquals(english, nova, 2400, "unmapped: the default voice");
        assertTrue(Math.abs(german - english) > 9600 && Math.abs(french - english) > 9600,
                german + " " + french + " " + english);
    }

    @Test
    void speedChangesTheLengthWithinNarratorsRange() {
        int normal = speech(request("pcm", "espeak:en-us")).body().length;
        Map<String, Object> fast = new java.util.HashMap<>(request("pcm", "espeak:en-us"));
        fast.put("speed", 2.0);
        fast.put("instructions", "Speak cheerfully.");
        Reply reply = speech(fast);

        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.body().length < normal * 0.8, reply.body().length + " vs " + normal);
    }

    @Test
    void modelsAreListedInOpenAisShape() {
        JsonNode list = service.get("/v1/models").json();

        assertEquals("list", list.get("object").asText());
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(m -> {
            ids.add(m.get("id").asText());
            assertEquals("model", m.get("object").asText());
            assertEquals("narrator", m.get("owned_by").asText());
            assertTrue(m.get("created").isNumber());
        });
        assertEquals(List.of("tts-1", "tts-1-hd", "gpt-4o-mini-tts"), ids);
    }

    @ParameterizedTest(name = "{0} -> {1} {3}")
    @CsvSource(delimiter = '|', value = {
            "{\"model\":\"tts-1\",\"voice\":\"alloy\"}|400|invalid_request_error|input|invalid_request",
            "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"  \"}|400|invalid_request_error|input|invalid_request",
            "{\"model\":\"tts-1\",\"input\":\"Hi.\"}|400|invalid_request_error|voice|invalid_request",
            "{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":\"piper:nope\"}|400|invalid_request_error|voice|unknown_voice",
            "{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":\"alloy\",\"speed\":4}|400|invalid_request_error|speed|invalid_request",
            "{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":\"alloy\",\"speed\":0.25}|400|invalid_request_error|speed|invalid_request",
            "{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":\"alloy\",\"response_format\":\"ogg\"}|400|invalid_request_error|response_format|invalid_request",
            "{\"model\":\"whisper-1\",\"input\":\"Hi.\",\"voice\":\"alloy\"}|404|invalid_request_error|model|model_not_found",
            "{\"model\":\"tts-1\",\"input\":\"* * *\",\"voice\":\"alloy\"}|422|invalid_request_error|input|invalid_text",
            "not json|400|invalid_request_error||invalid_request"})
    void errorsComeInOpenAisShape(String body, int status, String type, String param, String code) {
        Reply reply = service.post("/v1/audio/speech", body);

        assertOpenAiError(reply, status, type, param, code);
    }

    @Test
    void theApiKeyIsABearerTokenAndOtherV1PathsAnswerInOpenAisShapeToo() {
        assertOpenAiError(service.post("/v1/audio/speech", request("pcm", "alloy"), "Authorization", "Bearer wrong"),
                401, "invalid_request_error", null, "invalid_api_key");
        assertOpenAiError(service.get("/v1/audio/voices"), 404, "invalid_request_error", null, "not_found");
        assertOpenAiError(service.get("/v1/audio/speech"), 405, "invalid_request_error", null, "method_not_allowed");
    }

    static void assertOpenAiError(Reply reply, int status, String type, String param, String code) {
        assertEquals(status, reply.status(), reply.toString());
        assertEquals("application/json", reply.header("Content-Type"));
        JsonNode error = reply.json().get("error");
        assertEquals(List.of("message", "type", "param", "code"), fields(error), reply.toString());
        assertFalse(error.get("message").asText().isBlank());
        assertEquals(type, error.get("type").asText());
        assertEquals(param, error.get("param").isNull() ? null : error.get("param").asText(), reply.toString());
        assertEquals(code, error.get("code").asText());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
