package dev.shiplane.core.rotation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The secret values one rotation has handled, so that a failure's reason can be scrubbed of them before it is
 * published or thrown. Defence in depth: no message is built from a value in the first place.
 */
public final class Redaction {

    static final String MASK = "****";
    private final List<String> values = new ArrayList<>();

    public synchronized void add(String value) {
        if (value != null && value.length() >= 4 && !values.contains(value)) values.add(value);
    }

    /** {@code text} with every known value replaced by {@value #MASK}, longest first (a value may contain another). */
    public synchronized String apply(String text) {
        if (text == null) return null;
        var result = text;
        var ordered = new ArrayList<>(values);
        ordered.sort(Comparator.comparingInt(String::length).reversed());
        for (var value : ordered) result = result.replace(value, MASK);
        return result;
    }
}
