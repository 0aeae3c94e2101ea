package narrator.app.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How this node takes part in a cluster of nodes sharing one database.
 *
 * @param nodeId           NODE_ID; empty means {@code <host name>:<DATA_DIR>}
 * @param sharedStorage    SHARED_STORAGE: local storage ({@code DATA_DIR/storage}) is a mount every node shares
 * @param heartbeatTimeout JOB_HEARTBEAT_TIMEOUT: a running job whose node sent no heartbeat for this long is
 *                         requeued by another node
 */
public record Cluster(Role role, Optional<String> nodeId, boolean sharedStorage, Duration heartbeatTimeout) {
    public Cluster {
        Objects.requireNonNull(role);
        Objects.requireNonNull(nodeId);
        Objects.requireNonNull(heartbeatTimeout);
    }

    public Cluster withRole(Role newRole) {
        return new Cluster(newRole, nodeId, sharedStorage, heartbeatTimeout);
    }

    /**
     * Nodes on a shared database each store files: they must all see the same ones, in a bucket or on a
     * mount declared shared. Checked once at start-up.
     */
    static void checkStorage(boolean sharedDatabase, boolean s3, boolean sharedStorage) {
        if (sharedDatabase && !s3 && !sharedStorage) {
            throw new ConfigException("a shared database (DATABASE_URL=postgresql://...) needs storage every node "
                    + "shares: set STORAGE=s3 with the BACKBLAZE_* settings, or SHARED_STORAGE=true when "
                    + "DATA_DIR/storage is a mount all nodes share (e.g. NFS)");
        }
    }
}
