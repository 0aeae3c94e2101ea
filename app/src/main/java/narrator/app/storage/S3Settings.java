package narrator.app.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connection settings for an S3-compatible store (Backblaze B2 by default). {@link #toString()} hides
 * the application key so the record can be logged.
 */
public record S3Settings(
        String bucket,
        String keyId,
        String applicationKey,
        URI endpoint,
        String region,
        Duration presignTtl,
        String thumbnailPrefix,
        Set<String> inputBuckets) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration DEFAULT_PRESIGN_TTL = Duration.ofSeconds(3600);
    /** SigV4 presigned URLs cannot live longer than a week. */
    private static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);

    /** B2 endpoints name their region ({@code s3.us-east-005.backblazeb2.com}); SigV4 must sign for it. */
    private static final Pattern B2_HOST = Pattern.compile("s3\\.([a-z0-9-]+)\\.backblazeb2\\.com");

    public S3Settings {
        requireText(bucket, "bucket");
        requireText(keyId, "keyId");
        requireText(applicationKey, "applicationKey");
        requireText(region, "region");
        if (endpoint == null || endpoint.getHost() == null) {
            throw new IllegalArgumentException("S3 endpoint must be an absolute URL, got " + endpoint);
        }
        if (presignTtl == null || presignTtl.isNegative() || presignTtl.isZero()
                || presignTtl.compareTo(MAX_PRESIGN_TTL) > 0) {
            throw new IllegalArgumentException("presign TTL must be between 1 s and 7 days, got " + presignTtl);
        }
        thumbnailPrefix = thumbnailPrefix == null ? StorageKeys.DEFAULT_THUMBNAIL_PREFIX : thumbnailPrefix;
        inputBuckets = inputBuckets == null ? Set.of() : Set.copyOf(inputBuckets);
    }

    /** Without extra input buckets: {@code s3://} inputs come from {@code bucket} only. */
    public S3Settings(String bucket, String keyId, String applicationKey, URI endpoint, String region,
                      Duration presignTtl, String thumbnailPrefix) {
        this(bucket, keyId, applicationKey, endpoint, region, presignTtl, thumbnailPrefix, Set.of());
    }

    /**
     * Whether {@code s3://} inputs may be read from {@code name} with the service's credentials: the
     * configured bucket and those listed in {@code S3_INPUT_BUCKETS}, no other.
     */
    public boolean readable(String name) {
        return bucket.equals(name) || inputBuckets.contains(name);
    }

    /**
     * The GPU worker's names for the four connection settings (Cloudflare R2's), accepted in their place. A
     * setting given under both names must have one value.
     */
    static final Map<String, String> ALIASES = Map.of(
            "BACKBLAZE_BUCKET_NAME", "R2_BUCKET_NAME",
            "BACKBLAZE_ENDPOINT_URL", "R2_ENDPOINT",
            "BACKBLAZE_KEY_ID", "R2_ACCESS_KEY_ID",
            "BACKBLAZE_APPLICATION_KEY", "R2_SECRET_ACCESS_KEY");

    /**
     * Reads {@code BACKBLAZE_BUCKET_NAME}, {@code BACKBLAZE_KEY_ID}, {@code BACKBLAZE_APPLICATION_KEY},
     * {@code BACKBLAZE_ENDPOINT_URL} (or their {@link #ALIASES}), {@code S3_REGION},
     * {@code S3_SIGNED_URL_EXPIRATION_SECONDS} and {@code S3_THUMBNAIL_PREFIX}. Empty when no bucket is named
     * (local storage); an {@link IllegalArgumentException} naming the variable when the rest is incomplete or malformed.
     */
    public static Optional<S3Settings> fromEnv(Map<String, String> env) {
        String bucket = value(env, "BACKBLAZE_BUCKET_NAME");
        if (bucket == null) {
            return Optional.empty();
        }
        URI endpoint = endpoint(required(env, "BACKBLAZE_ENDPOINT_URL"));
        String region = value(env, "S3_REGION");
        if (region == null) {
            Matcher b2 = B2_HOST.matcher(endpoint.getHost());
            region = b2.matches() ? b2.group(1) : DEFAULT_REGION;
        }
        String ttl = value(env, "S3_SIGNED_URL_EXPIRATION_SECONDS");
        String prefix = value(env, "S3_THUMBNAIL_PREFIX");
        String inputs = value(env, "S3_INPUT_BUCKETS");
        return Optional.of(new S3Settings(
                bucket,
                required(env, "BACKBLAZE_KEY_ID"),
                required(env, "BACKBLAZE_APPLICATION_KEY"),
                endpoint,
                region,
                ttl == null ? DEFAULT_PRESIGN_TTL : Duration.ofSeconds(seconds(ttl)),
                prefix == null ? StorageKeys.DEFAULT_THUMBNAIL_PREFIX : prefix,
                inputs == null ? Set.of() : java.util.Arrays.stream(inputs.split(",")).map(String::strip)
                        .filter(b -> !b.isEmpty()).collect(Collectors.toSet())));
    }

    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", keyId=" + keyId + ", applicationKey=****, endpoint="
                + endpoint + ", region=" + region + ", presignTtl=" + presignTtl
                + ", thumbnailPrefix=" + thumbnailPrefix + ", inputBuckets=" + inputBuckets + "]";
    }

    private static URI endpoint(String raw) {
        // B2 shows endpoints without a scheme; S3 speaks HTTPS unless told otherwise.
        String withScheme = raw.contains("://") ? raw : "https://" + raw;
        try {
            URI uri = URI.create(withScheme);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("BACKBLAZE_ENDPOINT_URL is not a URL: " + raw, e);
        }
    }

    private static long seconds(String raw) {
        try {
            long seconds = Long.parseLong(raw);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(
                "S3_SIGNED_URL_EXPIRATION_SECONDS must be a positive number of seconds, got " + raw);
    }

    private static String required(Map<String, String> env, String name) {
        String value = value(env, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " (or " + ALIASES.get(name) + ") is required when a bucket is set");
        }
        return value;
    }

    private static String value(Map<String, String> env, String name) {
        String value = plain(env, name);
        String alias = ALIASES.containsKey(name) ? plain(env, ALIASES.get(name)) : null;
        if (value != null && alias != null && !value.equals(alias)) {
            throw new IllegalArgumentException(name + " and " + ALIASES.get(name) + " name the same setting with two "
                    + "different values; set one of them");
        }
        return value != null ? value : alias;
    }

    private static String plain(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("S3 " + name + " must not be blank");
        }
    }
}
