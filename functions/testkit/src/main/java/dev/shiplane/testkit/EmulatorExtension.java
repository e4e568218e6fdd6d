package dev.shiplane.testkit;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one emulator per JVM, reset before every test, injected as an {@link AwsEmulator} or
 * {@link TestAws} parameter.
 */
public final class EmulatorExtension implements BeforeEachCallback, ParameterResolver {

    @Override
    public void beforeEach(ExtensionContext context) {
        Emulators.shared().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        var type = parameter.getParameter().getType();
        return type == AwsEmulator.class || type == TestAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var emulator = Emulators.shared();
        return parameter.getParameter().getType() == AwsEmulator.class ? emulator : new TestAws(emulator);
    }
}
