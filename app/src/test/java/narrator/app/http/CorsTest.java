package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import narrator.app.config.ConfigException;
import narrator.app.config.CorsOrigins;
import narrator.app.service.Reply;
import narrator.app.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code CORS_ORIGINS} over real HTTP: listed origins get CORS headers and answered preflights, others none. */
class CorsTest {
    private static final String APP = "https://app.example.com";
    private static final String KEY = "cors-test-key";

    @TempDir
    Path data;

    @Test
    void aListedOriginMayCallTheApiAndItsPreflightIsAnsweredWithoutTheKey() {
        try (TestService service = TestService.start(data, Map.of("API_KEY", KEY,
                "CORS_ORIGINS", "http://localhost:3000, " + APP))) {
            Reply preflight = service.send("OPTIONS", "/render", null, "Authorization", "", "Origin", APP,
                    "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "authorization, content-type, idempotency-key");
            assertEquals(204, preflight.status(), preflight.toString());
            assertEquals(APP, preflight.header("Access-Control-Allow-Origin"));
            assertEquals("GET, POST", preflight.header("Access-Control-Allow-Methods"));
            assertEquals("Authorization, Content-Type, Idempotency-Key", preflight.header("Access-Control-Allow-Headers"));
            assertEquals("600", preflight.header("Access-Control-Max-Age"));
            assertEquals("Origin", preflight.header("Vary"));

            Reply voices = service.get("/voices", "Origin", APP);
            assertEquals(200, voices.status(), voices.toString());
            assertEquals(APP, voices.header("Access-Control-Allow-Origin"));
            assertEquals("Origin", voices.header("Vary"));
            assertTrue(voices.header("Access-Control-Expose-Headers").contains("Retry-After"), voices.toString());

            // An error must reach the page too, or it cannot tell a wrong key from a network failure.
            Reply refused = service.get("/voices", "Origin", "http://localhost:3000", "Authorization", "Bearer wrong");
            ErrorCodesTest.assertError(refused, 401, "UNAUTHORIZED");
            assertEquals("http://localhost:3000", refused.header("Access-Control-Allow-Origin"));
        }
    }

    @Test
    void anOriginNotListedGetsNoCorsHeaders() {
        try (TestService service = TestService.start(data, Map.of("API_KEY", KEY, "CORS_ORIGINS", APP))) {
            Reply voices = service.get("/voices", "Origin", "https://evil.example.net");
            assertEquals(200, voices.status(), voices.toString());
            assertNull(voices.header("Access-Control-Allow-Origin"), voices.toString());
            assertNull(voices.header("Access-Control-Expose-Headers"), voices.toString());
            assertEquals("Origin", voices.header("Vary"), "the answer still depends on Origin");

            Reply preflight = service.send("OPTIONS", "/render", null, "Authorization", "",
                    "Origin", "https://evil.example.net", "Access-Control-Request-Method", "POST");
            ErrorCodesTest.assertError(preflight, 401, "UNAUTHORIZED");
            assertNull(preflight.header("Access-Control-Allow-Origin"), preflight.toString());
            assertNull(preflight.header("Access-Control-Allow-Methods"), preflight.toString());
        }
    }

    @Test
    void byDefaultNoOriginGetsCorsHeadersAndAPreflightIsNotAnswered() {
        try (TestService service = TestService.start(data, Map.of())) {
            Reply voices = service.get("/voices", "Origin", APP);
            assertEquals(200, voices.status(), voices.toString());
            assertNull(voices.header("Access-Control-Allow-Origin"), voices.toString());
            assertNull(voices.header("Vary"), voices.toString());

            Reply preflight = service.send("OPTIONS", "/render", null, "Origin", APP, "Access-Control-Request-Method", "POST");
            ErrorCodesTest.assertError(preflight, 405, "METHOD_NOT_ALLOWED");
            assertNull(preflight.header("Access-Control-Allow-Origin"), preflight.toString());
        }
    }

    @Test
    void aStarAllowsEveryOrigin() {
        try (TestService service = TestService.start(data, Map.of("CORS_ORIGINS", "*"))) {
            Reply health = service.get("/health", "Origin", "https://anyone.example.org");
            assertEquals("*", health.header("Access-Control-Allow-Origin"), health.toString());

            Reply preflight = service.send("OPTIONS", "/jobs", null, "Origin", "https://anyone.example.org",
                    "Access-Control-Request-Method", "GET");
            assertEquals(204, preflight.status(), preflight.toString());
            assertEquals("*", preflight.header("Access-Control-Allow-Origin"));
        }
    }

    @Test
    void originsAreParsedOnceAndABadOneStopsStartUp() {
        CorsOrigins origins = CorsOrigins.parse(" https://App.Example.com ,http://localhost:3000,");
        assertEquals(Optional.of("https://app.example.com"), origins.allowOrigin("https://app.example.com"));
        assertEquals(Optional.of("http://localhost:3000"), origins.allowOrigin("http://localhost:3000"));
        assertEquals(Optional.empty(), origins.allowOrigin("http://localhost:3001"));
        assertEquals(Optional.empty(), origins.allowOrigin(null));
        assertEquals(Optional.empty(), CorsOrigins.parse("").allowOrigin(APP));

        ConfigException bad = assertThrows(ConfigException.class, () -> CorsOrigins.parse("https://app.example.com/path"));
        assertTrue(bad.getMessage().contains("CORS_ORIGINS"), bad.getMessage());
        assertThrows(ConfigException.class, () -> CorsOrigins.parse("app.example.com"));
    }
}
