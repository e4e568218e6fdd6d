package dev.shiplane.contract.config;

import dev.shiplane.core.config.InvalidConfigException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Binds a YAML document to records exactly as written: every key must be a record component (an unknown key is
 * refused with its path and the known keys), every value must have its component's shape, and each problem names its
 * line and path ({@code line 7: services.web.steps[1]: …}).
 *
 * <p>Why not a data-binding library: binding {@code shiplane.yml} through Jackson's YAML module cost a function's cold
 * start ~300 ms (its introspection of every record), three times what composing the YAML nodes and reading them here
 * costs. Supported component types are what {@link ConfigDocument} uses: records, {@code String}, {@code Integer},
 * {@code Boolean}, {@code List<T>} and {@code LinkedHashMap<String, T>}. Scalars keep their text as written, so
 * {@code semver: 1.10} is {@code "1.10"}, not the number 1.1.
 */
final class YamlRecordBinder {

    /** A list component that also takes a single value, as a one-element list ({@code when: pre-traffic}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface OneOrMany {}

    private YamlRecordBinder() {}

    /** @return null for an empty document */
    static <T extends Record> T bind(String yaml, Class<T> type, String origin) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(yaml));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw invalid(origin, (mark == null ? "" : "line " + (mark.getLine() + 1) + ": ") + e.getProblem());
        } catch (YAMLException e) {
            throw invalid(origin, e.getMessage());
        }
        if (root == null || isNull(root)) return null;
        try {
            return type.cast(value(root, type, "", null));
        } catch (Misfit misfit) {
            throw invalid(origin, misfit.getMessage());
        }
    }

    private static InvalidConfigException invalid(String origin, String problem) {
        return new InvalidConfigException(List.of(origin + ": " + problem));
    }

    /** A value that does not fit its place; {@link #bind} adds the document's origin. */
    private static final class Misfit extends RuntimeException {
        Misfit(String message) {
            super(message, null, false, false);
        }
    }

    private static Object value(Node node, Type type, String path, RecordComponent component) {
        if (isNull(node)) return null;
        var raw = rawClass(type);
        if (raw.isRecord()) return record(node, raw, path);
        if (raw == List.class) {
            var element = ((ParameterizedType) type).getActualTypeArguments()[0];
            if (node instanceof SequenceNode sequence) {
                var list = new ArrayList<>();
                var items = sequence.getValue();
                for (int i = 0; i < items.size(); i++) {
                    list.add(value(items.get(i), element, path + "[" + i + "]", null));
                }
                return list;
            }
            if (node instanceof ScalarNode && component != null && component.isAnnotationPresent(OneOrMany.class)) {
                return new ArrayList<>(List.of(value(node, element, path, null)));
            }
            throw mismatch(node, path, "a list");
        }
        if (raw == LinkedHashMap.class || raw == Map.class) {
            var valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
            var map = new LinkedHashMap<String, Object>();
            for (var entry : mapping(node, path).getValue()) {
                var key = key(entry.getKeyNode(), path);
                if (map.containsKey(key)) throw duplicate(entry.getKeyNode(), path, key);
                map.put(key, value(entry.getValueNode(), valueType, join(path, key), null));
            }
            return map;
        }
        if (!(node instanceof ScalarNode scalar)) throw mismatch(node, path, expected(raw));
        var text = scalar.getValue();
        if (raw == String.class) return text;
        if (raw == Integer.class) {
            try {
                return Integer.valueOf(text.strip());
            } catch (NumberFormatException e) {
                throw mismatch(node, path, expected(raw));
            }
        }
        if (raw == Boolean.class) {
            if (text.equalsIgnoreCase("true")) return Boolean.TRUE;
            if (text.equalsIgnoreCase("false")) return Boolean.FALSE;
            throw mismatch(node, path, expected(raw));
        }
        throw new IllegalStateException(path + ": " + raw + " is not a type the config binder supports");
    }

    private static Object record(Node node, Class<?> type, String path) {
        var components = type.getRecordComponents();
        var byName = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < components.length; i++) byName.put(components[i].getName(), i);
        var values = new Object[components.length];
        var seen = new HashSet<String>();
        for (var entry : mapping(node, path).getValue()) {
            var key = key(entry.getKeyNode(), path);
            var index = byName.get(key);
            if (index == null) {
                throw problem(line(entry.getKeyNode()) + "unknown key '" + join(path, key) + "' (known: "
                        + byName.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
            if (!seen.add(key)) throw duplicate(entry.getKeyNode(), path, key);
            var component = components[index];
            values[index] = value(entry.getValueNode(), component.getGenericType(), join(path, key), component);
        }
        try {
            var constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + " at " + path, e);
        }
    }

    private static MappingNode mapping(Node node, String path) {
        if (node instanceof MappingNode mapping) return mapping;
        throw mismatch(node, path, "a mapping of keys to values");
    }

    private static String key(Node node, String path) {
        if (node instanceof ScalarNode scalar) return scalar.getValue();
        throw problem(line(node) + (path.isEmpty() ? "(top level)" : path) + ": a key must be a plain name");
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) return c;
        if (type instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        throw new IllegalStateException(type + " is not a type the config binder supports");
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class) return "a whole number";
        if (type == Boolean.class) return "true or false";
        if (type == String.class) return "a single value";
        return "a mapping of keys to values";
    }

    private static Misfit duplicate(Node node, String path, String key) {
        return problem(line(node) + "duplicate key '" + join(path, key) + "'");
    }

    private static Misfit mismatch(Node node, String path, String expected) {
        var found = switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s -> "'" + s.getValue() + "'";
            default -> "something else";
        };
        return problem(line(node) + (path.isEmpty() ? "(top level)" : path) + ": expected " + expected + ", found "
                + found);
    }

    private static String line(Node node) {
        return node.getStartMark() == null ? "" : "line " + (node.getStartMark().getLine() + 1) + ": ";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Misfit problem(String message) {
        return new Misfit(message);
    }
}
