package dev.shiplane.core.webhook;

/**
 * Reads the body of a GitHub package delivery. The domain cannot see a JSON library, so the contract module
 * implements this; it is called only for deliveries whose signature was verified.
 */
public interface PackageEventReader {

    /**
     * @param eventName {@code registry_package} or {@code package}: the object holding the package has that name
     * @param body      the delivery's raw body bytes
     */
    PackagePayload read(String eventName, byte[] body);
}
