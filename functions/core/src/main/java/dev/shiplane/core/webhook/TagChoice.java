package dev.shiplane.core.webhook;

/** Which of a package version's tags to deploy, decided by {@link VersionTagChoice}. */
public sealed interface TagChoice {

    /** Deploy the version under {@code tag}; {@code explanation} says why, for the webhook's answer. */
    record Chosen(String tag, String explanation) implements TagChoice {}

    /** No tag of the version is admitted by any environment that takes pushes; {@code explanation} names them. */
    record NoneAdmitted(String explanation) implements TagChoice {}
}
