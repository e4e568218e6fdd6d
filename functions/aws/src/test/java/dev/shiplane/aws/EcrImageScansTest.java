package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanType;

/**
 * ECR's answer before any scan result exists, on the emulator: a repository a registry rule scans on push is
 * pending, one nothing scans is "not configured". (moto has no images behind these digests; ECR answers such an
 * image like an unscanned one, which is what the adapter relies on.)
 */
@ExtendWith(EmulatorExtension.class)
class EcrImageScansTest {

    static final String DIGEST = "sha256:" + "6c".repeat(32);
    private EcrClient ecr;
    private EcrImageScans scans;
    private String host;

    @BeforeEach
    void repositories(TestAws aws) {
        ecr = aws.build(EcrClient.builder());
        var scanned = "scan-" + System.nanoTime();
        ecr.createRepository(r -> r.repositoryName(scanned + "/web"));
        ecr.createRepository(r -> r.repositoryName("unscanned-" + System.nanoTime() + "/web"));
        ecr.putRegistryScanningConfiguration(r -> r.scanType(ScanType.BASIC).rules(rule -> rule
                .scanFrequency(ScanFrequency.SCAN_ON_PUSH)
                .repositoryFilters(f -> f.filter(scanned + "/*").filterType("WILDCARD"))));
        host = ecr.describeRepositories(r -> r.repositoryNames(scanned + "/web")).repositories().getFirst()
                .repositoryUri().split("/")[0];
        scans = new EcrImageScans(ecr);
        this.scannedRepository = scanned + "/web";
    }

    private String scannedRepository;

    ImagePush push(Registry registry, String host, String repository) {
        return new ImagePush("p1", registry, host, repository, "1.6.0", DIGEST, Instant.parse("2026-11-26T13:00:00Z"));
    }

    @Test
    void repositoryScannedOnPush_withoutResultYet_isPending() {
        assertThat(scans.resultOf(push(Registry.ECR, host, scannedRepository))).isEqualTo(new ScanResult.Pending());
    }

    @Test
    void repositoryNothingScans_isNotConfigured() {
        var unscanned = ecr.describeRepositories().repositories().stream()
                .filter(r -> r.repositoryName().startsWith("unscanned-")).findFirst().orElseThrow().repositoryName();

        assertThat(scans.resultOf(push(Registry.ECR, host, unscanned)))
                .isEqualTo(new ScanResult.NotConfigured(unscanned + " is not scanned on push"));
    }

    @Test
    void repositoryMissingFromEcr_isNotConfigured() {
        assertThat(scans.resultOf(push(Registry.ECR, host, "nowhere-" + System.nanoTime() + "/web")))
                .isInstanceOf(ScanResult.NotConfigured.class);
    }

    @Test
    void ghcrImage_isNotScannedByEcr() {
        assertThat(scans.resultOf(push(Registry.GHCR, "ghcr.io", "monynha/monynha/web")))
                .isInstanceOf(ScanResult.NotConfigured.class);
    }
}
