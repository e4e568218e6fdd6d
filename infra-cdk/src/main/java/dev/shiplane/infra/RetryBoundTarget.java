package dev.shiplane.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.interfaces.events.IRuleRef;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.RuleTargetConfig;

/**
 * A rule target with a retry policy of its own. CDK's event bus target ({@code targets.EventBus}) takes a role and a
 * dead-letter queue but no retry policy, so EventBridge would retry an undeliverable event for its default 24 hours
 * and 185 attempts; this wraps that target and adds {@code RetryPolicy} to the target it binds.
 */
final class RetryBoundTarget implements IRuleTarget {

    private final IRuleTarget target;
    private final int maximumRetryAttempts;
    private final Duration maximumEventAge;

    /**
     * @param maximumRetryAttempts 0 to 185, EventBridge's range
     * @param maximumEventAge      60 seconds to 24 hours, EventBridge's range
     */
    RetryBoundTarget(IRuleTarget target, int maximumRetryAttempts, Duration maximumEventAge) {
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > 185) {
            throw new IllegalArgumentException("maximumRetryAttempts must be 0 to 185, was " + maximumRetryAttempts);
        }
        var seconds = maximumEventAge.toSeconds().intValue();
        if (seconds < 60 || seconds > 86_400) {
            throw new IllegalArgumentException("maximumEventAge must be 60 seconds to 24 hours, was " + seconds + "s");
        }
        this.target = target;
        this.maximumRetryAttempts = maximumRetryAttempts;
        this.maximumEventAge = maximumEventAge;
    }

    @Override
    public RuleTargetConfig bind(IRuleRef rule) {
        return bind(rule, null);
    }

    @Override
    public RuleTargetConfig bind(IRuleRef rule, String id) {
        var config = target.bind(rule, id);
        return RuleTargetConfig.builder()
                .arn(config.getArn())
                .role(config.getRole())
                .deadLetterConfig(config.getDeadLetterConfig())
                .input(config.getInput())
                .targetResource(config.getTargetResource())
                .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                        .maximumRetryAttempts(maximumRetryAttempts)
                        .maximumEventAgeInSeconds(maximumEventAge.toSeconds().intValue())
                        .build())
                .build();
    }
}
