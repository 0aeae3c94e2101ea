package narrator.app.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API's paths and the methods each answers, so a 405 can name them in its {@code Allow} header.
 * Patterns are Javalin's: {@code {name}} is one segment, {@code <name>} any rest of the path.
 */
final class RouteTable {
    private final Map<String, List<String>> methods = new LinkedHashMap<>();

    void add(String method, String path) {
        methods.computeIfAbsent(path, p -> new ArrayList<>()).add(method);
    }

    /** The methods of every pattern {@code path} matches, in the order they were added. */
    List<String> allowed(String path) {
        List<String> allowed = new ArrayList<>();
        methods.forEach((pattern, list) -> {
            if (regex(pattern).matcher(path).matches()) {
                for (String method : list) {
                    if (!allowed.contains(method)) {
                        allowed.add(method);
                    }
                }
            }
        });
        return allowed;
    }

    static Pattern regex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("(?=[{<])|(?<=[}>])")) {
            if (part.startsWith("{")) {
                regex.append("[^/]+");
            } else if (part.startsWith("<")) {
                regex.append(".+");
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex + "/?");
    }
}
