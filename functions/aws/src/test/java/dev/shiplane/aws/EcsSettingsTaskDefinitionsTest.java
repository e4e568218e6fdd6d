package dev.shiplane.aws;

import dev.shiplane.core.fakes.SettingsTaskDefinitionsContract;
import dev.shiplane.core.settings.SettingsTaskDefinitions;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The settings task definitions contract against ECS in the emulator. */
@ExtendWith(EmulatorExtension.class)
class EcsSettingsTaskDefinitionsTest extends SettingsTaskDefinitionsContract {

    private EcsClient ecs;

    @BeforeEach
    void client(TestAws aws) {
        ecs = aws.ecs();
    }

    @Override
    protected SettingsTaskDefinitions settings() {
        return new EcsSettingsTaskDefinitions(ecs);
    }

    @Override
    protected String givenRevision(String family, String container, String image) {
        return ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(c -> c.name(container)
                .image(image).memory(512).essential(true))).taskDefinition().taskDefinitionArn();
    }
}
