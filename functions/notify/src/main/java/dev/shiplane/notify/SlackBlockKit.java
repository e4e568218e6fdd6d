package dev.shiplane.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.core.notify.DashboardLink;
import dev.shiplane.core.notify.Notice;

/**
 * A {@link Notice} as a Slack incoming-webhook payload: a fallback {@code text} (notifications, screen readers) and one
 * attachment whose {@code color} is the severity, holding Block Kit blocks — a header, the fields (two columns), the
 * detail, and a link to the CloudWatch dashboard.
 *
 * <p>Slack's limits are kept: a header is at most 150 characters, a section field 2000, a section at most 10 fields.
 * Only what the notice holds is sent; events never carry secret values, so neither does the payload.
 */
final class SlackBlockKit {

    static final int HEADER_MAX = 150;
    static final int FIELD_MAX = 2000;
    static final int FIELDS_MAX = 10;

    private SlackBlockKit() {}

    /** @param dashboard where the "Dashboard" link points; {@code null} for no link */
    static String payload(Notice notice, DashboardLink dashboard) {
        var headline = notice.emoji() + " " + notice.headline();
        var message = object().put("text", clip(headline, FIELD_MAX));
        var attachment = message.putArray("attachments").addObject().put("color", notice.severity().colour());
        var blocks = attachment.putArray("blocks");
        blocks.addObject().put("type", "header").set("text", object().put("type", "plain_text")
                .put("text", clip(headline, HEADER_MAX)).put("emoji", true));
        if (!notice.fields().isEmpty()) {
            var fields = blocks.addObject().put("type", "section").putArray("fields");
            for (var field : notice.fields().subList(0, Math.min(FIELDS_MAX, notice.fields().size()))) {
                fields.add(mrkdwn(clip("*" + field.label() + "*\n" + escape(field.value()), FIELD_MAX)));
            }
        }
        if (notice.detail() != null) {
            blocks.addObject().put("type", "section").set("text", mrkdwn(clip(escape(notice.detail()), FIELD_MAX)));
        }
        if (dashboard != null) {
            blocks.addObject().put("type", "context").putArray("elements")
                    .add(mrkdwn("<" + dashboard.url() + "|CloudWatch dashboard " + escape(dashboard.name()) + ">"));
        }
        return ShiplaneJson.write(message);
    }

    /** Slack's mrkdwn treats {@code & < >} as control characters; everything else is shown as written. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static ObjectNode mrkdwn(String text) {
        return object().put("type", "mrkdwn").put("text", text);
    }

    private static ObjectNode object() {
        return ShiplaneJson.mapper().createObjectNode();
    }
}
