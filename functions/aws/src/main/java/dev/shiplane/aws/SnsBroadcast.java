package dev.shiplane.aws;

import dev.shiplane.core.notify.Broadcast;
import dev.shiplane.core.notify.PlainText;
import software.amazon.awssdk.services.sns.SnsClient;

/** {@link Broadcast} on an SNS topic: the subject and the body of one Publish. */
public final class SnsBroadcast implements Broadcast {

    private final SnsClient sns;
    private final String topicArn;

    public SnsBroadcast(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(PlainText message) {
        sns.publish(r -> r.topicArn(topicArn).subject(message.subject()).message(message.body()));
    }
}
