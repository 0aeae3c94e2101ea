package narrator.app;

/** Command-line entry point: {@code narrator <command> [options]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("usage: narrator <serve|render|voices|bench> [options]");
        System.exit(2);
    }
}
