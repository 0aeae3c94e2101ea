package narrator.app.config;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code CORS_ORIGINS}: the browser origins allowed to call the API, or any origin ({@code *}). Origins are
 * compared as browsers send them, {@code scheme://host[:port]}, case-insensitively.
 */
public record CorsOrigins(Set<String> origins, boolean any) {
    public static final CorsOrigins NONE = new CorsOrigins(Set.of(), false);

    public CorsOrigins {
        origins = Set.copyOf(origins);
    }

    /** A comma list of origins, or {@code *}; blank means none. */
    public static CorsOrigins parse(String value) {
        Set<String> origins = new LinkedHashSet<>();
        boolean any = false;
        for (String part : value.split(",")) {
            String origin = part.strip().toLowerCase(Locale.ROOT);
            if (origin.equals("*")) {
                any = true;
            } else if (origin.matches("https?://[a-z0-9.\\-\\[\\]:]+")) {
                origins.add(origin);
            } else if (!origin.isEmpty()) {
                throw new ConfigException("CORS_ORIGINS has '" + part.strip() + "': expected origins such as "
                        + "https://app.example.com or http://localhost:3000 (scheme, host, optional port; no path), or *");
            }
        }
        return new CorsOrigins(origins, any);
    }

    public boolean enabled() {
        return any || !origins.isEmpty();
    }

    /** The {@code Access-Control-Allow-Origin} value for a request from {@code origin}, empty when not allowed. */
    public Optional<String> allowOrigin(String origin) {
        if (origin == null || !enabled()) {
            return Optional.empty();
        }
        if (any) {
            return Optional.of("*");
        }
        return origins.contains(origin.toLowerCase(Locale.ROOT)) ? Optional.of(origin) : Optional.empty();
    }
}
