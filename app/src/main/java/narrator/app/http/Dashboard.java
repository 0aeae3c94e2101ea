package narrator.app.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The operators' page at {@code /}: static HTML, modules and CSS from the jar ({@code resources/dashboard}), open
 * without the API key like {@code /docs}. It holds no data: it asks for the key and reads everything from the
 * authenticated API.
 */
final class Dashboard {
    static final String PAGE_PATH = "/";
    /** Where the page's modules and styles are served from (the page names them relative to itself). */
    private static final String ASSETS_PATH = "/dashboard";
    private static final String DIRECTORY = "/dashboard";

    private final byte[] page;

    Dashboard() {
        try (InputStream in = Dashboard.class.getResourceAsStream(DIRECTORY + "/index.html")) {
            if (in == null) {
                throw new IllegalStateException(DIRECTORY + "/index.html is missing from the classpath");
            }
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isPublic(String path) {
        return path.equals(PAGE_PATH) || path.startsWith(ASSETS_PATH + "/");
    }

    void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    void serveAssets(JavalinConfig cfg) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = ASSETS_PATH;
            files.directory = DIRECTORY;
            files.location = Location.CLASSPATH;
        });
    }
}
