package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.contract.MalformedEventException;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every sample event in events/aws and events/shiplane, damaged in seeded ways (truncated, a field of the wrong
 * type, a field missing, a huge string, an unknown detail-type, not an object at all), handed to the deploy,
 * rollback and canary functions. Each must either reject it with a {@link MalformedEventException} before any AWS
 * call, or handle it as the (still valid) event it is; no other exception may escape.
 */
@ExtendWith(EmulatorExtension.class)
class HostileInputIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Figures FIGURES = new Figures("hostile-input");
    static final List<String> FUNCTIONS = List.of("deploy", "rollback", "canary");
    static FunctionCalls calls;

    record Case(String name, byte[] event) {}

    @BeforeAll
    static void gateway() {
        calls = new FunctionCalls();
    }

    @AfterAll
    static void report() {
        calls.close();
        FIGURES.write();
    }

    @Test
    void damagedEvents_areRejectedBeforeAnyAwsCallOrHandled_neverAnotherException(TestAws aws) throws IOException {
        var world = new DeliveryWorld(aws, true);
        var random = new Random(Long.getLong("reliability.seed", 9L));
        List<String> escaped = new ArrayList<>();
        for (var c : cases(random)) {
            for (var function : FUNCTIONS) {
                calls.arm(-1, null);
                try {
                    world.invoke(function, c.event());
                    FIGURES.add("handledAsValid", 1);
                } catch (MalformedEventException rejected) {
                    FIGURES.add("rejectedMalformed", 1);
                    assertThat(calls.operations()).as("%s via %s: AWS calls before the rejection (%s)", c.name(),
                            function, rejected.getMessage()).isEmpty();
                    assertThat(rejected.getMessage()).as(c.name()).isNotBlank().hasSizeLessThan(2_000);
                } catch (RuntimeException other) {
                    escaped.add(c.name() + " via " + function + ": " + other);
                }
                FIGURES.add("mutationsAfterRejection", 0);
                FIGURES.add("fuzzCases", 1);
            }
        }
        FIGURES.add("escapedExceptions", escaped.size());
        assertThat(escaped).as("exceptions other than MalformedEventException").isEmpty();
    }

    static List<Case> cases(Random random) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (var bytes : List.of("", "   ", "null", "42", "\"an event\"", "[]", "[{}]", "{", "{}", "{\"detail\":{}}",
                "\u0000\u0001\u00ff", "{\"source\":\"aws.ecr\",\"detail-type\":\"ECR Image Action\"}")) {
            cases.add(new Case("literal " + JSON.writeValueAsString(bytes), bytes.getBytes(StandardCharsets.UTF_8)));
        }
        cases.add(new Case("deeply nested", ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8)));
        for (var sample : samples()) {
            var text = Files.readString(sample);
            var name = sample.getParent().getFileName() + "/" + sample.getFileName();
            var root = (ObjectNode) JSON.readTree(text);
            for (int i = 0; i < 2; i++) {
                int at = 1 + random.nextInt(text.length() - 1);
                cases.add(new Case(name + " truncated at " + at, text.substring(0, at).getBytes(StandardCharsets.UTF_8)));
            }
            var unknown = root.deepCopy();
            unknown.put("detail-type", "Totally Unknown Thing");
            cases.add(new Case(name + " unknown detail-type", bytes(unknown)));
            var leaves = leaves(root, "");
            for (int i = 0; i < Math.min(3, leaves.size()); i++) {
                var path = leaves.get(random.nextInt(leaves.size()));
                JsonNode[] wrong = {JsonNodeFactory.instance.numberNode(42), JsonNodeFactory.instance.arrayNode(),
                        JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.booleanNode(true),
                        JsonNodeFactory.instance.nullNode()};
                var value = wrong[random.nextInt(wrong.length)];
                cases.add(new Case(name + " " + path + " = " + value, bytes(replaced(root, path, value))));
            }
            for (int i = 0; i < Math.min(2, leaves.size()); i++) {
                var path = leaves.get(random.nextInt(leaves.size()));
                cases.add(new Case(name + " without " + path, bytes(replaced(root, path, null))));
            }
            var strings = leaves.stream().filter(p -> at(root, p).isTextual()).toList();
            if (!strings.isEmpty()) {
                var path = strings.get(random.nextInt(strings.size()));
                cases.add(new Case(name + " " + path + " = 1 MB", bytes(replaced(root, path,
                        JsonNodeFactory.instance.textNode("x".repeat(1 << 20))))));
            }
        }
        return cases;
    }

    static List<Path> samples() throws IOException {
        try (Stream<Path> aws = Files.list(RepoFiles.path("events/aws"));
             Stream<Path> own = Files.list(RepoFiles.path("events/shiplane"))) {
            return Stream.concat(aws, own).filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Paths of every scalar leaf, as {@code a.b.0.c}. */
    static List<String> leaves(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> out.addAll(leaves(node.get(f), prefix.isEmpty() ? f : prefix + "." + f)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) out.addAll(leaves(node.get(i), prefix + "." + i));
        } else {
            out.add(prefix);
        }
        return out;
    }

    static JsonNode at(JsonNode root, String path) {
        var node = root;
        for (var part : path.split("\\.")) node = node.isArray() ? node.get(Integer.parseInt(part)) : node.get(part);
        return node;
    }

    /** A copy of {@code root} with the leaf at {@code path} replaced by {@code value}, or removed when null. */
    static JsonNode replaced(ObjectNode root, String path, JsonNode value) {
        var copy = root.deepCopy();
        var parts = path.split("\\.");
        JsonNode parent = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
        }
        var last = parts[parts.length - 1];
        if (parent instanceof ArrayNode array) {
            if (value == null) array.remove(Integer.parseInt(last));
            else array.set(Integer.parseInt(last), value);
        } else if (value == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return copy;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
