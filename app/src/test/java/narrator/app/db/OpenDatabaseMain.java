package narrator.app.db;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/** A JVM of its own for {@link SqliteNativeDirTest}: opens the database in DATA_DIR ({@code args[0]}), says so, and waits to be killed. */
public final class OpenDatabaseMain {
    private OpenDatabaseMain() {
    }

    public static void main(String[] args) {
        Database db = Database.open(Path.of(args[0]).resolve("narrator.db"));
        System.out.println("open " + (db.dataSource() != null));
        System.out.flush();
        while (true) {
            LockSupport.park();
        }
    }
}
