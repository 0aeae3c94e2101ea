package narrator.app.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * The queue's JSON columns ({@code request_json}, {@code metadata_json}) as the spec codecs write and read them.
 * Fields a later version added are ignored on reading; a row that cannot be read is an internal error.
 */
final class StoredJson {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            false);

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "cannot encode the job request", e);
        }
    }

    <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "the stored job request is unreadable", e);
        }
    }

    /** The caller's metadata object as stored, empty when none was. */
    Map<String, Object> metadata(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "the stored job metadata is unreadable", e);
        }
    }
}
