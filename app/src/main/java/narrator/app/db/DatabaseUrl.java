package narrator.app.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the job queue and webhook outbox live: DATABASE_URL, parsed once. Empty means the SQLite file in
 * DATA_DIR; {@code postgresql://user:pass@host:5432/db} (also {@code postgres://} and {@code jdbc:postgresql://})
 * a PostgreSQL database shared by every node. The password never appears in {@link #toString()}.
 */
public sealed interface DatabaseUrl {
    /** The default: one SQLite file. */
    record Sqlite(Path file) implements DatabaseUrl {
        public Sqlite {
            Objects.requireNonNull(file);
        }
    }

    /** @param jdbcUrl {@code jdbc:postgresql://host:port/db[?params]}, without credentials */
    record Postgres(String jdbcUrl, String user, String password) implements DatabaseUrl {
        public Postgres {
            Objects.requireNonNull(jdbcUrl);
        }

        /** The JDBC URL with any {@code password=} parameter masked, for logs and messages. */
        public String redactedUrl() {
            return jdbcUrl.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
        }

        @Override
        public String toString() {
            return "Postgres[" + redactedUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    /**
     * Parses DATABASE_URL ({@code raw}; blank for the default, the file {@code narrator.db} in {@code dataDir}).
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing the value (it may hold a password)
     */
    static DatabaseUrl parse(String raw, Path dataDir) {
        if (raw == null || raw.isBlank()) {
            return new Sqlite(dataDir.resolve("narrator.db"));
        }
        String text = raw.strip();
        String rest = stripScheme(text);
        if (rest == null) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql://, postgres:// or "
                    + "jdbc:postgresql:// (leave it empty for the SQLite file in DATA_DIR)");
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL: expected postgresql://user:pass@host:5432/db");
        }
        if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().length() < 2) {
            throw new IllegalArgumentException("DATABASE_URL needs a host and a database name: postgresql://user:pass@host:5432/db");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length == 2 ? decode(parts[1]) : null;
        }
        String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Postgres(jdbcUrl, user, password);
    }

    private static String stripScheme(String text) {
        for (String scheme : new String[] {"jdbc:postgresql://", "postgresql://", "postgres://"}) {
            if (text.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return text.substring(scheme.length());
            }
        }
        return null;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
