package narrator.app.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import narrator.app.db.Database;
import narrator.app.testing.PostgresServer;

/**
 * A measurement, not a test: on one PostgreSQL database, {@code N} claimer threads (two pools, as two nodes) take
 * {@code M} queued jobs with {@link JobStore#claimNext} (one UPDATE, {@code FOR UPDATE SKIP LOCKED}), and with the
 * compare-and-set the store used before (read 8 candidates, then a guarded UPDATE each until one wins); prints
 * claims per second and lost compare-and-sets. Run with the test classpath:
 * {@code java -cp ... narrator.app.jobs.ClaimContention [jobs]}.
 */
public final class ClaimContention {
    private static final String CANDIDATES = "SELECT id, version FROM jobs WHERE status = 'queued' ORDER BY created_at, seq LIMIT 8";
    private static final String CAS = """
            UPDATE jobs SET status = 'processing', attempts = attempts + 1, picked_by = ?, started_at = ?,
                            last_heartbeat = ?, version = version + 1
            WHERE id = ? AND version = ? AND status = 'queued'""";

    private ClaimContention() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.println("| claimers | strategy | jobs | seconds | claims/s | lost CAS | statements/claim |");
        System.out.println("|---|---|---|---|---|---|---|");
        run(4, false, jobs / 4); // warms the JIT up; not printed apart from its row
        for (int threads : new int[] {1, 4, 16, 32}) {
            for (boolean skipLocked : new boolean[] {false, true}) {
                run(threads, skipLocked, jobs);
            }
        }
        System.exit(0);
    }

    private static void run(int threads, boolean skipLocked, int jobs) throws Exception {
        var url = PostgresServer.shared().createDatabase();
        try (Database one = Database.open(url); Database two = Database.open(url)) {
            JobStore store = new JobStore(one, Clock.systemUTC(), 3);
            for (int i = 0; i < jobs; i++) {
                store.enqueue(new NewJob(JobKind.VOICEOVER, "{}", null, null, null));
            }
            List<Database> nodes = List.of(one, two);
            Set<String> claimed = ConcurrentHashMap.newKeySet();
            AtomicLong lost = new AtomicLong();
            AtomicLong statements = new AtomicLong();
            CyclicBarrier start = new CyclicBarrier(threads + 1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> claimers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Database node = nodes.get(t % 2);
                JobStore nodeStore = new JobStore(node, Clock.systemUTC(), 3);
                String worker = "w" + t;
                claimers.add(pool.submit(() -> {
                    start.await();
                    for (String id; (id = skipLocked ? claim(nodeStore, worker, statements)
                            : compareAndSet(node.dataSource(), worker, lost, statements)) != null; ) {
                        if (!claimed.add(id)) {
                            throw new IllegalStateException("claimed twice: " + id);
                        }
                    }
                    return null;
                }));
            }
            start.await();
            long began = System.nanoTime();
            for (Future<?> claimer : claimers) {
                claimer.get();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            pool.shutdown();
            if (claimed.size() != jobs) {
                throw new IllegalStateException("claimed " + claimed.size() + " of " + jobs);
            }
            System.out.printf("| %d | %s | %d | %.2f | %.0f | %d | %.2f |%n", threads, skipLocked ? "SKIP LOCKED" : "CAS",
                    jobs, seconds, jobs / seconds, lost.get(), statements.get() / (double) jobs);
        }
    }

    private static String claim(JobStore store, String worker, AtomicLong statements) {
        statements.incrementAndGet();
        return store.claimNext(worker).map(Job::id).orElse(null);
    }

    /** The store's claim: read a few candidates, then a guarded UPDATE on each until one wins. */
    private static String compareAndSet(DataSource node, String worker, AtomicLong lost, AtomicLong statements)
            throws SQLException {
        try (Connection c = node.getConnection()) {
            while (true) {
                List<Object[]> candidates = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CANDIDATES)) {
                    while (rs.next()) {
                        candidates.add(new Object[] {rs.getString(1), rs.getLong(2)});
                    }
                }
                statements.incrementAndGet();
                if (candidates.isEmpty()) {
                    return null;
                }
                for (Object[] candidate : candidates) {
                    long now = System.currentTimeMillis();
                    try (PreparedStatement ps = c.prepareStatement(CAS)) {
                        ps.setString(1, worker);
                        ps.setLong(2, now);
                        ps.setLong(3, now);
                        ps.setString(4, (String) candidate[0]);
                        ps.setLong(5, (Long) candidate[1]);
                        statements.incrementAndGet();
                        if (ps.executeUpdate() == 1) {
                            return (String) candidate[0];
                        }
                        lost.incrementAndGet();
                    }
                }
            }
        }
    }
}
