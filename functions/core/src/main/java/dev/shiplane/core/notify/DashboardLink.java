package dev.shiplane.core.notify;

/**
 * The CloudWatch dashboard a notification links to.
 *
 * @param name   the dashboard's name ({@code shiplane})
 * @param region the region it lives in
 */
public record DashboardLink(String name, String region) {

    /** The console address of the dashboard. */
    public String url() {
        return "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#dashboards/dashboard/" + name;
    }
}
