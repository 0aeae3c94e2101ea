package narrator.app.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file behind the job queue and the webhook outbox: a small HikariCP pool over one
 * database in WAL mode (readers never block the writer), migrated on open.
 */
public final class Database implements AutoCloseable {
    /** Applied in order; the file's {@code PRAGMA user_version} records how many have run. */
    private static final List<String> MIGRATIONS = List.of("001-jobs.sql", "002-webhooks.sql", "003-overall-progress.sql",
            "004-end-announced.sql");

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Opens (creating and migrating) the database {@code file}. SQLite's native library is unpacked into
     * {@code native/} beside it, where earlier copies are deleted first (see {@link SqliteNativeDir}).
     */
    public static Database open(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create database directory for " + file, e);
        }
        SqliteNativeDir.prepare(parent.resolve("native"));
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(10_000);
        sqlite.enforceForeignKeys(true);
        SQLiteDataSource sqliteSource = new SQLiteDataSource(sqlite);
        sqliteSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        HikariConfig config = new HikariConfig();
        config.setDataSource(sqliteSource);
        config.setPoolName("narrator-db");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    private static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            int applied;
            try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
                applied = rs.next() ? rs.getInt(1) : 0;
            }
            for (int i = applied; i < MIGRATIONS.size(); i++) {
                connection.setAutoCommit(false);
                for (String sql : splitStatements(readMigration(MIGRATIONS.get(i)))) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + (i + 1));
                connection.commit();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
    }

    private static String readMigration(String name) {
        try (InputStream in = Database.class.getResourceAsStream("/db/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration /db/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Migrations hold plain DDL: statements end with ';' and contain no triggers; '--' starts a comment. */
    static List<String> splitStatements(String script) {
        StringBuilder clean = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            clean.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return java.util.Arrays.stream(clean.toString().split(";"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    @Override
    public void close() {
        pool.close();
    }
}
