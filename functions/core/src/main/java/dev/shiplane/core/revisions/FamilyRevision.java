package dev.shiplane.core.revisions;

/**
 * One ACTIVE revision of a task-definition family.
 *
 * @param taskDefinitionArn    {@code arn:aws:ecs:…:task-definition/<family>:<revision>}
 * @param revision             its number in the family
 * @param registeredByShiplane whether shiplane registered it (it carries the {@code shiplane.deployment-id} tag);
 *                             revisions others registered (a stack's bootstrap, the console) are never deregistered
 */
public record FamilyRevision(String taskDefinitionArn, int revision, boolean registeredByShiplane) {

    /** The family of a task-definition ARN ({@code …:task-definition/monynha-staging-web:7} → {@code monynha-staging-web}). */
    public static String familyOf(String taskDefinitionArn) {
        var name = taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
        var colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
