package dev.shiplane.core.ledger;

import java.time.Instant;

/**
 * A deployment on ECS's engine paused at its approval hook: what {@code ContinueServiceDeployment} needs to let it go
 * on ({@code shiplane promote}) or roll it back ({@code shiplane abort}), as ECS's {@code ECS Hook State Change} said.
 *
 * @param serviceDeploymentArn the ECS service deployment that waits
 * @param hookId               the pause hook's id for this wait (a canary or linear step gets a fresh one)
 * @param expiresAt            when ECS rolls the deployment back if nobody answers
 */
public record PendingApproval(String serviceDeploymentArn, String hookId, Instant expiresAt) {}
