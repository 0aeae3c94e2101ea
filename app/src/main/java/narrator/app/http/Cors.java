package narrator.app.http;

import io.javalin.http.Context;
import java.util.Optional;
import narrator.app.config.CorsOrigins;

/**
 * Cross-origin access for browser callers on {@code CORS_ORIGINS}: their requests get
 * {@code Access-Control-Allow-Origin}, their preflights are answered here; other origins get no CORS header,
 * so their browsers keep the answers from their pages.
 */
final class Cors {
    static final String ALLOWED_METHODS = "GET, POST";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key";
    /** Response headers a page may read beyond the basic ones: those the API's callers act on. */
    static final String EXPOSED_HEADERS = "Retry-After, Idempotent-Replayed, WWW-Authenticate, Allow";
    private static final String MAX_AGE_SECONDS = "600";

    private final CorsOrigins origins;

    Cors(CorsOrigins origins) {
        this.origins = origins;
    }

    /**
     * Runs before the API key check: browsers send preflights without credentials, and an error answer needs
     * the headers too, or the page cannot read it.
     */
    void handle(Context ctx) {
        if (!origins.enabled()) {
            return;
        }
        // The answer depends on Origin, so caches must keep one copy per origin.
        ctx.header("Vary", "Origin");
        Optional<String> allowed = origins.allowOrigin(ctx.header("Origin"));
        if (allowed.isEmpty()) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", allowed.get());
        if (ctx.method().name().equals("OPTIONS") && ctx.header("Access-Control-Request-Method") != null) {
            ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
            ctx.status(204);
            ctx.skipRemainingHandlers();
        } else {
            ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }
}
