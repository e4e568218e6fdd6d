package dev.shiplane.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.notify.Notice.Field;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact Block Kit payload Slack receives, and the plain text the topic gets, for representative notices. */
class SlackMessageTest {

    static final DashboardLink DASHBOARD = new DashboardLink("shiplane", "eu-west-1");
    static final String LINK = "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1"
            + "#dashboards/dashboard/shiplane";

    static Stream<Arguments> notices() {
        return Stream.of(
                Arguments.of("a deployment: header, fields in two columns, dashboard link",
                        new Notice(Severity.INFO, ":rocket:", "web 1.4.2 deploying to prod",
                                List.of(new Field("Service", "web"), new Field("Env", "prod"),
                                        new Field("Image", "monynha/web:1.4.2")), null),
                        DASHBOARD,
                        "{\"text\":\":rocket: web 1.4.2 deploying to prod\",\"attachments\":[{\"color\":\"#439fe0\","
                                + "\"blocks\":["
                                + "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\","
                                + "\"text\":\":rocket: web 1.4.2 deploying to prod\",\"emoji\":true}},"
                                + "{\"type\":\"section\",\"fields\":["
                                + "{\"type\":\"mrkdwn\",\"text\":\"*Service*\\nweb\"},"
                                + "{\"type\":\"mrkdwn\",\"text\":\"*Env*\\nprod\"},"
                                + "{\"type\":\"mrkdwn\",\"text\":\"*Image*\\nmonynha/web:1.4.2\"}]},"
                                + "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\","
                                + "\"text\":\"<" + LINK + "|CloudWatch dashboard shiplane>\"}]}]}]}"),
                Arguments.of("a rollback: red, with the reason as its own section, mrkdwn control characters escaped",
                        new Notice(Severity.DANGER, ":rewind:", "api 2.0.0 rolled back in staging (alarm)",
                                List.of(new Field("Service", "api")), "5xx > 5% & \"rising\" <now>"),
                        null,
                        "{\"text\":\":rewind: api 2.0.0 rolled back in staging (alarm)\",\"attachments\":[{"
                                + "\"color\":\"#a30200\",\"blocks\":["
                                + "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\","
                                + "\"text\":\":rewind: api 2.0.0 rolled back in staging (alarm)\",\"emoji\":true}},"
                                + "{\"type\":\"section\",\"fields\":[{\"type\":\"mrkdwn\",\"text\":\"*Service*\\napi\"}]},"
                                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\","
                                + "\"text\":\"5xx &gt; 5% &amp; \\\"rising\\\" &lt;now&gt;\"}}]}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notices")
    void payload(String name, Notice notice, DashboardLink dashboard, String expected) {
        assertThat(SlackMessage.payload(notice, dashboard)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void slackLimitsAreKept_headerAt150AndTenFields() {
        var fields = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> new Field("F" + i, "v")).toList();
        var payload = SlackMessage.payload(new Notice(Severity.WARNING, ":x:", "h".repeat(300), fields, null), null);

        assertThat(payload).contains("\"text\":\":x: " + "h".repeat(145) + "…\",\"emoji\":true")
                .contains("*F10*").doesNotContain("*F11*");
    }

    @org.junit.jupiter.api.Test
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
