package narrator.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import narrator.app.jobs.WorkSlots;
import narrator.app.openai.OpenAiVoices;
import narrator.app.openai.SpeechRequest;
import narrator.app.openai.SpeechStreamer;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI's speech API ({@code POST /v1/audio/speech}, {@code GET /v1/models}). A speech request synthesizes
 * on the request's thread, in one of the node's {@link WorkSlots} (the job workers' {@code MAX_CONCURRENT_JOBS}):
 * it waits at most {@link #SLOT_WAIT} for one, then answers 429 as OpenAI does when it is overloaded.
 */
final class OpenAiRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiRoutes.class);
    /** Long enough to ride out a sentence or two of another request, short enough for a client to retry. */
    static final Duration SLOT_WAIT = Duration.ofSeconds(2);
    /** {@code created} of every listed model: when Narrator's speech API appeared (2026-12-01). */
    private static final long CREATED = 1_796_083_200L;

    private final ObjectMapper json;
    private final SpeechStreamer streamer;
    private final WorkSlots slots;
    private final OpenAiVoices voices;
    private final java.util.function.Supplier<String> defaultVoice;

    OpenAiRoutes(ObjectMapper json, SpeechStreamer streamer, WorkSlots slots, OpenAiVoices voices,
                 java.util.function.Supplier<String> defaultVoice) {
        this.json = json;
        this.streamer = streamer;
        this.slots = slots;
        this.voices = voices;
        this.defaultVoice = defaultVoice;
    }

    Map<String, Object> models() {
        List<Map<String, Object>> data = SpeechRequest.MODELS.stream().map(id -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("id", id);
            model.put("object", "model");
            model.put("created", CREATED);
            model.put("owned_by", "narrator");
            return model;
        }).toList();
        return Map.of("object", "list", "data", data);
    }

    /** Answers the audio as it is made (chunked); {@code answered} marks the response as written by the API. */
    void speech(Context ctx, Runnable answered) throws InterruptedException {
        SpeechRequest request = SpeechRequest.parse(json, ctx.body(), voices, defaultVoice.get());
        if (!slots.take(SLOT_WAIT)) {
            ctx.header("Retry-After", "1");
            throw new NarratorException(ErrorCode.BUSY, "every work slot is taken (MAX_CONCURRENT_JOBS); retry shortly");
        }
        try (SpeechStreamer.Audio audio = streamer.open(request)) {
            // From here the status is sent: a failure can only cut the stream short.
            ctx.status(200);
            ctx.res().setContentType(audio.format().contentType());
            answered.run();
            try {
                audio.writeTo(ctx.res().getOutputStream());
            } catch (IOException | UncheckedIOException e) {
                LOG.info("speech request ended early: the client went away ({})", e.getMessage());
            } catch (NarratorException e) {
                LOG.warn("speech request failed after its first sentence was sent: {}", e.getMessage());
            }
        } finally {
            slots.give();
        }
    }
}
