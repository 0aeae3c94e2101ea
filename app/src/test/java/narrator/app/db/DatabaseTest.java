package narrator.app.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void opensInWalModeAndMigratesOnce() throws Exception {
        Path file = dir.resolve("narrator.db");
        try (Database db = Database.open(file)) {
            assertEquals("wal", pragma(db, "journal_mode"));
            assertEquals("4", pragma(db, "user_version"));
        }
        try (Database again = Database.open(file)) {
            assertEquals("4", pragma(again, "user_version"));
        }
    }

    @Test
    void splitsStatementsAndDropsComments() {
        assertEquals(java.util.List.of("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)"),
                Database.splitStatements("-- c\nCREATE TABLE a (x INT); -- t\nCREATE INDEX i ON a (x);\n"));
    }

    private static String pragma(Database db, String name) throws Exception {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
