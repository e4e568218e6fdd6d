package dev.shiplane.contract.environment;

/** Variables of the notify function, besides {@link DeliveryEnvironment#LEDGER_TABLE} (claims per event and channel). */
public final class NotifyEnvironment {

    /** The Secrets Manager secret holding the Slack incoming-webhook URL. */
    public static final String SLACK_SECRET_ID = "SHIPLANE_SLACK_SECRET_ID";
    /** The notifications topic. */
    public static final String TOPIC_ARN = "SHIPLANE_NOTIFY_TOPIC_ARN";
    /** The CloudWatch dashboard messages link to; default {@code shiplane}. */
    public static final String DASHBOARD_NAME = "SHIPLANE_DASHBOARD_NAME";

    private NotifyEnvironment() {}
}
