package dev.shiplane.core.config;

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

    /** The service's gate alarms in this environment. */
    public java.util.List<String> alarms() {
        return service.alarmsIn(environment);
    }
}
