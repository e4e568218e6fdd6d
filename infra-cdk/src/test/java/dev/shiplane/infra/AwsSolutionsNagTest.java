package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions pack over every stack of the app: an unsuppressed error fails the build. Each suppression
 * lives in the construct that owns the resource, with the reason it is acceptable there.
 */
class AwsSolutionsNagTest {

    @Test
    void everyStack_hasNoUnsuppressedAwsSolutionsError() {
        var app = SynthesizedApp.get();
        var errors = app.stacks().stream()
                .flatMap(stack -> Annotations.fromStack(stack)
                        .findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream())
                .map(AwsSolutionsNagTest::describe)
                .toList();

        assertThat(errors).as("unsuppressed AwsSolutions errors:%n%s", String.join("\n", errors)).isEmpty();
    }

    @Test
    void everySuppression_givesAReason() {
        var reasons = SynthesizedApp.get().stacks().stream()
                .flatMap(stack -> resources(SynthesizedApp.get().template(stack.getArtifactId())).stream())
                .flatMap(resource -> NagMetadata.suppressions(resource).stream())
                .toList();

        assertThat(reasons).isNotEmpty().allSatisfy(s -> assertThat(s.reason()).hasSizeGreaterThan(40));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Collection<Object> resources(software.amazon.awscdk.assertions.Template template) {
        return ((java.util.Map<String, Object>) ((java.util.Map<String, Object>) template.toJSON()).get("Resources"))
                .values();
    }

    private static String describe(SynthesisMessage message) {
        return message.getId() + ": " + message.getEntry().getData();
    }

    /** The {@code cdk_nag} metadata cdk-nag writes on a resource for its suppressions. */
    record NagMetadata(String id, String reason) {
        @SuppressWarnings("unchecked")
        static List<NagMetadata> suppressions(Object resource) {
            var metadata = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) resource).get("Metadata");
            if (metadata == null || !(metadata.get("cdk_nag") instanceof java.util.Map<?, ?> nag)) return List.of();
            var rules = (List<java.util.Map<String, Object>>) nag.get("rules_to_suppress");
            if (rules == null) return List.of();
            return rules.stream().map(r -> new NagMetadata(String.valueOf(r.get("id")), String.valueOf(r.get("reason"))))
                    .collect(Collectors.toList());
        }
    }
}
