package narrator.app.testing;

import java.nio.file.Path;
import java.util.Map;
import narrator.app.db.Database;
import narrator.app.db.DatabaseUrl;

/** The two databases every store test runs on: a SQLite file in the test's directory, or a fresh PostgreSQL database. */
public enum Engine {
    SQLITE, POSTGRESQL;

    /** Where a test's database lives; {@code dir} is the test's temporary directory. */
    public DatabaseUrl url(Path dir) {
        return this == SQLITE ? new DatabaseUrl.Sqlite(dir.resolve("narrator.db")) : PostgresServer.shared().createDatabase();
    }

    /** The settings that put a whole service on a fresh database of this kind (none: SQLite is the default). */
    public Map<String, String> settings(Path dir) {
        if (this == SQLITE) {
            return Map.of();
        }
        DatabaseUrl.Postgres database = PostgresServer.shared().createDatabase();
        // One node on a PostgreSQL database must declare its local storage shared (a cluster could not share it
        // otherwise); this node is the only one, so it is.
        return Map.of("DATABASE_URL", database.jdbcUrl() + "?user=" + database.user(), "SHARED_STORAGE", "true");
    }

    /** Opens (creating and migrating) a fresh database. */
    public Database open(Path dir) {
        return Database.open(url(dir));
    }
}
