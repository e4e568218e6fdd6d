package dev.shiplane.sandbox;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.testkit.TestAws;

/** What every managed ECS service runs at the end of the story, read back from the emulator. */
final class ServiceTable {

    private final TestAws aws;
    private final ShiplaneConfig config;
    private final java.util.function.Predicate<String> inAccount;

    ServiceTable(TestAws aws, ShiplaneConfig config) {
        this(aws, config, env -> true);
    }

    /** @param inAccount the environments of {@code aws}'s account */
    ServiceTable(TestAws aws, ShiplaneConfig config, java.util.function.Predicate<String> inAccount) {
        this.aws = aws;
        this.config = config;
        this.inAccount = inAccount;
    }

    void print(Timeline timeline) {
        timeline.say(String.format("  %-9s %-13s %-28s %s", "ENV", "ECS SERVICE", "TASK DEFINITION", "IMAGE"));
        for (var env : config.environments()) {
            if (!inAccount.test(env.name())) continue;
            for (var service : config.services()) {
                if (!service.environments().contains(env.name())) continue;
                for (var ecsService : service.ecsServicesIn(env)) {
                    var described = aws.ecs().describeServices(r -> r.cluster(env.cluster()).services(ecsService))
                            .services().getFirst();
                    var td = described.taskDefinition();
                    var container = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(td)).taskDefinition()
                            .containerDefinitions().stream().filter(c -> c.name().equals(service.container()))
                            .findFirst().orElseThrow();
                    var tag = container.dockerLabels().get("shiplane.image.tag");
                    timeline.say(String.format("  %-9s %-13s %-28s %s", env.name(), ecsService + " ×"
                            + described.desiredCount(), Timeline.revision(td), Timeline.shortImage(container.image())
                            + (tag == null ? "" : "  (tag " + tag + ")")));
                }
            }
        }
    }
}
