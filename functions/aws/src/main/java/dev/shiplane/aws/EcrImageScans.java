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
 *
 * <p>The image's registry is the account of its host ({@code <account>.dkr.ecr…}): the function's own, or where
 * environments live in separate accounts, the registry account a service's {@code ecrAccount} names. Its findings are
 * read there ({@code registryId}), as the repository policy lets the pulling accounts. Its scanning configuration is
 * not: {@code BatchGetRepositoryScanningConfiguration} takes no registry id and answers for the caller's own registry
 * only, where a repository of the same name would be another one. So an image of another account's registry without
 * a scan yet is pending, and so is one whose repository that registry does not show (not created yet, or not shared
 * with this account): the gate waits for the scan up to its timeout and then blocks, never passing the image as
 * unscanned because its registry is elsewhere.
 */
public final class EcrImageScans implements ImageScans {

    private final EcrClient ecr;
    private final String runsInAccount;

    /** In one account: every image's registry is the function's own. */
    public EcrImageScans(EcrClient ecr) {
        this(ecr, null);
    }

    /**
     * @param runsInAccount the account the function runs in (that of the environments it serves); {@code null} when
     *                      the configuration names no accounts (one account, one registry)
     */
    public EcrImageScans(EcrClient ecr, String runsInAccount) {
        this.ecr = ecr;
        this.runsInAccount = runsInAccount;
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
            // Another account's registry: not found from here may be a repository not created yet or one its policy
            // does not show this account; neither makes the image unscanned, so the gate waits, then blocks.
            if (fromAnotherAccount(registryId)) return new ScanResult.Pending();
            return new ScanResult.NotConfigured(image.repository() + " is not an ECR repository of account "
                    + registryId);
        } catch (ScanNotFoundException | ImageNotFoundException noScanYet) {
            if (fromAnotherAccount(registryId)) return new ScanResult.Pending();
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

    /** Whether the image's registry is another account's than the one the function runs in. */
    private boolean fromAnotherAccount(String registryId) {
        return runsInAccount != null && !runsInAccount.equals(registryId);
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
