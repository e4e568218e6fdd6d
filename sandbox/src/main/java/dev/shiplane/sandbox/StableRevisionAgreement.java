package dev.shiplane.sandbox;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.testkit.TestAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The ledger agrees with ECS where a service is one ECS service (not two colours): with no deployment of it still
 * started, the head's stable revision is the task definition the ECS service runs.
 */
final class StableRevisionAgreement implements LedgerAgreement {

    private final TestAws aws;
    private final ShiplaneConfig config;
    private final String ledgerTable;

    StableRevisionAgreement(TestAws aws, ShiplaneConfig config, String ledgerTable) {
        this.aws = aws;
        this.config = config;
        this.ledgerTable = ledgerTable;
    }

    @Override
    public List<String> disagreements() {
        List<String> out = new ArrayList<>();
        var deploying = SoakInvariants.unfinished(aws, ledgerTable).stream()
                .map(d -> text(d, "env") + "/" + text(d, "service")).collect(java.util.stream.Collectors.toSet());
        for (var head : SoakInvariants.heads(aws, ledgerTable)) {
            var env = config.environment(text(head, "env")).orElse(null);
            var service = config.service(text(head, "service")).orElse(null);
            if (env == null || service == null || service.twoColours()
                    || deploying.contains(env.name() + "/" + service.name())) {
                continue;
            }
            var stable = text(head, "stableTaskDefinition");
            if (stable == null) continue;
            var running = aws.ecs().describeServices(r -> r.cluster(env.cluster()).services(service.ecsService()))
                    .services().getFirst().taskDefinition();
            if (!stable.equals(running)) {
                out.add(env.name() + "/" + service.name() + ": the ledger's stable revision is "
                        + Timeline.revision(stable) + ", ECS runs " + Timeline.revision(running));
            }
        }
        return out;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null ? null : value.s();
    }
}
