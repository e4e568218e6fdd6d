package dev.shiplane.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.notify.DashboardLink;
import dev.shiplane.core.notify.Notice;
import dev.shiplane.core.notify.Notice.Field;
import dev.shiplane.core.notify.Severity;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact Block Kit payload Slack receives for representative notices. */
class SlackBlockKitTest {

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
                                + "\"text\":\"5xx &gt; 5% &amp; \\\"rising\\\" &lt;now&gt;\"}}]}]}"),
                Arguments.of("no fields: no empty section",
                        new Notice(Severity.SUCCESS, ":white_check_mark:", "done", List.of(), null),
                        null,
                        "{\"text\":\":white_check_mark: done\",\"attachments\":[{\"color\":\"#2eb886\",\"blocks\":["
                                + "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\","
                                + "\"text\":\":white_check_mark: done\",\"emoji\":true}}]}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notices")
    void payload(String name, Notice notice, DashboardLink dashboard, String expected) {
        assertThat(SlackBlockKit.payload(notice, dashboard)).isEqualTo(expected);
    }

    @Test
    void slackLimitsAreKept_headerAt150AndTenFields() {
        var fields = IntStream.rangeClosed(1, 12).mapToObj(i -> new Field("F" + i, "v")).toList();
        var payload = SlackBlockKit.payload(new Notice(Severity.WARNING, ":x:", "h".repeat(300), fields, null), null);

        assertThat(payload).contains("\"text\":\":x: " + "h".repeat(145) + "…\",\"emoji\":true")
                .contains("*F10*").doesNotContain("*F11*");
    }

    @Test
    void controlCharactersInAFieldAreEscaped_notSentRaw() {
        var payload = SlackBlockKit.payload(new Notice(Severity.INFO, ":x:", "h",
                List.of(new Field("Reason", "tab\there\u0001")), null), null);

        assertThat(payload).contains("\"*Reason*\\ntab\\there\\u0001\"");
    }
}
