package dev.shiplane.infra;

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
 */
public record DeliveryCoreProps(String busName, RemovalPolicy ledgerRemovalPolicy, String scheduleGroupName) {

    public static final String DEFAULT_BUS_NAME = "shiplane";
    public static final String DEFAULT_SCHEDULE_GROUP_NAME = "shiplane";

    public DeliveryCoreProps {
        AwsNames.requireEventBusName(busName);
        AwsNames.requireScheduleGroupName(scheduleGroupName);
        if (ledgerRemovalPolicy == null) {
            throw new IllegalArgumentException("ledgerRemovalPolicy must not be null");
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

        public DeliveryCoreProps build() {
            return new DeliveryCoreProps(busName, ledgerRemovalPolicy, scheduleGroupName);
        }
    }
}
