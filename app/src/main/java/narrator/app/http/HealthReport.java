package narrator.app.http;

import java.util.Map;

/** {@code GET /health}'s body, and whether this node can work: if not, it answers 503 for load balancers. */
public record HealthReport(boolean canWork, Map<String, Object> body) {
}
