package dev.shiplane.core.gate;

/** Judges one attempt of a health or smoke check. Pure. */
public final class CheckPolicy {

    private CheckPolicy() {}

    /** @param attempt 1-based number of this attempt */
    public static CheckVerdict judge(HttpCheck check, CheckResponse response, int attempt) {
        var failure = failure(check, response);
        if (failure == null) {
            var answered = (CheckResponse.Answered) response;
            return new CheckVerdict.Pass(check.name() + ": " + answered.status()
                    + (check.jsonField() == null ? "" : ", " + check.jsonField() + " = \"" + check.expectedValue() + "\"")
                    + " in " + answered.elapsed().toMillis() + "ms (attempt " + attempt + ")");
        }
        var evidence = check.name() + ": " + failure + " (attempt " + attempt + " of " + check.attempts() + ")";
        return attempt < check.attempts() ? new CheckVerdict.Retry(evidence, attempt + 1)
                : new CheckVerdict.Fail(evidence);
    }

    private static String failure(HttpCheck check, CheckResponse response) {
        return switch (response) {
            case CheckResponse.TimedOut t -> "no answer within " + check.timeout().toMillis() + "ms";
            case CheckResponse.Unreachable u -> "unreachable: " + u.reason();
            case CheckResponse.Answered a when a.status() != check.expectedStatus() ->
                    "status " + a.status() + ", expected " + check.expectedStatus();
            case CheckResponse.Answered a when a.elapsed().compareTo(check.timeout()) > 0 ->
                    "answered in " + a.elapsed().toMillis() + "ms, over the " + check.timeout().toMillis() + "ms bound";
            case CheckResponse.Answered a -> switch (a.field()) {
                case CheckResponse.FieldReading.NotAsked n -> null;
                case CheckResponse.FieldReading.Found f when f.value().equals(check.expectedValue()) -> null;
                case CheckResponse.FieldReading.Found f -> check.jsonField() + " is \"" + f.value() + "\", expected \""
                        + check.expectedValue() + "\"";
                case CheckResponse.FieldReading.Missing m -> check.jsonField() + " is missing from the body";
                case CheckResponse.FieldReading.NotJson n -> "the body is not JSON (" + check.jsonField() + " expected)";
            };
        };
    }
}
