package dev.shiplane.core.notify;

import java.util.List;

/**
 * What to tell people about one event, whatever the channel.
 *
 * @param severity colour and urgency
 * @param emoji    Slack emoji code of the headline ({@code :rocket:})
 * @param headline one line for people ({@code web 1.4.2 deploying to prod})
 * @param fields   labelled facts, in order (service, env, image, step, …); labels are unique
 * @param detail   a sentence of context (a reason, ECS's words), or {@code null}
 */
public record Notice(Severity severity, String emoji, String headline, List<Field> fields, String detail) {

    public Notice {
        fields = List.copyOf(fields);
    }

    /** One labelled fact. */
    public record Field(String label, String value) {}

    /** The value of a field, or {@code null}. */
    public String field(String label) {
        return fields.stream().filter(f -> f.label().equals(label)).map(Field::value).findFirst().orElse(null);
    }
}
