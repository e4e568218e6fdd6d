package dev.shiplane.rotate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a port so that its n-th call of one method takes effect and then throws, as if the function died there. */
final class CrashAfter {

    private CrashAfter() {}

    static <T> T wrap(Class<T> port, T target, String method, int occurrence) {
        var calls = new AtomicInteger();
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, m, args) -> {
            Object result;
            try {
                result = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (m.getName().equals(method) && calls.incrementAndGet() == occurrence) {
                throw new IllegalStateException("crash injected after " + method);
            }
            return result;
        }));
    }
}
