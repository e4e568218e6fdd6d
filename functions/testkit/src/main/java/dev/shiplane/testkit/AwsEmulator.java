package dev.shiplane.testkit;

import java.util.Map;

/** A running AWS emulator that tests and the sandbox point the SDK at. */
public interface AwsEmulator {

    String REGION = "us-east-1";
    String ACCOUNT = "123456789012";

    /** Base URL for every service ({@code AWS_ENDPOINT_URL}). */
    String endpoint();

    /** Forgets every resource, so each test starts from an empty account. */
    void reset();

    /** What a human should read about where the tests run. */
    String describe();

    /** The environment a shiplane function would see, pointed at this emulator. */
    default Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL", endpoint(), "AWS_REGION", REGION, "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing");
    }
}
