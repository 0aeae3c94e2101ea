package narrator.app.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import narrator.app.db.Database;

/**
 * One SQLite file shared by several nodes on one machine (WAL mode supports several processes): each
 * node's {@code DATA_DIR/narrator.db} is a symbolic link to it (SQLite resolves the link, so the WAL and
 * its index sit beside the real file). Created and migrated here, before any node starts.
 */
final class SharedSqlite implements ClusterDatabase {
    private final Path file;
    private final Database database;

    SharedSqlite(Path file) {
        this.file = file;
        this.database = Database.open(file);
    }

    @Override
    public Map<String, String> attach(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Files.createSymbolicLink(dataDir.resolve("narrator.db"), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of();
    }

    @Override
    public DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    public void close() {
        database.close();
    }
}
