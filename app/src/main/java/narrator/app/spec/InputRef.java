package narrator.app.spec;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/** Where a job input comes from: a URL the downloader fetches, or (from the command line only) a local file. */
public sealed interface InputRef {
    /** An {@code http(s)://} URL or {@code s3://bucket/key}. */
    record Remote(String url) implements InputRef {
    }

    /** A file on this machine; never produced by the HTTP API. */
    record LocalFile(Path path) implements InputRef {
    }

    /** The way the text reads: a URL when it has an http, https or s3 scheme, a local path otherwise. */
    public static InputRef of(String text) {
        return isRemote(text) ? new Remote(text.strip()) : new LocalFile(Path.of(text));
    }

    static boolean isRemote(String text) {
        try {
            String scheme = new URI(text.strip()).getScheme();
            return scheme != null && switch (scheme.toLowerCase(Locale.ROOT)) {
                case "http", "https", "s3" -> true;
                default -> false;
            };
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The text this reference was made from. */
    default String text() {
        return this instanceof Remote r ? r.url() : ((LocalFile) this).path().toString();
    }
}
