package dev.shiplane.core.notify;

import dev.shiplane.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Notice} as a Slack incoming-webhook payload: a fallback {@code text} (notifications, screen readers) and one
 * attachment whose {@code color} is the severity, holding Block Kit blocks — a header, the fields (two columns), the
 * detail, and a link to the CloudWatch dashboard.
 *
 * <p>Slack's limits are kept: a header is at most 150 characters, a section field 2000, a section at most 10 fields.
 * Only what the notice holds is sent; events never carry secret values, so neither does the payload.
 */
public final class SlackMessage {

    static final int HEADER_MAX = 150;
    static final int FIELD_MAX = 2000;
    static final int FIELDS_MAX = 10;

    private SlackMessage() {}

    /**
     * @param dashboard where the "Dashboard" link points; {@code null} for no link
     */
    public static String payload(Notice notice, DashboardLink dashboard) {
        List<Object> blocks = new ArrayList<>();
        blocks.add(obj("type", "header", "text", obj("type", "plain_text",
                "text", clip(notice.emoji() + " " + notice.headline(), HEADER_MAX), "emoji", true)));
        if (!notice.fields().isEmpty()) {
            List<Object> fields = new ArrayList<>();
            for (var field : notice.fields().subList(0, Math.min(FIELDS_MAX, notice.fields().size()))) {
                fields.add(obj("type", "mrkdwn", "text", clip("*" + field.label() + "*\n" + escape(field.value()),
                        FIELD_MAX)));
            }
            blocks.add(obj("type", "section", "fields", fields));
        }
        if (notice.detail() != null) {
            blocks.add(obj("type", "section", "text", obj("type", "mrkdwn",
                    "text", clip(escape(notice.detail()), FIELD_MAX))));
        }
        if (dashboard != null) {
            blocks.add(obj("type", "context", "elements", List.of(obj("type", "mrkdwn",
                    "text", "<" + dashboard.url() + "|CloudWatch dashboard " + escape(dashboard.name()) + ">"))));
        }
        return Json.write(obj("text", clip(notice.emoji() + " " + notice.headline(), FIELD_MAX),
                "attachments", List.of(obj("color", notice.severity().colour(), "blocks", blocks))));
    }

    /** Slack's mrkdwn treats {@code & < >} as control characters; everything else is shown as written. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Map<String, Object> obj(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) map.put((String) keyValues[i], keyValues[i + 1]);
        return map;
    }
}
