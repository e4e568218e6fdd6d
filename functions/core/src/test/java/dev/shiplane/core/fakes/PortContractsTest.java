package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every port has a contract: an abstract {@code <Port>Contract} test class that its fake and its real adapter extend.
 * A port is found by what it is, not where it lives, so moving ports between feature packages keeps them checked: any
 * public, top-level, non-sealed interface of {@code dev.shiplane.core} that is not a {@link FunctionalInterface}
 * (sealed interfaces are data; functional ones are callbacks such as {@code Pause}). The few other interfaces that
 * are not ports are named below with the reason.
 */
class PortContractsTest {

    /** Interfaces that match the rule but are not ports a fake could drift from, and why. */
    static final Map<String, String> NOT_PORTS = Map.of(
            "DeployFacts", "the answers one deploy decision weighs, read through other ports (Ledger, Freezes, ImageScans)",
            "PackageEventReader", "a JSON codec of GitHub deliveries, tested on the samples in events/ by the contract module",
            "CredentialsFormat", "a JSON codec of database secrets, tested by the contract module",
            "DeliveryMetrics", "a write-only metrics sink: callers rely on no answer; its EMF lines are checked against the"
                    + " specification and the dashboard's names by runtime's PowertoolsDeliveryMetricsTest");

    @Test
    void everyPort_hasAContract() {
        var missing = new TreeSet<>(ports());
        missing.removeIf(port -> contractOf(port) != null);

        assertThat(missing).as("ports without an abstract <Port>Contract in dev.shiplane.core's tests").isEmpty();
    }

    @Test
    void notPorts_nameOnlyInterfacesThatExist() {
        assertThat(NOT_PORTS.keySet()).as("listed as not a port, but no such interface").isSubsetOf(candidates());
    }

    @Test
    void theRuleFindsThePortsWeKnow() {
        assertThat(ports()).contains("Ledger", "TrafficRouter", "HttpProbe", "ServiceDeployments")
                .doesNotContain("Pause", "DomainEvent", "DeployFacts");
    }

    static Set<String> ports() {
        var ports = new TreeSet<>(candidates());
        ports.removeAll(NOT_PORTS.keySet());
        return ports;
    }

    /** Simple names of the public, top-level, non-sealed, non-functional interfaces of core's main code. */
    static Set<String> candidates() {
        var names = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(mainClasses())) {
            files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
                    .map(PortContractsTest::load)
                    .filter(c -> c.isInterface() && !c.isAnnotation() && !c.isSealed()
                            && Modifier.isPublic(c.getModifiers())
                            && !c.isAnnotationPresent(FunctionalInterface.class))
                    .forEach(c -> names.add(c.getSimpleName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(names).as("no interfaces found under " + mainClasses()).isNotEmpty();
        return names;
    }

    /** The abstract {@code <port>Contract} among core's test classes, or {@code null}. */
    static Class<?> contractOf(String port) {
        try (Stream<Path> files = Files.walk(testClasses())) {
            return files.filter(f -> f.getFileName().toString().equals(port + "Contract.class"))
                    .map(PortContractsTest::loadTest)
                    .filter(c -> Modifier.isAbstract(c.getModifiers()))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mainClasses() {
        // DomainEvent is core's event root: a class core cannot lose, wherever the ports move.
        return root(dev.shiplane.core.events.DomainEvent.class);
    }

    private static Path testClasses() {
        return root(PortContractsTest.class);
    }

    private static Path root(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("dev/shiplane/core");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(Path classFile) {
        return loadFrom(mainClasses(), classFile);
    }

    private static Class<?> loadTest(Path classFile) {
        return loadFrom(testClasses(), classFile);
    }

    private static Class<?> loadFrom(Path root, Path classFile) {
        var relative = root.getParent().getParent().getParent().relativize(classFile).toString();
        var name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        try {
            return Class.forName(name, false, PortContractsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
