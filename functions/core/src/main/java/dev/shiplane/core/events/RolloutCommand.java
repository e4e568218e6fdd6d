package dev.shiplane.core.events;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * An operator's request about a running rollout, put on the bus by the CLI: {@code Promote Requested} (skip the
 * remaining steps), {@code Abort Requested}, {@code Pause Requested}, {@code Resume Requested}.
 *
 * @param command     {@code promote}, {@code abort}, {@code pause} or {@code resume}
 * @param requestId   idempotency key of the request
 * @param requestedBy the operator's IAM ARN
 */
public record RolloutCommand(String command, String env, String service, String requestId, String requestedBy,
                             String reason, Instant at) implements DomainEvent {

    /** One detail-type per command: the record is the same, {@link #command} tells them apart. */
    public static final List<String> DETAIL_TYPES = Arrays.stream(Kind.values()).map(Kind::detailType).toList();

    public enum Kind {
        PROMOTE("promote", "Promote Requested"),
        ABORT("abort", "Abort Requested"),
        PAUSE("pause", "Pause Requested"),
        RESUME("resume", "Resume Requested");

        private final String code;
        private final String detailType;

        Kind(String code, String detailType) {
            this.code = code;
            this.detailType = detailType;
        }

        public String code() {
            return code;
        }

        public String detailType() {
            return detailType;
        }

        public static Kind fromCode(String code) {
            return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown rollout command '" + code + "'"));
        }
    }

    public Kind kind() {
        return Kind.fromCode(command);
    }

    @Override
    public String detailType() {
        return kind().detailType();
    }
}
