package narrator.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import narrator.app.db.DatabaseUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final Path HOME = Path.of("/opt/narrator");
    private static final Map<String, String> EXAMPLE = EnvFile.read(Path.of("..", ".env.example"));

    /** Remembers every setting name the code asks for. */
    private static final class RecordingMap extends HashMap<String, String> {
        private static final long serialVersionUID = 1L;
        final Set<String> asked = new TreeSet<>();

        @Override
        public String get(Object key) {
            asked.add((String) key);
            return super.get(key);
        }

        @Override
        public String getOrDefault(Object key, String fallback) {
            asked.add((String) key);
            return super.getOrDefault(key, fallback);
        }
    }

    @Test
    void theExampleDocumentsTheRealDefaults() {
        assertTrue(EXAMPLE.size() > 30, "read .env.example: " + EXAMPLE.keySet());
        assertEquals(Settings.from(Map.of(), HOME), Settings.from(EXAMPLE, HOME));
    }

    @Test
    void everySettingTheCodeReadsIsDocumented() {
        RecordingMap values = new RecordingMap();
        Settings.from(values, HOME);
        // S3 settings are read only once a bucket is named.
        RecordingMap withS3 = new RecordingMap();
        withS3.putAll(Map.of("BACKBLAZE_BUCKET_NAME", "b", "BACKBLAZE_KEY_ID", "k", "BACKBLAZE_APPLICATION_KEY", "s",
                "BACKBLAZE_ENDPOINT_URL", "https://s3.example.com"));
        Settings.from(withS3, HOME);
        values.asked.addAll(withS3.asked);
        Set<String> undocumented = new TreeSet<>(values.asked);
        undocumented.removeAll(EXAMPLE.keySet());
        assertEquals(Set.of(), undocumented);
        Set<String> unread = new TreeSet<>(EXAMPLE.keySet());
        unread.removeAll(values.asked);
        assertEquals(Set.of(), unread, "documented but never read");
    }

    @Test
    void defaultsMatchTheReferenceService() {
        Settings s = Settings.from(Map.of(), HOME);
        assertEquals(8000, s.server().port());
        assertEquals("0.0.0.0", s.server().host());
        assertEquals(3, s.queue().maxConcurrentJobs());
        assertEquals(Duration.ofMinutes(30), s.queue().jobTimeout());
        assertEquals(Duration.ofDays(30), s.queue().retention());
        assertEquals(Duration.ofHours(36), Settings.from(Map.of("RETENTION", "36h"), HOME).queue().retention());
        assertEquals(Duration.ofDays(7), Settings.from(Map.of("RETENTION", "7d"), HOME).queue().retention());
        assertFalse(s.queue().retentionDeleteObjects(), "outputs are kept: their links may be published");
        assertEquals(500L << 20, s.queue().minFreeDiskBytes());
        assertEquals(50_000, s.inputs().maxScriptChars());
        assertEquals(500L << 20, s.inputs().maxVideoBytes());
        assertEquals(100L << 20, s.inputs().maxAudioBytes());
        assertEquals(Duration.ofSeconds(30), s.inputs().downloadTimeout());
        assertEquals(0.2, s.render().musicVolume());
        assertEquals(HOME.resolve("data"), s.server().dataDir());
        assertTrue(s.s3().isEmpty(), "local storage unless a bucket is configured");
    }

    @Test
    void secretsStayOutOfToString() {
        Map<String, String> values = new HashMap<>(Map.of("API_KEY", "sekret-api", "WEBHOOK_SECRET", "sekret-hook",
                "BACKBLAZE_BUCKET_NAME", "b", "BACKBLAZE_KEY_ID", "kid", "BACKBLAZE_APPLICATION_KEY", "sekret-s3",
                "BACKBLAZE_ENDPOINT_URL", "https://s3.us-east-005.backblazeb2.com"));
        values.put("METRICS_TOKEN", "sekret-metrics");
        values.put("DATABASE_URL", "postgresql://narrator:sekret-db@db.internal:5432/narrator");
        String text = Settings.from(values, HOME).toString();
        assertTrue(!text.contains("sekret"), text);
        values.put("DATABASE_URL", "postgresql://db.internal/narrator?user=narrator&password=sekret-db&sslmode=require");
        text = Settings.from(values, HOME).toString();
        assertTrue(!text.contains("sekret") && text.contains("sslmode=require"), text);
    }

    @Test
    void databaseIsTheSqliteFileInDataDirUnlessAPostgresUrlIsGiven() {
        assertEquals(new DatabaseUrl.Sqlite(HOME.resolve("data/narrator.db")), Settings.from(Map.of(), HOME).server().database());
        DatabaseUrl.Postgres expected = new DatabaseUrl.Postgres("jdbc:postgresql://db.internal:5433/narrator?sslmode=require",
                "narrator", "p@ss:word");
        for (String url : List.of("postgresql://narrator:p%40ss%3Aword@db.internal:5433/narrator?sslmode=require",
                "postgres://narrator:p%40ss%3Aword@db.internal:5433/narrator?sslmode=require",
                "jdbc:postgresql://narrator:p%40ss%3Aword@db.internal:5433/narrator?sslmode=require")) {
            assertEquals(expected, Settings.from(Map.of("DATABASE_URL", url, "SHARED_STORAGE", "true"), HOME).server().database(), url);
        }
        assertEquals(new DatabaseUrl.Postgres("jdbc:postgresql://localhost/narrator", null, null),
                Settings.from(Map.of("DATABASE_URL", "postgresql://localhost/narrator", "SHARED_STORAGE", "true"), HOME)
                        .server().database());
    }

    @Test
    void aBadDatabaseUrlIsRefusedWithoutShowingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.from(Map.of("DATABASE_URL", "postgresql://u:sekret@/db"), HOME));
        assertTrue(e.getMessage().contains("DATABASE_URL") && !e.getMessage().contains("sekret"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT                 | http",
        "PORT                 | 70000",
        "MAX_CONCURRENT_JOBS  | 0",
        "JOB_TIMEOUT          | soon",
        "ALLOW_PRIVATE_URLS   | maybe",
        "VIDEO_ENCODER        | quicksync",
        "X264_PRESET          | warp",
        "DEFAULT_SIZE         | 1081x1920",
        "MUSIC_VOLUME         | 3",
        "TTS_PROVIDER         | festival",
        "STORAGE              | ftp",
        "PUBLIC_BASE_URL      | localhost",
        "WEBHOOK_URL          | not a url",
        "WEBHOOK_RETRY_WINDOW_SECONDS | 60",
        "DATABASE_URL         | mysql://u:sekret@h/db",
        "DATABASE_URL         | postgresql://u:sekret@/db",
        "ROLE                 | cook",
        "NODE_ID              | rack/1",
        "SHARED_STORAGE       | maybe",
        "JOB_HEARTBEAT_TIMEOUT | 1",
    })
    void aBadSettingIsNamed(String name, String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.from(Map.of(name, value), HOME));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void aSingleNodeRendersAndServesByDefault() {
        Cluster cluster = Settings.from(Map.of(), HOME).cluster();
        assertEquals(new Cluster(Role.ALL, java.util.Optional.empty(), false, Duration.ofMinutes(1)), cluster);
        Cluster worker = Settings.from(Map.of("ROLE", "worker", "NODE_ID", "vps-2", "SHARED_STORAGE", "true",
                "JOB_HEARTBEAT_TIMEOUT", "20s"), HOME).cluster();
        assertEquals(new Cluster(Role.WORKER, java.util.Optional.of("vps-2"), true, Duration.ofSeconds(20)), worker);
    }

    @Test
    void aSharedDatabaseNeedsStorageEveryNodeShares() {
        String postgres = "postgresql://narrator:pw@db.internal:5432/narrator";
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.from(Map.of("DATABASE_URL", postgres, "STORAGE", "local"), HOME));
        assertTrue(e.getMessage().contains("STORAGE=s3") && e.getMessage().contains("SHARED_STORAGE=true"), e.getMessage());
        assertTrue(!e.getMessage().contains("pw@"), "no password in the message: " + e.getMessage());
        Settings.from(Map.of("DATABASE_URL", postgres, "SHARED_STORAGE", "true"), HOME);
        Settings.from(Map.of("DATABASE_URL", postgres, "BACKBLAZE_BUCKET_NAME", "b", "BACKBLAZE_KEY_ID", "k",
                "BACKBLAZE_APPLICATION_KEY", "s", "BACKBLAZE_ENDPOINT_URL", "https://s3.example.com"), HOME);
        Settings.from(Map.of("STORAGE", "local"), HOME);
    }

    @Test
    void s3NeedsItsSettingsWhenAskedFor() {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.from(Map.of("STORAGE", "s3"), HOME));
        assertTrue(e.getMessage().contains("BACKBLAZE_BUCKET_NAME"), e.getMessage());
    }

    @Test
    void dotEnvIsReadAndTheEnvironmentWins() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("settings");
        java.nio.file.Files.writeString(dir.resolve(".env"), "PORT=9000\nMAX_CONCURRENT_JOBS=1 # small VPS\n");
        Settings s = Settings.load(Map.of("PORT", "9100"), dir);
        assertEquals(9100, s.server().port());
        assertEquals(1, s.queue().maxConcurrentJobs());
    }
}
