package dev.shiplane.core.gate;

import java.util.Optional;

/**
 * Scan results shiplane has been told about ({@code ECR Image Scan} events), kept so that a later deployment of
 * the same image — a promotion half an hour on — is judged on the result that already arrived.
 */
public interface ScanRecords {

    /** Keeps the result, replacing an earlier one for the same image (a rescan). */
    void record(ImageScanned scan);

    /** The last result recorded for {@code repository@digest}, if any. */
    Optional<ScanResult> find(String repository, String digest);
}
