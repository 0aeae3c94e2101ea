package narrator.app.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;

/**
 * The API's description: {@code openapi.json} (written by hand, kept true by {@code OpenApiTest}) at
 * {@code /openapi.json}, and Swagger UI over it at {@code /docs}, served from the swagger-ui webjar in the
 * jar, so no page loads anything from a CDN.
 */
final class ApiDocs {
    static final String SPEC_PATH = "/openapi.json";
    static final String PAGE_PATH = "/docs";
    private static final String ASSETS_PATH = "/docs/assets";
    private static final String UI_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** The only files of the webjar the page uses; its demo page (which loads a remote petstore) is not served. */
    private static final Set<String> UI_FILES = Set.of("swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png");

    private final byte[] spec;
    private final byte[] page;
    private final String uiDirectory;

    ApiDocs() {
        this.spec = resource("/openapi.json");
        this.page = resource("/docs.html");
        Properties ui = new Properties();
        try (InputStream in = ApiDocs.class.getResourceAsStream(UI_POM)) {
            ui.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the swagger-ui webjar is missing from the classpath", e);
        }
        this.uiDirectory = "/META-INF/resources/webjars/swagger-ui/" + ui.getProperty("version");
    }

    /** Open without the API key, like {@code /health}: they describe the API and hold nothing secret. */
    static boolean isPublic(String path) {
        return path.equals(SPEC_PATH) || path.equals(PAGE_PATH) || path.equals(PAGE_PATH + "/")
                || path.startsWith(ASSETS_PATH + "/");
    }

    void spec(Context ctx) {
        ctx.contentType("application/json").result(spec);
    }

    void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    void serveAssets(JavalinConfig cfg) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = ASSETS_PATH;
            files.directory = uiDirectory;
            files.location = Location.CLASSPATH;
            files.skipFileFunction = request -> !UI_FILES.contains(
                    request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1));
        });
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
