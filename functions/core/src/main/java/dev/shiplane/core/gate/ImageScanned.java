package dev.shiplane.core.gate;

import java.time.Instant;
import java.util.List;

/**
 * A scan result the registry announced ({@code aws.ecr} / {@code ECR Image Scan}).
 *
 * @param repository repository within the registry ({@code monynha/web})
 * @param digest     the scanned image
 * @param tags       its tags at scan time (may be empty)
 */
public record ImageScanned(String repository, String digest, List<String> tags, ScanResult result, Instant at) {
    public ImageScanned {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
