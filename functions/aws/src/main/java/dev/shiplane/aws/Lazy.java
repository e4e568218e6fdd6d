package dev.shiplane.aws;

import java.util.function.Supplier;

/**
 * A value built on its first use, once, whichever thread asks first. For the clients a function needs only for
 * some events (SDK clients, HTTP clients): building one loads and links hundreds of classes, which an invocation that
 * does not use it should not pay; SnapStart priming calls {@link #get} before the snapshot instead.
 */
public final class Lazy<T> {

    private final Supplier<T> supplier;
    private volatile T value;

    public Lazy(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    public T get() {
        var v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    value = v = supplier.get();
                }
            }
        }
        return v;
    }

    public boolean built() {
        return value != null;
    }
}
