package narrator.bench.cluster;

import java.util.Objects;

/**
 * The PostgreSQL database the benchmark's nodes share.
 *
 * @param databaseUrl the nodes' DATABASE_URL
 * @param jdbcUrl     the same database for the benchmark's own reads, without credentials
 */
public record PostgresTarget(String databaseUrl, String jdbcUrl, String user, String password) {
    public PostgresTarget {
        Objects.requireNonNull(databaseUrl);
        Objects.requireNonNull(jdbcUrl);
    }

    @Override
    public String toString() {
        return "PostgresTarget[" + jdbcUrl + ", user=" + user + "]";
    }
}
