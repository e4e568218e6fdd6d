package dev.shiplane.testkit;

/**
 * Chooses the emulator once per JVM. {@code SHIPLANE_EMULATOR=localstack} asks for LocalStack and fails if it
 * cannot run; {@code moto} (the default) uses moto. With {@code auto}, LocalStack is used where it can run.
 */
public final class Emulators {

    private static AwsEmulator shared;

    private Emulators() {}

    public static synchronized AwsEmulator shared() {
        if (shared == null) {
            shared = select(System.getenv().getOrDefault("SHIPLANE_EMULATOR", "moto"));
            System.err.println("[shiplane-testkit] AWS emulator: " + shared.describe());
        }
        return shared;
    }

    static AwsEmulator select(String choice) {
        return switch (choice) {
            case "moto" -> MotoServer.startOrReuse();
            case "localstack" -> {
                var why = LocalStackEmulator.unavailableBecause();
                if (why != null) {
                    throw new IllegalStateException("SHIPLANE_EMULATOR=localstack but " + why);
                }
                yield LocalStackEmulator.start();
            }
            case "auto" -> {
                var why = LocalStackEmulator.unavailableBecause();
                if (why == null) yield LocalStackEmulator.start();
                System.err.println("[shiplane-testkit] LocalStack skipped: " + why + "; using moto");
                yield MotoServer.startOrReuse();
            }
            default -> throw new IllegalArgumentException("SHIPLANE_EMULATOR must be moto, localstack or auto, was '"
                    + choice + "'");
        };
    }
}
