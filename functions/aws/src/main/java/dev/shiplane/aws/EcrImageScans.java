package dev.shiplane.aws;

import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.gate.Severity;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.gate.ImageScans;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;

/**
 * {@link ImageScans} from ECR: {@code DescribeImageScanFindings} for the image, and when there is no scan (yet),
 * {@code BatchGetRepositoryScanningConfiguration} to tell "still running" from "nothing scans this repository".
 * Images of other registries are not scanned by ECR.
 */
public final class EcrImageScans implements ImageScans {

    private final EcrClient ecr;

    public EcrImageScans(EcrClient ecr) {
        this.ecr = ecr;
    }

    @Override
    public ScanResult resultOf(ImagePush image) {
        if (image.registry() != Registry.ECR) {
            return new ScanResult.NotConfigured(image.registry().code() + " images are not scanned by ECR");
        }
        // The registry id is the account, the first label of <account>.dkr.ecr.<region>.amazonaws.com.
        var registryId = image.registryHost().substring(0, image.registryHost().indexOf('.'));
        try {
            var findings = ecr.describeImageScanFindings(r -> r.registryId(registryId)
                    .repositoryName(image.repository()).imageId(id -> id.imageDigest(image.digest())));
            var status = findings.imageScanStatus();
            return switch (status.statusAsString()) {
                // ACTIVE: enhanced (continuous) scanning has results and keeps watching the image.
                case "COMPLETE", "ACTIVE" -> new ScanResult.Complete(counts(
                        findings.imageScanFindings() == null ? null
                                : findings.imageScanFindings().findingSeverityCountsAsStrings()));
                case "IN_PROGRESS", "PENDING" -> new ScanResult.Pending();
                default -> new ScanResult.Failed(status.statusAsString(), status.description());
            };
        } catch (RepositoryNotFoundException noRepository) {
            return new ScanResult.NotConfigured(image.repository() + " is not an ECR repository of account "
                    + registryId);
        } catch (ScanNotFoundException | ImageNotFoundException noScanYet) {
            var configured = ecr.batchGetRepositoryScanningConfiguration(r -> r.repositoryNames(image.repository()))
                    .scanningConfigurations().stream().findFirst()
                    .map(c -> Boolean.TRUE.equals(c.scanOnPush()) || c.scanFrequency() == ScanFrequency.SCAN_ON_PUSH
                            || c.scanFrequency() == ScanFrequency.CONTINUOUS_SCAN)
                    .orElse(false);
            return configured
                    ? new ScanResult.Pending()
                    : new ScanResult.NotConfigured(image.repository() + " is not scanned on push");
        }
    }

    private static Map<Severity, Integer> counts(Map<String, Integer> bySeverity) {
        if (bySeverity == null) return null;
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        bySeverity.forEach((severity, count) -> {
            try {
                counts.put(Severity.valueOf(severity), count);
            } catch (IllegalArgumentException unranked) {
                // UNTRIAGED and other labels enhanced scanning uses are not severities the gate ranks.
            }
        });
        return counts;
    }
}
