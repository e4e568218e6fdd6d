package dev.shiplane.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.notify.Notice.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain text the notifications topic gets (the Slack message is the notify function's: SlackBlockKitTest). */
class PlainTextTest {

    static final DashboardLink DASHBOARD = new DashboardLink("shiplane", "eu-west-1");
    static final String LINK = "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1"
            + "#dashboards/dashboard/shiplane";

    @Test
    void plainText_subjectIsOneAsciiLineUnder100_bodyListsTheFacts() {
        var notice = new Notice(Severity.DANGER, ":rewind:", "api 2.0.0 rolled back in staging (alarm) — " + "x".repeat(80),
                List.of(new Field("Service", "api"), new Field("Env", "staging")), "staging-api-5xx: Threshold");

        var text = PlainText.of(notice, DASHBOARD);

        assertThat(text.subject()).hasSize(99).startsWith("shiplane ALERT: api 2.0.0 rolled back in staging (alarm) ? x")
                .endsWith("...").matches("[\\x20-\\x7e]+");
        assertThat(text.body()).isEqualTo(notice.headline() + "\n\nService: api\nEnv: staging\n\n"
                + "staging-api-5xx: Threshold\n\nDashboard: " + LINK);
    }
}
