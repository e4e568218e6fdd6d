package dev.shiplane.core.notify;

/**
 * A {@link Notice} for the notifications topic, read by e-mail subscribers and chat integrations that take plain
 * text: a subject line and a body of {@code Label: value} lines.
 *
 * @param subject under 100 characters, one line (SNS refuses longer subjects and line breaks)
 */
public record PlainText(String subject, String body) {

    static final int SUBJECT_MAX = 99;

    public static PlainText of(Notice notice, DashboardLink dashboard) {
        // SNS takes only printable ASCII in a subject, on one line, under 100 characters.
        var subject = ("shiplane " + notice.severity().word() + ": " + notice.headline())
                .replaceAll("[\\r\\n\\t]+", " ").replaceAll("[^\\x20-\\x7e]", "?");
        var body = new StringBuilder(notice.headline()).append('\n');
        notice.fields().forEach(f -> body.append('\n').append(f.label()).append(": ").append(f.value()));
        if (notice.detail() != null) body.append("\n\n").append(notice.detail());
        if (dashboard != null) body.append("\n\nDashboard: ").append(dashboard.url());
        return new PlainText(subject.length() <= SUBJECT_MAX ? subject : subject.substring(0, SUBJECT_MAX - 3) + "...",
                body.toString());
    }
}
