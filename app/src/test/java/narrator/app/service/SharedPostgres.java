package narrator.app.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import narrator.app.db.Database;
import narrator.app.db.DatabaseUrl;
import narrator.app.testing.PostgresServer;

/** A fresh database on the tests' throwaway PostgreSQL server, which every node reaches through DATABASE_URL. */
final class SharedPostgres implements ClusterDatabase {
    private static final String JDBC = "jdbc:postgresql://";

    private final String url;
    private final Database database;

    SharedPostgres() {
        DatabaseUrl.Postgres postgres = PostgresServer.shared().createDatabase();
        // DATABASE_URL carries the user (the test server trusts it, no password) in the URL itself.
        this.url = JDBC + postgres.user() + "@" + postgres.jdbcUrl().substring(JDBC.length());
        this.database = Database.open(postgres);
    }

    @Override
    public Map<String, String> attach(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("DATABASE_URL", url);
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
