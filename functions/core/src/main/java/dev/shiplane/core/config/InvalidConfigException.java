package dev.shiplane.core.config;

import java.util.List;

/** Configuration that must not reach AWS. The message lists every problem, one per line, with its path. */
public final class InvalidConfigException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super("invalid shiplane configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
