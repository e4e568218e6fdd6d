package dev.shiplane.infra;

import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The settings every function family's props share (its package, memory, timeout, log retention and level), with
 * their setters and checks in one place; each family's builder extends it with its own settings.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class FunctionBuilder<B extends FunctionBuilder<B>> {

    static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    Code code;
    int memorySize;
    Duration timeout;
    RetentionDays logRetention = RetentionDays.ONE_MONTH;
    String logLevel = "INFO";

    FunctionBuilder(int defaultMemorySize, Duration defaultTimeout) {
        this.memorySize = defaultMemorySize;
        this.timeout = defaultTimeout;
    }

    abstract B self();

    public B code(Code code) {
        this.code = code;
        return self();
    }

    public B memorySize(int memorySize) {
        this.memorySize = memorySize;
        return self();
    }

    public B timeout(Duration timeout) {
        this.timeout = timeout;
        return self();
    }

    public B logRetention(RetentionDays logRetention) {
        this.logRetention = logRetention;
        return self();
    }

    public B logLevel(String logLevel) {
        this.logLevel = logLevel;
        return self();
    }

    /** The checks every family's props make on the shared settings; messages name the value to fix. */
    static void validate(Code code, String codeName, int memorySize, Duration timeout, RetentionDays logRetention,
                         String logLevel) {
        Objects.requireNonNull(code, "code is required (" + codeName + ")");
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(logRetention, "logRetention must not be null");
        if (memorySize < 128 || memorySize > 10_240) {
            throw new IllegalArgumentException("memorySize " + memorySize + " MB is outside Lambda's 128-10240 MB");
        }
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("logLevel '" + logLevel + "' is not one of " + LOG_LEVELS);
        }
    }
}
