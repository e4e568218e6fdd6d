package dev.shiplane.core.webhook;

/** A delivery's body, once read: a package event, or the reason it could not be read as one. */
public sealed interface PackagePayload {

    /** The body is a JSON package event with the fields shiplane needs. */
    record Readable(PackageEvent event) implements PackagePayload {}

    /** The body is not JSON, or lacks a field shiplane needs; {@code problem} names it. */
    record Unreadable(String problem) implements PackagePayload {}
}
