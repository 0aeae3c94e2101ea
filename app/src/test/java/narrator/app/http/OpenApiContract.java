package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import narrator.app.service.Reply;

/**
 * Checks real answers against {@code openapi.json}: the status must be described for the operation, and a JSON
 * body must validate against the described schema (JSON Schema 2020-12, as OpenAPI 3.1 uses, by networknt's
 * validator with the spec as the schema document, so its {@code $ref}s resolve as written).
 */
final class OpenApiContract {
    private static final String SPEC_URI = "https://narrator.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    final JsonNode spec;
    private final SchemaRegistry schemas;

    OpenApiContract() {
        String text;
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            spec = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(SPEC_URI, text)));
    }

    /** {@code reply} is one of the answers {@code method path} (a spec path, e.g. {@code /jobs/{id}}) describes. */
    void assertDescribed(String method, String path, Reply reply) {
        String operation = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT);
        assertFalse(spec.at(operation).isMissingNode(), method + " " + path + " is not described");
        String response = operation + "/responses/" + reply.status();
        if (spec.at(response).isMissingNode()) {
            fail(method + " " + path + " answered " + reply.status() + ", which the spec does not describe: " + reply);
        }
        response = followRef(response);
        // Parameters (charset) aside: the spec lists media types.
        String mediaType = reply.header("Content-Type").split(";")[0].strip();
        JsonNode content = spec.at(response + "/content");
        if (content.isMissingNode()) {
            return;
        }
        assertTrue(content.has(mediaType) || content.has("*/*"),
                method + " " + path + " " + reply.status() + " answered " + mediaType + ", described: " + content.toString());
        if (mediaType.equals("application/json")) {
            assertValid(response + "/content/application~1json/schema", reply.text(), method + " " + path + " " + reply.status());
        }
    }

    /** A webhook body as a receiver got it is the described payload of {@code event}. */
    void assertWebhook(String event, String body) {
        String request = "/webhooks/" + event + "/post/requestBody/content/application~1json/schema";
        assertFalse(spec.at(request).isMissingNode(), "webhook " + event + " is not described");
        assertValid(request, body, "webhook " + event);
    }

    private void assertValid(String pointer, String body, String what) {
        List<Error> errors = schemas.getSchema(SchemaLocation.of(SPEC_URI + "#" + pointer)).validate(body, InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), what + " does not match its schema: " + body);
    }

    /** A response given as {@code $ref} to {@code #/components/responses/...}: the pointer to that response. */
    private String followRef(String pointer) {
        JsonNode ref = spec.at(pointer + "/$ref");
        return ref.isMissingNode() ? pointer : ref.asText().substring(1);
    }

    static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
