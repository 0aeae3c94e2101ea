package narrator.app.db;

import java.util.Map;
import java.util.Optional;

/**
 * The few SQL pieces that differ between SQLite and PostgreSQL, chosen once when the database is opened;
 * every other statement is one text for both.
 */
public enum Dialect {
    SQLITE("rowid", "json_set(%s, '$.' || ?, ?)", "json_extract(%s, '$.%s')",
            "INTEGER PRIMARY KEY AUTOINCREMENT", "", null, "", null, true),
    POSTGRESQL("seq", "(%s::jsonb || jsonb_build_object(CAST(? AS TEXT), CAST(? AS BIGINT)))::text",
            "CAST(%s::jsonb ->> '%s' AS DOUBLE PRECISION)",
            "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "seq BIGINT GENERATED ALWAYS AS IDENTITY,",
            "SELECT pg_notify(?, '')", " FOR UPDATE SKIP LOCKED",
            "SELECT pg_advisory_xact_lock(hashtext('narrator_jobs_enqueue'))", false);

    private final String insertionOrder;
    private final String jsonSetNumber;
    private final String jsonNumber;
    private final String autoIncrementId;
    private final String insertionOrderColumn;
    private final String notify;
    private final String lockSkippingLocked;
    private final String enqueueLock;
    private final boolean oneProcess;

    Dialect(String insertionOrder, String jsonSetNumber, String jsonNumber, String autoIncrementId,
            String insertionOrderColumn, String notify, String lockSkippingLocked, String enqueueLock,
            boolean oneProcess) {
        this.oneProcess = oneProcess;
        this.enqueueLock = enqueueLock;
        this.lockSkippingLocked = lockSkippingLocked;
        this.insertionOrder = insertionOrder;
        this.jsonSetNumber = jsonSetNumber;
        this.jsonNumber = jsonNumber;
        this.autoIncrementId = autoIncrementId;
        this.insertionOrderColumn = insertionOrderColumn;
        this.notify = notify;
    }

    /**
     * A column of {@code jobs} that orders rows as inserted (ties between jobs created in the same millisecond):
     * SQLite's implicit {@code rowid}, an identity column on PostgreSQL.
     */
    public String insertionOrder() {
        return insertionOrder;
    }

    /** An expression: the JSON object in {@code column} with one key (the first parameter) set to a number (the second). */
    public String jsonSetNumber(String column) {
        return jsonSetNumber.formatted(column);
    }

    /** An expression: the number under {@code key} of the JSON object in {@code column} (a trusted literal key). */
    public String jsonNumber(String column, String key) {
        return jsonNumber.formatted(column, key);
    }

    /**
     * Appended to a SELECT in a claiming UPDATE: lock the chosen row, passing over rows others have locked
     * (PostgreSQL); nothing on SQLite, where one writer runs at a time.
     */
    public String lockSkippingLocked() {
        return lockSkippingLocked;
    }

    /**
     * A query that, inside a transaction, waits until no other enqueue holds the queue's lock (PostgreSQL, where two
     * READ COMMITTED inserts would not see each other in their count of waiting jobs); none on SQLite, whose writers
     * already take turns.
     */
    public Optional<String> enqueueLock() {
        return Optional.ofNullable(enqueueLock);
    }

    /** True where one service process owns the database (SQLite's file); false where several nodes share it. */
    public boolean oneProcess() {
        return oneProcess;
    }

    /** A statement that takes a channel name and tells listening nodes, or empty where there are none (SQLite). */
    public Optional<String> notifyStatement() {
        return Optional.ofNullable(notify);
    }

    /** Flyway placeholders, for the DDL that differs (the migrations under {@code db/migration} use them). */
    Map<String, String> placeholders() {
        return Map.of("auto_increment_id", autoIncrementId, "insertion_order_column", insertionOrderColumn);
    }
}
