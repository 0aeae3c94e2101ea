package narrator.app.service;

import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The one database the nodes of a test cluster share: how a node is put on it, and a connection for the
 * test to read the database's own history from. One implementation per engine, so the cluster tests run
 * on each.
 */
interface ClusterDatabase extends AutoCloseable {
    /** Settings (and files under {@code dataDir}) that put a node whose DATA_DIR is {@code dataDir} on this database. */
    Map<String, String> attach(Path dataDir);

    DataSource dataSource();

    @Override
    void close();
}
