package dev.shiplane.aws;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Calls every operation of an SDK client interface once, each with an empty request (but for the members that go in
 * the URL path, which the SDK refuses to send empty: those are {@code "priming"}), and reports the ones the client
 * answered. In a function's package the interface holds only the operations the function calls (the shrink step
 * removes the others), so priming a packaged function exercises exactly its own operations. A failure is ignored:
 * priming is best effort, and whatever ran before it is warmed all the same.
 */
final class OperationPriming {

    private OperationPriming() {}

    /** What one client's priming did: the operations it answered and the ones it refused, by name. */
    record Outcome(List<String> answered, List<String> refused) {}

    static <C> Outcome callEveryOperation(Class<C> type, C client) {
        var answered = new ArrayList<String>();
        var refused = new ArrayList<String>();
        for (var operation : operations(type)) {
            try {
                operation.invoke(client, emptyRequest(operation.getParameterTypes()[0]));
                answered.add(operation.getName());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError failure) {
                refused.add(operation.getName());
            }
        }
        return new Outcome(List.copyOf(answered), List.copyOf(refused));
    }

    private static List<Method> operations(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getParameterCount() == 1
                        && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])
                        && SdkResponse.class.isAssignableFrom(m.getReturnType()))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    private static Object emptyRequest(Class<?> requestType) throws ReflectiveOperationException {
        var builder = (SdkBuilder<?, ?>) requestType.getMethod("builder").invoke(null);
        if (builder instanceof SdkPojo pojo) {
            for (SdkField<?> field : pojo.sdkFields()) {
                var location = field.location();
                var inPath = location == MarshallLocation.PATH || location == MarshallLocation.GREEDY_PATH;
                if (inPath && field.marshallingType() == MarshallingType.STRING) {
                    field.set(builder, "priming");
                }
            }
        }
        return builder.build();
    }
}
