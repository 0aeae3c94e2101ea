package narrator.app.storage;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/** An {@code s3://bucket/key} location, the form the API reports and accepts for stored objects. */
public record S3Location(String bucket, String key) {
    private static final String SCHEME = "s3://";

    public static boolean isS3(String location) {
        return location.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** Parses the raw string (not a {@link java.net.URI}: S3 keys may hold characters URIs reject). */
    public static S3Location parse(String location) {
        if (!isS3(location)) {
            throw invalid(location);
        }
        String rest = location.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw invalid(location);
        }
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    private static NarratorException invalid(String location) {
        return new NarratorException(ErrorCode.INVALID_REQUEST,
                "not an s3://bucket/key location: " + location);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
