package dev.shiplane.core.dora;

import java.time.Duration;

/**
 * The four DORA figures of one service in one environment over a period, from its ledger.
 *
 * @param deployments       deployments that reached ECS and ended (succeeded, failed or rolled back)
 * @param perDay            deployment frequency: {@code deployments} / days of the period
 * @param leadTime          median of image push → deployment succeeded; {@code null} without a success
 * @param changeFailureRate failed or rolled back / {@code deployments}, 0..1; {@code null} without deployments
 * @param timeToRestore     median of alarm → rolled back: from the moment the gate alarm went into ALARM (recorded
 *                          with the rollback) to the rollback; a rollback without an alarm time (an ECS failure, an
 *                          operator's request, or one recorded before alarm times were) counts from the rollback
 *                          request, which shiplane acts on at once; {@code null} without a rollback
 */
public record DoraFigures(int deployments, double perDay, Duration leadTime, Double changeFailureRate,
                          Duration timeToRestore) {}
