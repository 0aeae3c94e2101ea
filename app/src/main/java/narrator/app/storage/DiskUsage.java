package narrator.app.storage;

/** One reading of the data directory's filesystem against the {@code MIN_FREE_DISK_MB} threshold. */
public record DiskUsage(long freeBytes, long totalBytes, long minFreeBytes) {
    private static final long MB = 1024L * 1024;

    /** Whether there is room for new jobs. */
    public boolean ok() {
        return freeBytes >= minFreeBytes;
    }

    public long freeMb() {
        return freeBytes / MB;
    }

    public long totalMb() {
        return totalBytes / MB;
    }

    public long minFreeMb() {
        return minFreeBytes / MB;
    }
}
