package narrator.app.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import narrator.app.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    /** The migrations as the pre-Flyway scheme ran them, counted in {@code PRAGMA user_version}. */
    private static final List<String> LEGACY = List.of("001-jobs.sql", "002-webhooks.sql", "003-overall-progress.sql");

    @TempDir
    Path dir;

    @Test
    void sqliteOpensInWalModeAndMigratesOnce() throws Exception {
        Path file = dir.resolve("narrator.db");
        try (Database db = Database.open(file)) {
            assertEquals(Dialect.SQLITE, db.dialect());
            assertEquals("wal", scalar(db, "PRAGMA journal_mode"));
            assertEquals(List.of("1", "2", "3", "4", "5", "6"), history(db));
        }
        try (Database again = Database.open(file)) {
            assertEquals(List.of("1", "2", "3", "4", "5", "6"), history(again));
        }
    }

    /** A file made by the old PRAGMA user_version scheme keeps its rows and gets only the migrations it lacks. */
    @Test
    void aFileFromTheOldSchemeIsBaselinedAtItsUserVersion() throws Exception {
        Path file = dir.resolve("narrator.db");
        legacyFile(file, 2);
        try (Database db = Database.open(file)) {
            assertEquals(List.of("2", "3", "4", "5", "6"), history(db));
            assertEquals("old-job 0.0", scalar(db, "SELECT id || ' ' || overall_progress FROM jobs"));
        }
        Path current = dir.resolve("current.db");
        legacyFile(current, 3);
        try (Database db = Database.open(current)) {
            assertEquals(List.of("3", "4", "5", "6"), history(db));
            assertEquals("1", scalar(db, "SELECT COUNT(*) FROM jobs"));
        }
    }

    /** Nodes starting together on one PostgreSQL database: Flyway's lock lets one migrate, and the others find it done. */
    @Test
    void concurrentMigrationsOnPostgresRunEachMigrationOnce() throws Exception {
        DatabaseUrl url = PostgresServer.shared().createDatabase();
        int nodes = 4;
        CyclicBarrier start = new CyclicBarrier(nodes);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<Database>> opened = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    return Database.open(url);
                }));
            }
            List<Database> databases = new ArrayList<>();
            for (Future<Database> future : opened) {
                databases.add(future.get());
            }
            assertEquals(List.of("1", "2", "3", "4", "5", "6"), history(databases.get(0)));
            assertEquals(Dialect.POSTGRESQL, databases.get(0).dialect());
            for (Database db : databases) {
                db.close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void legacyFile(Path file, int version) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = c.createStatement()) {
            for (String name : LEGACY.subList(0, version)) {
                // As the old scheme split them: comments dropped first, then statements end at ';'.
                String script = String.join("\n", read(name).lines().map(line -> line.replaceAll("--.*", "")).toList());
                for (String sql : script.split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
            statement.execute("PRAGMA user_version = " + version);
            statement.execute("INSERT INTO jobs (id, kind, status, request_json, max_attempts, created_at)"
                    + " VALUES ('old-job', 'render', 'queued', '{}', 3, 1)");
        }
    }

    private static String read(String name) throws IOException {
        try (InputStream in = DatabaseTest.class.getResourceAsStream("/legacy-db/" + name)) {
            assertTrue(in != null, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> history(Database db) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    private static String scalar(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
