package narrator.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** One HTTP answer, read whole. */
public record Reply(int status, HttpHeaders headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (HTTP " + status + "): " + text(), e);
        }
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The {@code error.code} of an error body. */
    public String errorCode() {
        return json().path("error").path("code").asText(null);
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + (body.length > 2000 ? text().substring(0, 2000) + "..." : text());
    }
}
