package dev.shiplane.core.events;

/** Why a push did not become a deployment: the {@code reason} field of {@code Deployment Skipped}. */
public enum SkipReason {
    /** The tag is refused by the environment's tag policy (including {@code latest}). */
    POLICY("policy"),
    /** A digest-only push and the environment does not allow untagged deployments. */
    NO_TAG("no-tag"),
    /** No service in the configuration takes images from the pushed repository. */
    UNKNOWN_REPOSITORY("unknown-repository"),
    /** This push was already handled for this environment and service. */
    DUPLICATE("duplicate"),
    /** A push made later than this one is already deploying or deployed to this service. */
    SUPERSEDED("superseded"),
    /** The environment takes images only by promotion from another environment, never from pushes. */
    PROMOTION("promotion"),
    /** A promotion came due but the source deployment no longer qualifies (rolled back, replaced, alarming). */
    NOT_PROMOTABLE("not-promotable"),
    /** The digest was rolled back in this environment; only an operator's explicit deploy takes it again. */
    QUARANTINED("quarantined"),
    /** An operator's deploy named a tag or digest found neither in the ledger nor in the service's registry. */
    NOT_FOUND("not-found"),
    /** The environment is in a freeze window or frozen by an operator; rollbacks are never frozen. */
    FREEZE("freeze");

    private final String code;

    SkipReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
