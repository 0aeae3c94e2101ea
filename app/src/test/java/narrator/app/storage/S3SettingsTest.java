package narrator.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
    private static final Map<String, String> B2 = Map.of(
            "BACKBLAZE_BUCKET_NAME", "automation-storage",
            "BACKBLAZE_KEY_ID", "005keyid",
            "BACKBLAZE_APPLICATION_KEY", "K005-very-secret",
            "BACKBLAZE_ENDPOINT_URL", "https://s3.us-east-005.backblazeb2.com");

    @Test
    void noBucketMeansLocalStorage() {
        assertTrue(S3Settings.fromEnv(Map.of()).isEmpty());
        assertTrue(S3Settings.fromEnv(Map.of("BACKBLAZE_BUCKET_NAME", " ")).isEmpty());
    }

    @Test
    void readsTheReferenceVariablesWithDefaults() {
        S3Settings settings = S3Settings.fromEnv(B2).orElseThrow();
        assertEquals("automation-storage", settings.bucket());
        assertEquals(URI.create("https://s3.us-east-005.backblazeb2.com"), settings.endpoint());
        assertEquals("us-east-005", settings.region(), "B2 signs for the region in its endpoint");
        assertEquals(Duration.ofSeconds(3600), settings.presignTtl());
        assertEquals("uploads/thumbnails", settings.thumbnailPrefix());
    }

    @Test
    void overridesAndSchemelessEndpoint() {
        Map<String, String> env = new HashMap<>(B2);
        env.put("BACKBLAZE_ENDPOINT_URL", "minio.example.com:9000");
        env.put("S3_SIGNED_URL_EXPIRATION_SECONDS", "600");
        env.put("S3_THUMBNAIL_PREFIX", "thumbs");
        S3Settings settings = S3Settings.fromEnv(env).orElseThrow();
        assertEquals(URI.create("https://minio.example.com:9000"), settings.endpoint());
        assertEquals("us-east-1", settings.region());
        assertEquals(Duration.ofMinutes(10), settings.presignTtl());
        assertEquals("thumbs", settings.thumbnailPrefix());
        env.put("S3_REGION", "eu-central-003");
        assertEquals("eu-central-003", S3Settings.fromEnv(env).orElseThrow().region());
    }

    @Test
    void theGpuWorkersR2NamesAreAcceptedInPlaceOfTheBackblazeOnes() {
        Map<String, String> r2 = Map.of("R2_BUCKET_NAME", "renders", "R2_ENDPOINT",
                "https://acct.r2.cloudflarestorage.com", "R2_ACCESS_KEY_ID", "r2-key", "R2_SECRET_ACCESS_KEY", "r2-secret");
        S3Settings settings = S3Settings.fromEnv(r2).orElseThrow();
        assertEquals("renders", settings.bucket());
        assertEquals(URI.create("https://acct.r2.cloudflarestorage.com"), settings.endpoint());
        assertEquals("r2-key", settings.keyId());
        assertEquals("r2-secret", settings.applicationKey());

        Map<String, String> mixed = new HashMap<>(B2);
        mixed.remove("BACKBLAZE_KEY_ID");
        mixed.put("R2_ACCESS_KEY_ID", "from-r2");
        assertEquals("from-r2", S3Settings.fromEnv(mixed).orElseThrow().keyId());
        mixed.put("R2_BUCKET_NAME", "automation-storage");
        assertEquals("automation-storage", S3Settings.fromEnv(mixed).orElseThrow().bucket(), "the same value twice");
        mixed.put("R2_BUCKET_NAME", "another");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3Settings.fromEnv(mixed));
        assertTrue(e.getMessage().contains("BACKBLAZE_BUCKET_NAME and R2_BUCKET_NAME"), e.getMessage());
    }

    @Test
    void incompleteSettingsNameTheVariable() {
        Map<String, String> env = new HashMap<>(B2);
        env.remove("BACKBLAZE_APPLICATION_KEY");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3Settings.fromEnv(env));
        assertTrue(e.getMessage().contains("BACKBLAZE_APPLICATION_KEY"), e.getMessage());
        env.putAll(B2);
        env.put("S3_SIGNED_URL_EXPIRATION_SECONDS", "soon");
        e = assertThrows(IllegalArgumentException.class, () -> S3Settings.fromEnv(env));
        assertTrue(e.getMessage().contains("S3_SIGNED_URL_EXPIRATION_SECONDS"), e.getMessage());
    }

    @Test
    void toStringHidesTheApplicationKey() {
        String text = S3Settings.fromEnv(B2).orElseThrow().toString();
        assertFalse(text.contains("K005-very-secret"), text);
        assertTrue(text.contains("automation-storage"), text);
    }
}
