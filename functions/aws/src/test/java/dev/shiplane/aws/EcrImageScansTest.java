package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.core.fakes.ImageScansContract;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.gate.ImageScans;
import dev.shiplane.testkit.AwsEmulator;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanType;

/**
 * The image scans contract against ECR in the emulator: a registry rule scans the repositories the test names, and a
 * finished scan's answer is set through moto's API for scan findings (moto otherwise answers one fixed finding).
 */
@ExtendWith(EmulatorExtension.class)
class EcrImageScansTest extends ImageScansContract {

    static final ObjectMapper JSON = new ObjectMapper();

    private EcrClient ecr;
    private AwsEmulator emulator;
    private final List<String> scannedRepositories = new ArrayList<>();
    private int pushed;

    @BeforeEach
    void client(TestAws aws) {
        ecr = aws.build(EcrClient.builder());
        emulator = aws.emulator();
    }

    @Override
    protected ImageScans scans() {
        return new EcrImageScans(ecr);
    }

    @Override
    protected ImagePush givenImage(String repository, boolean scannedOnPush) {
        String host;
        try {
            host = ecr.createRepository(r -> r.repositoryName(repository)).repository().repositoryUri().split("/")[0];
        } catch (RepositoryAlreadyExistsException again) {
            host = ecr.describeRepositories(r -> r.repositoryNames(repository)).repositories().getFirst()
                    .repositoryUri().split("/")[0];
        }
        if (scannedOnPush && !scannedRepositories.contains(repository)) {
            scannedRepositories.add(repository);
            ecr.putRegistryScanningConfiguration(r -> r.scanType(ScanType.BASIC).rules(rule -> rule
                    .scanFrequency(ScanFrequency.SCAN_ON_PUSH)
                    .repositoryFilters(scannedRepositories.stream().map(name -> software.amazon.awssdk.services.ecr
                            .model.ScanningRepositoryFilter.builder().filter(name).filterType("WILDCARD").build())
                            .toList())));
        }
        var tag = "1.6." + (++pushed);
        var digest = ecr.putImage(r -> r.repositoryName(repository).imageTag(tag)
                .imageManifest(EcrImageCatalogTest.manifest(pushed))).image().imageId().imageDigest();
        return new ImagePush("p" + pushed, Registry.ECR, host, repository, tag, digest,
                Instant.parse("2026-11-26T13:00:00Z"));
    }

    @Override
    protected void givenScanFinished(ImagePush image, ScanResult result) {
        ecr.startImageScan(r -> r.repositoryName(image.repository()).imageId(id -> id.imageDigest(image.digest())));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("registryId", AwsEmulator.ACCOUNT);
        answer.put("repositoryName", image.repository());
        answer.put("imageId", Map.of("imageDigest", image.digest()));
        switch (result) {
            case ScanResult.Complete complete -> {
                answer.put("imageScanStatus", Map.of("status", "COMPLETE", "description", "done"));
                Map<String, Integer> counts = new LinkedHashMap<>();
                complete.counts().forEach((severity, count) -> counts.put(severity.name(), count));
                answer.put("imageScanFindings", Map.of("findingSeverityCounts", counts));
            }
            case ScanResult.Failed failed -> answer.put("imageScanStatus",
                    Map.of("status", failed.status(), "description", failed.description()));
            default -> throw new IllegalArgumentException("a finished scan is complete or failed: " + result);
        }
        setFindings(Map.of("results", List.of(answer), "region", AwsEmulator.REGION));
    }

    private void setFindings(Map<String, Object> findings) {
        try {
            var request = HttpRequest.newBuilder(URI.create(emulator.endpoint().replaceAll("/+$", "")
                            + "/moto-api/static/ecr/scan-finding-results"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(findings))).build();
            var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void repositoryMissingFromEcr_isNotConfigured() {
        var absent = new ImagePush("p1", Registry.ECR, AwsEmulator.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com",
                "nowhere/web", "1.6.0", "sha256:" + "6c".repeat(32), Instant.parse("2026-11-26T13:00:00Z"));

        assertThat(scans().resultOf(absent)).isInstanceOf(ScanResult.NotConfigured.class);
    }

    @Test
    void unscannedRepository_saysWhichOne() {
        var image = givenImage("monynha/web", false);

        assertThat(scans().resultOf(image)).isEqualTo(new ScanResult.NotConfigured("monynha/web is not scanned on push"));
    }

    @Test
    void imageOfTheFunctionsOwnRegistry_withoutAScanYet_isJudgedByItsScanningConfiguration() {
        var scanned = givenImage("monynha/web", true);
        var unscanned = givenImage("monynha/docs", false);
        var inItsOwnAccount = new EcrImageScans(ecr, AwsEmulator.ACCOUNT);

        assertThat(inItsOwnAccount.resultOf(scanned)).isEqualTo(new ScanResult.Pending());
        assertThat(inItsOwnAccount.resultOf(unscanned))
                .isEqualTo(new ScanResult.NotConfigured("monynha/docs is not scanned on push"));
    }

    /**
     * Prod's function asks about an image of the registry account (a service's {@code ecrAccount}, here staging's).
     * moto keeps each account's registry to that account's credentials, so the registry is reached with its own
     * credentials, as the repository policy lets prod's role read it in AWS; the adapter is told it runs in prod.
     * ECR's BatchGetRepositoryScanningConfiguration answers for the caller's registry only, so from prod a repository
     * that does not scan cannot be told from a scan still running: the image is pending (the gate waits, then blocks
     * at its timeout) and never passes as unscanned.
     */
    @Test
    void imageOfAnotherAccountsRegistry_withoutAScanYet_isPending_neverUnscanned() {
        var unscanned = givenImage("monynha/docs", false);
        var scanned = givenImage("monynha/web", true);
        var inProd = new EcrImageScans(ecr, "210987654321");

        assertThat(unscanned.registryHost()).startsWith(AwsEmulator.ACCOUNT + ".");
        assertThat(inProd.resultOf(unscanned)).isEqualTo(new ScanResult.Pending());
        assertThat(inProd.resultOf(scanned)).isEqualTo(new ScanResult.Pending());
    }

    /**
     * From prod, a repository the registry account does not show (not created yet, a typo, or not shared) is not
     * "nothing scans it": the gate waits and then blocks at its timeout instead of passing the image unscanned.
     */
    @Test
    void repositoryMissingFromAnotherAccountsRegistry_isPending_neverUnscanned() {
        var absent = new ImagePush("p1", Registry.ECR, AwsEmulator.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com",
                "nowhere/web", "1.6.0", "sha256:" + "6c".repeat(32), Instant.parse("2026-11-26T13:00:00Z"));
        var inProd = new EcrImageScans(ecr, "210987654321");
        var inItsOwnAccount = new EcrImageScans(ecr, AwsEmulator.ACCOUNT);

        assertThat(inProd.resultOf(absent)).isEqualTo(new ScanResult.Pending());
        assertThat(inItsOwnAccount.resultOf(absent)).isInstanceOf(ScanResult.NotConfigured.class);
    }

    @Test
    void imageOfAnotherAccountsRegistry_withAFinishedScan_isReadInThatRegistry() {
        var image = givenImage("monynha/web", true);
        var clean = new ScanResult.Complete(Map.of(dev.shiplane.core.gate.Severity.LOW, 2));
        givenScanFinished(image, clean);

        assertThat(new EcrImageScans(ecr, "210987654321").resultOf(image)).isEqualTo(clean);
    }
}
