package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import narrator.app.service.Reply;
import narrator.app.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /openapi.json} and {@code /docs}: served from the jar, open without the API key, nothing from a CDN. */
class ApiDocsTest {
    @TempDir
    Path data;

    @Test
    void theDescriptionAndSwaggerUiAreServedWithoutTheKey() throws Exception {
        try (TestService service = TestService.start(data, Map.of("API_KEY", "docs-test-key"))) {
            Reply spec = service.get("/openapi.json", "Authorization", "");
            assertEquals(200, spec.status(), spec.toString());
            assertEquals("application/json", spec.header("Content-Type"));
            try (InputStream in = ApiDocs.class.getResourceAsStream("/openapi.json")) {
                assertArrayEquals(in.readAllBytes(), spec.body());
            }
            assertEquals("3.1.0", spec.json().get("openapi").asText());

            Reply page = service.get("/docs", "Authorization", "");
            assertEquals(200, page.status(), page.toString());
            assertTrue(page.header("Content-Type").startsWith("text/html"), page.toString());
            assertTrue(page.text().contains("url: \"/openapi.json\""), page.text());
            assertTrue(!page.text().contains("https://") && !page.text().contains("//cdn"), "nothing from elsewhere: " + page.text());
            for (String asset : new String[] {"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"}) {
                assertTrue(page.text().contains("/docs/assets/" + asset), asset);
                Reply file = service.get("/docs/assets/" + asset, "Authorization", "");
                assertEquals(200, file.status(), asset + ": " + file);
                assertTrue(file.body().length > 500, asset);
            }
            assertTrue(service.get("/docs/assets/swagger-ui-bundle.js").text().contains("SwaggerUIBundle"));
            // The webjar's demo page, which loads a remote petstore, is not served.
            ErrorCodesTest.assertError(service.get("/docs/assets/index.html"), 404, "NOT_FOUND");
            ErrorCodesTest.assertError(service.get("/docs/assets/swagger-initializer.js"), 404, "NOT_FOUND");
            // Everything else still needs the key.
            ErrorCodesTest.assertError(service.get("/voices", "Authorization", ""), 401, "UNAUTHORIZED");
        }
    }
}
