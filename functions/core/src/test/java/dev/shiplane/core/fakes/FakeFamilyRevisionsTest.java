package dev.shiplane.core.fakes;

import dev.shiplane.core.revisions.FamilyRevisions;

class FakeFamilyRevisionsTest extends FamilyRevisionsContract {

    private final FakeFamilyRevisions ecs = new FakeFamilyRevisions();

    @Override
    protected FamilyRevisions revisions() {
        return ecs;
    }

    @Override
    protected String givenRevision(String family, boolean byShiplane) {
        return ecs.register(family, byShiplane);
    }

    @Override
    protected void givenService(String cluster, String service, String taskDefinitionArn) {
        ecs.runs(cluster, service, taskDefinitionArn);
    }

    @Override
    protected String statusOf(String taskDefinitionArn) {
        return ecs.statusOf(taskDefinitionArn);
    }
}
