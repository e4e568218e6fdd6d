package dev.shiplane.core.webhook;

import java.time.Instant;
import java.util.List;

/** What asking GitHub for a package version's tags gave, GitHub's refusals included, as data. */
public sealed interface TagLookup {

    /** GitHub answered with the version: {@code metadata.container.tags}, possibly empty (a platform manifest). */
    record Found(List<String> tags) implements TagLookup {
        public Found {
            tags = List.copyOf(tags);
        }
    }

    /** No GitHub token is configured: nothing was asked. */
    record NotConfigured() implements TagLookup {}

    /** GitHub was asked and did not tell the tags: the delivery cannot be decided until the cause is gone. */
    sealed interface Failure extends TagLookup {}

    /** 404: no such version, or the token may not see the package (GitHub hides what a token cannot read). */
    record NotFound() implements Failure {}

    /** 401: the token is invalid, expired or revoked. */
    record Unauthorized() implements Failure {}

    /** 403 with rate limit left: the token lacks the {@code read:packages} scope or access to the package. */
    record Forbidden() implements Failure {}

    /** 403 or 429 with {@code x-ratelimit-remaining: 0}: used up until {@code resetAt} ({@code null} if not said). */
    record RateLimited(Instant resetAt) implements Failure {}

    /** No usable answer: a timeout, a 5xx, a body without tags. {@code detail} never contains the token. */
    record Unavailable(String detail) implements Failure {}
}
