package dev.shiplane.infra;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** A GHCR-only setup is valid: pushes arrive as Image Pushed, so the ECR rule is simply absent. */
class ImagePushDeployWithoutEcrTest {

    @Test
    void noEcrRepositories_synthesizesWithoutTheEcrRule() {
        var template = DeployStackFixture.synth(b -> b.ecrRepositories(List.of()));

        template.resourcePropertiesCountIs("AWS::Events::Rule",
                Map.of("EventPattern", Match.objectLike(Map.of("source", List.of("aws.ecr")))), 0);
        template.resourceCountIs("AWS::Events::Rule", 2);
    }
}
