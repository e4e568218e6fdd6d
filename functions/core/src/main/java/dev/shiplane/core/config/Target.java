package dev.shiplane.core.config;

import dev.shiplane.core.policy.TagPolicy;
import dev.shiplane.core.policy.TagVerdict;

/** One place an image can be deployed to: a service in an environment. */
public record Target(EnvironmentSpec environment, ServiceSpec service) {

    public String env() {
        return environment.name();
    }

    public String serviceName() {
        return service.name();
    }

    public String cluster() {
        return environment.cluster();
    }

    public String ecsService() {
        return service.ecsService();
    }

    /**
     * Which pushed tags are deployed here: the service's own {@code tagPolicy} where it declares one, else the
     * environment's.
     */
    public TagPolicy tagPolicy() {
        return service.tagPolicy() != null ? service.tagPolicy() : environment.tagPolicy();
    }

    /** Where {@link #tagPolicy()} is declared in {@code shiplane.yml}, for people: {@code services.docs.tagPolicy}. */
    public String tagPolicyOrigin() {
        return service.tagPolicy() != null ? "services." + service.name() + ".tagPolicy"
                : "environments." + environment.name() + ".tagPolicy";
    }

    /** {@link #tagPolicy()}'s verdict on {@code tag}, its explanation naming the policy that decided. */
    public TagVerdict tagVerdict(String tag) {
        var origin = " (" + tagPolicyOrigin() + ")";
        return switch (tagPolicy().admits(tag)) {
            case TagVerdict.Admitted admitted -> new TagVerdict.Admitted(admitted.explanation() + origin);
            case TagVerdict.Rejected rejected -> new TagVerdict.Rejected(rejected.reason(), rejected.explanation() + origin);
        };
    }

    /** The service's gate alarms in this environment. */
    public java.util.List<String> alarms() {
        return service.alarmsIn(environment);
    }
}
