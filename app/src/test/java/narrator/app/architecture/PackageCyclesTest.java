package narrator.app.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The main sources of every module, read as a graph of packages (an edge for each import or fully
 * qualified reference to another {@code narrator} package): it has no cycles, and modules only depend
 * downwards ({@code core <- tts <- pipeline <- bench <- app}).
 */
class PackageCyclesTest {
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    /** {@code narrator.some.pkg.Type}, in an import or in code; the package is what precedes the type. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(narrator(?:\\.[a-z]\\w*)+)\\.[A-Z]\\w*");
    private static final List<String> LAYERS = List.of("core", "tts", "pipeline", "bench", "app");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> graph = graph(mainSources());

        List<Set<String>> cycles = cycles(graph);

        assertEquals(List.of(), cycles.stream().map(c -> describe(c, graph)).toList(), "package cycles");
    }

    @Test
    void modulesOnlyDependDownwards() {
        Map<String, Set<String>> graph = graph(mainSources());
        List<String> upwards = new ArrayList<>();
        graph.forEach((from, tos) -> tos.forEach(to -> {
            if (layer(to) > layer(from)) {
                upwards.add(from + " -> " + to);
            }
        }));
        assertEquals(List.of(), upwards);
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(graph));
        Map<String, Set<String>> read = graph(Map.of("narrator.x", List.of("import narrator.y.Z;"), "narrator.y",
                List.of("/** see {@link narrator.z.Q} */ class Z { narrator.x.W w; } // narrator.z.R")));
        assertEquals(Set.of("narrator.y"), read.get("narrator.x"));
        assertEquals(Set.of("narrator.x"), read.get("narrator.y"), "code counts, comments do not");
    }

    /** Source text by package, for every module next to this one. */
    private static Map<String, List<String>> mainSources() {
        Path root = Path.of("").toAbsolutePath().getParent();
        Map<String, List<String>> byPackage = new TreeMap<>();
        for (String module : LAYERS) {
            Path dir = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    String text = read(f);
                    Matcher m = PACKAGE.matcher(text);
                    if (m.find()) {
                        byPackage.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(text);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertFalse(byPackage.isEmpty(), "no sources found under " + root);
        return byPackage;
    }

    static Map<String, Set<String>> graph(Map<String, List<String>> sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        sources.forEach((pkg, texts) -> {
            Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
            for (String text : texts) {
                Matcher m = REFERENCE.matcher(withoutComments(text));
                while (m.find()) {
                    String target = m.group(1);
                    if (!target.equals(pkg)) {
                        deps.add(target);
                    }
                }
            }
        });
        return graph;
    }

    /** Comments mention other packages without depending on them; string literals are left (none name one). */
    static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)(^|[^:])//.*$", "$1");
    }

    /** Strongly connected components of more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String node : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    private static String describe(Set<String> cycle, Map<String, Set<String>> graph) {
        List<String> edges = new ArrayList<>();
        for (String from : cycle) {
            for (String to : graph.get(from)) {
                if (cycle.contains(to)) {
                    edges.add(from + " -> " + to);
                }
            }
        }
        return String.join(", ", edges);
    }

    private static int layer(String pkg) {
        return LAYERS.indexOf(pkg.split("\\.")[1]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
