package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.revisions.FamilyRevision;
import dev.shiplane.core.revisions.FamilyRevisions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FamilyRevisions} must do; run against {@link FakeFamilyRevisions} (core) and ECS on the emulator
 * (aws), where a deregistered revision's status is read back from ECS itself.
 */
public abstract class FamilyRevisionsContract {

    protected abstract FamilyRevisions revisions();

    /** Registers the next revision of {@code family}, tagged as shiplane tags its own when {@code byShiplane}. */
    protected abstract String givenRevision(String family, boolean byShiplane);

    /** An ECS service of {@code cluster} set to run {@code taskDefinitionArn}. */
    protected abstract void givenService(String cluster, String service, String taskDefinitionArn);

    /** ACTIVE or INACTIVE, as the backend itself says. */
    protected abstract String statusOf(String taskDefinitionArn);

    @Test
    void activeNewestFirst_listsTheFamilyNewestFirst_tellingShiplanesRevisionsApart() {
        var bootstrap = givenRevision("monynha-staging-web", false);
        var first = givenRevision("monynha-staging-web", true);
        var second = givenRevision("monynha-staging-web", true);

        assertThat(revisions().activeNewestFirst("monynha-staging-web")).containsExactly(
                new FamilyRevision(second, 3, true), new FamilyRevision(first, 2, true),
                new FamilyRevision(bootstrap, 1, false));
    }

    @Test
    void activeNewestFirst_leavesOutFamiliesWhoseNamesStartWithIt() {
        var web = givenRevision("monynha-staging-web", true);
        givenRevision("monynha-staging-web-blue", true);
        givenRevision("monynha-staging-webhooks", true);

        assertThat(revisions().activeNewestFirst("monynha-staging-web")).extracting(FamilyRevision::taskDefinitionArn)
                .containsExactly(web);
    }

    @Test
    void activeNewestFirst_ofAFamilyWithNoRevisions_isEmpty() {
        assertThat(revisions().activeNewestFirst("monynha-staging-nothing")).isEmpty();
    }

    @Test
    void deregister_makesTheRevisionInactive_andDropsItFromTheList() {
        var old = givenRevision("monynha-staging-web", true);
        var kept = givenRevision("monynha-staging-web", true);

        revisions().deregister(old);

        assertThat(statusOf(old)).isEqualTo("INACTIVE");
        assertThat(statusOf(kept)).isEqualTo("ACTIVE");
        assertThat(revisions().activeNewestFirst("monynha-staging-web")).extracting(FamilyRevision::taskDefinitionArn)
                .containsExactly(kept);
    }

    @Test
    void deregisterTwice_isNotAnError() {
        var old = givenRevision("monynha-staging-web", true);
        givenRevision("monynha-staging-web", true);

        revisions().deregister(old);
        revisions().deregister(old);

        assertThat(statusOf(old)).isEqualTo("INACTIVE");
    }

    @Test
    void runByEcs_isWhatEachServiceRuns() {
        var blue = givenRevision("monynha-staging-api", true);
        var green = givenRevision("monynha-staging-api", true);
        var other = givenRevision("monynha-staging-api", true);
        givenService("monynha-staging", "api-blue", blue);
        givenService("monynha-staging", "api-green", green);
        givenService("monynha-staging", "docs", other);

        assertThat(revisions().runByEcs("monynha-staging", List.of("api-blue", "api-green")))
                .containsExactlyInAnyOrder(blue, green);
    }

    @Test
    void runByEcs_ofAServiceThatDoesNotExist_isNothing() {
        var web = givenRevision("monynha-staging-web", true);
        givenService("monynha-staging", "web", web);

        assertThat(revisions().runByEcs("monynha-staging", List.of("gone"))).isEmpty();
    }
}
