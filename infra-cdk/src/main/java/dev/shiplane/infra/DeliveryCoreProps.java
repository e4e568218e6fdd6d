package dev.shiplane.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;

/**
 * Settings of {@link DeliveryCore}. Every value is optional.
 *
 * @param busName             name of shiplane's custom event bus. Default: {@value #DEFAULT_BUS_NAME}.
 * @param ledgerRemovalPolicy what happens to the ledger table when it leaves the stack. Default:
 *                            {@link RemovalPolicy#RETAIN}, because the ledger is the only record of what was
 *                            deployed where; use {@code DESTROY} only for throwaway stacks.
 * @param scheduleGroupName   name of the EventBridge Scheduler group holding shiplane's one-shot schedules (canary
 *                            steps, promotions, verifications). Default: {@value #DEFAULT_SCHEDULE_GROUP_NAME}.
 * @param ledgerRetention     how long after its creation a deployment's ledger item expires (DynamoDB TTL), in
 *                            whole days, at least one. Default: {@value #DEFAULT_LEDGER_RETENTION_DAYS} days, so a year
 *                            of DORA figures survives. The heads (running and known-good revisions, rollouts,
 *                            quarantines) never expire.
 */
public record DeliveryCoreProps(String busName, RemovalPolicy ledgerRemovalPolicy, String scheduleGroupName,
                                Duration ledgerRetention) {

    public static final String DEFAULT_BUS_NAME = "shiplane";
    public static final String DEFAULT_SCHEDULE_GROUP_NAME = "shiplane";
    public static final int DEFAULT_LEDGER_RETENTION_DAYS = 400;
    /**
     * The shortest retention accepted: a deployment's item must outlive anything that still waits on it (an approval,
     * at most 14 days; a scan timeout; a paused rollout), or its next step finds nothing to update.
     */
    public static final int MIN_LEDGER_RETENTION_DAYS = 30;

    public DeliveryCoreProps {
        AwsNames.requireEventBusName(busName);
        AwsNames.requireScheduleGroupName(scheduleGroupName);
        if (ledgerRemovalPolicy == null) {
            throw new IllegalArgumentException("ledgerRemovalPolicy must not be null");
        }
        // in seconds: CDK's toDays() throws on part days rather than answering
        if (ledgerRetention == null || ledgerRetention.toSeconds().longValue() < MIN_LEDGER_RETENTION_DAYS * 86_400L
                || ledgerRetention.toSeconds().longValue() % 86_400 != 0) {
            throw new IllegalArgumentException("ledgerRetention must be a whole number of days, at least "
                    + MIN_LEDGER_RETENTION_DAYS + "; was "
                    + (ledgerRetention == null ? null : ledgerRetention.toHumanString()));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DeliveryCoreProps}; unset values take the defaults documented on the record. */
    public static final class Builder {
        private String busName = DEFAULT_BUS_NAME;
        private RemovalPolicy ledgerRemovalPolicy = RemovalPolicy.RETAIN;
        private String scheduleGroupName = DEFAULT_SCHEDULE_GROUP_NAME;
        private Duration ledgerRetention = Duration.days(DEFAULT_LEDGER_RETENTION_DAYS);

        private Builder() {}

        public Builder busName(String busName) {
            this.busName = busName;
            return this;
        }

        public Builder ledgerRemovalPolicy(RemovalPolicy ledgerRemovalPolicy) {
            this.ledgerRemovalPolicy = ledgerRemovalPolicy;
            return this;
        }

        public Builder scheduleGroupName(String scheduleGroupName) {
            this.scheduleGroupName = scheduleGroupName;
            return this;
        }

        public Builder ledgerRetention(Duration ledgerRetention) {
            this.ledgerRetention = ledgerRetention;
            return this;
        }

        public DeliveryCoreProps build() {
            return new DeliveryCoreProps(busName, ledgerRemovalPolicy, scheduleGroupName, ledgerRetention);
        }
    }
}
