package narrator.app.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database behind the job queue and the webhook outbox, migrated on open by Flyway (one set of migrations,
 * {@code db/migration}, for both engines): by default one SQLite file in WAL mode (readers never block the
 * writer), or a PostgreSQL database that several nodes share. Callers get a pooled {@link #dataSource()} and the
 * {@link #dialect()} for the few statements that differ.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final DatabaseUrl url;

    private Database(HikariDataSource pool, Dialect dialect, DatabaseUrl url) {
        this.pool = pool;
        this.dialect = dialect;
        this.url = url;
    }

    /** Opens the SQLite file {@code file}, as {@link #open(DatabaseUrl)} does. */
    public static Database open(Path file) {
        return open(new DatabaseUrl.Sqlite(file));
    }

    /**
     * Opens the database, creating and migrating it. For SQLite, the native library is unpacked into {@code native/}
     * beside the file, where earlier copies are deleted first (see {@link SqliteNativeDir}). Several nodes may open
     * one PostgreSQL database at once: Flyway holds a lock while it migrates, and the others wait for it.
     */
    public static Database open(DatabaseUrl url) {
        Dialect dialect = url instanceof DatabaseUrl.Sqlite ? Dialect.SQLITE : Dialect.POSTGRESQL;
        HikariDataSource pool = url instanceof DatabaseUrl.Sqlite sqlite
                ? sqlitePool(sqlite.file()) : postgresPool((DatabaseUrl.Postgres) url);
        try {
            migrate(pool, dialect);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dialect, url);
    }

    public DataSource dataSource() {
        return pool;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Calls {@code onNotify} whenever some node announces on {@code channel} (PostgreSQL's LISTEN/NOTIFY), from a
     * thread of its own with its own connection, until the returned handle is closed. SQLite has one node, which
     * wakes itself, so there it does nothing.
     */
    public AutoCloseable listen(String channel, Runnable onNotify) {
        return url instanceof DatabaseUrl.Postgres postgres ? PgListener.start(postgres, channel, onNotify) : () -> { };
    }

    private static HikariDataSource sqlitePool(Path file) {
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
        return new HikariDataSource(config);
    }

    private static HikariDataSource postgresPool(DatabaseUrl.Postgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setUsername(postgres.user());
        config.setPassword(postgres.password());
        config.setPoolName("narrator-db");
        // Workers, the webhook dispatcher and HTTP requests each hold a connection for one short statement.
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to PostgreSQL at " + postgres.redactedUrl() + ": "
                    + rootMessage(e), e);
        }
    }

    /**
     * SQLite files made before Flyway recorded their migrations in {@code PRAGMA user_version} (the number run,
     * in the same order as V1, V2, ...): such a file is baselined at that version, so Flyway runs only the newer ones.
     */
    private static void migrate(DataSource dataSource, Dialect dialect) {
        int userVersion = dialect == Dialect.SQLITE ? sqliteUserVersion(dataSource) : 0;
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(dialect.placeholders())
                    .baselineOnMigrate(userVersion > 0)
                    .baselineVersion(String.valueOf(Math.max(userVersion, 1)))
                    .baselineDescription("PRAGMA user_version " + userVersion)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("database migration failed: " + rootMessage(e), e);
        }
    }

    private static int sqliteUserVersion(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database version: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }
}
