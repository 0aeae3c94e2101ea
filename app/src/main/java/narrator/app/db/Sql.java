package narrator.app.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * The JDBC moves the stores make: a query's rows or an update, with positional parameters, on a connection of
 * their own or on the caller's (inside its transaction). A failure on a connection of its own becomes INTERNAL
 * with the store's message, the SQL error kept as its cause.
 */
public final class Sql {
    /** One result row to a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;
    private final String failure;

    /** @param failure what a failure says ("The job database failed") */
    public Sql(DataSource dataSource, String failure) {
        this.dataSource = dataSource;
        this.failure = failure;
    }

    public <T> List<T> rows(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return rows(connection, sql, mapper, params);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public static <T> List<T> rows(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params); ResultSet rs = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(mapper.map(rs));
            }
            return result;
        }
    }

    /** The number of rows changed. */
    public int update(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, sql, params);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        }
    }

    public NarratorException failure(SQLException e) {
        return new NarratorException(ErrorCode.INTERNAL, failure, e);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
