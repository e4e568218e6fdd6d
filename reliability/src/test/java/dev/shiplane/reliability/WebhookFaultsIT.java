package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.contract.environment.CommonEnvironment;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.contract.environment.WebhookEnvironment;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.EmulatorGateway.Fault;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import dev.shiplane.webhook.WebhookHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The webhook function's own AWS calls faulted: a validly signed GitHub package delivery (the sample in events/github)
 * while the Nth call the function makes (the current and the previous signing secret from Secrets Manager, the
 * delivery's claim in the ledger table, {@code Image Pushed} to the bus) fails on every SDK attempt. The Function URL
 * turns a thrown failure into a 502, which GitHub shows as failed and redelivers with the same delivery id; a 2xx
 * tells GitHub the delivery is done. So: every answer is a 5xx or a 2xx, never a 4xx (the delivery is valid); a 2xx
 * only once {@code Image Pushed} for the delivery is on the bus; the redelivery ends in a 2xx. Duplicates of
 * {@code Image Pushed} (a publish whose answer was lost, then redelivered) are counted: the deploy function
 * deduplicates by pushId.
 */
@ExtendWith(EmulatorExtension.class)
class WebhookFaultsIT {

    static final Figures FIGURES = new Figures("webhook-faults");
    static final String SAMPLE = "events/github/function-url-request.json";
    /** What the sample delivery is signed with (functions/webhook's WebhookFunctionTest). */
    static final String CURRENT = "shiplane-sample-webhook-secret";
    static final String PREVIOUS = "faults-previous-webhook-secret";
    static final String PUSH_ID = "6f0c8e4a-cb11-11f0-9c1f-2f6a1d3e4b5c";
    /** GitHub redelivers on request (a person or a job); bounded here so a delivery that never succeeds fails. */
    static final int MAX_DELIVERIES = 5;

    static FunctionCalls calls;

    @BeforeAll
    static void gateway() {
        calls = new FunctionCalls();
    }

    @AfterAll
    static void report() {
        calls.close();
        FIGURES.write();
    }

    /** One delivery's answers and what reached the bus, for one fault. */
    record Outcome(List<String> answers, int imagePushed, String faulted) {}

    @Test
    void faultAtEveryCall_aRedeliveryPublishes_andNo2xxComesBeforeTheEvent(TestAws aws) {
        var clean = deliver(aws, 0, null, ALL_ATTEMPTS);
        assertCompletedAfterUninjectedTimeoutsOnly(clean, "without faults");
        if (clean.answers().size() == 1) assertThat(clean.imagePushed()).as("Image Pushed without faults").isOne();
        int total = calls.count();
        var operations = calls.operations();
        assertThat(total).as("calls in a clean delivery").isGreaterThanOrEqualTo(3);
        FIGURES.add("scenarios", 1);
        FIGURES.add("callsPerCleanRun.webhook_delivery", total);
        for (int n = 1; n <= total; n++) {
            for (var kind : kinds(operations.get(n - 1))) {
                deliver(aws, n, kind, ALL_ATTEMPTS);
            }
        }
        FIGURES.add("lost", 0);
    }

    /**
     * A request lost on its way back: the first attempt of the Nth call takes effect and its answer times out, the
     * SDK's retry is answered. Where the call is a conditional write (the claim), the retry finds the first
     * attempt's item; that must still count as this delivery's claim, not as an earlier delivery's.
     */
    @Test
    void timeoutOnTheFirstAttemptOnly_theSdksRetryCompletesTheDelivery(TestAws aws) {
        deliver(aws, 0, null, ALL_ATTEMPTS);
        var operations = calls.operations();
        for (int n = 1; n <= operations.size(); n++) {
            if (Boolean.getBoolean("reliability.full") || FunctionCalls.mutates(operations.get(n - 1))) {
                var outcome = deliver(aws, n, Fault.TIMEOUT, 1);
                assertCompletedAfterUninjectedTimeoutsOnly(outcome, "TIMEOUT on the first attempt of call " + n
                        + " (" + outcome.faulted() + ")");
            }
        }
    }

    /**
     * Answered {@code 200 published} at once. On a loaded machine a call may time out with no fault injected (moto
     * slower than the 3 s attempt timeout, twice): the same fault arriving by itself, tolerated as FaultInjectionIT
     * does, so the answers may begin with such 502s.
     */
    static void assertCompletedAfterUninjectedTimeoutsOnly(Outcome outcome, String when) {
        var answers = outcome.answers();
        assertThat(answers.getLast()).as("%s: %s", when, answers).isEqualTo("200 published");
        assertThat(answers.subList(0, answers.size() - 1))
                .as("%s: %s (only a timeout that came by itself may fail it)", when, answers)
                .allMatch(a -> a.startsWith("502 ApiCall") && a.contains("Timeout"));
        FIGURES.add("uninjectedTimeouts", answers.size() - 1);
    }

    /**
     * Every kind at every call with {@code -Dreliability.full=true}; in {@code mvn verify} the timeout (3 s per
     * attempt) only where a call's effect matters, at the calls that change AWS (the claim, the publish).
     */
    static List<Fault> kinds(String operation) {
        if (Boolean.getBoolean("reliability.full") || FunctionCalls.mutates(operation)) return List.of(Fault.values());
        return List.of(Fault.THROTTLE, Fault.SERVER_ERROR, Fault.BROKEN_RESPONSE, Fault.RESET);
    }

    /** A fresh world and function instance; the delivery, redelivered after each 5xx; the state checked. */
    static final int ALL_ATTEMPTS = Integer.MAX_VALUE;

    Outcome deliver(TestAws aws, int n, Fault kind, int attempts) {
        aws.emulator().reset();
        aws.createLedgerTable("shiplane-ledger");
        aws.createBus("shiplane");
        var tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        var secrets = aws.build(SecretsManagerClient.builder());
        var secretArn = secrets.createSecret(r -> r.name("shiplane/github-webhook").secretString(PREVIOUS)).arn();
        secrets.putSecretValue(r -> r.secretId(secretArn).secretString(CURRENT));
        var webhook = new WebhookHandler(aws.environment(Map.of(
                DeliveryEnvironment.BUS_NAME, "shiplane", DeliveryEnvironment.LEDGER_TABLE, "shiplane-ledger",
                WebhookEnvironment.SECRET_ARN, secretArn, "AWS_ACCESS_KEY_ID", FunctionCalls.ACCESS_KEY,
                "POWERTOOLS_METRICS_DISABLED", "true",
                // as DeliveryWorld: one retry, and an attempt timeout an injected timeout outlasts
                "AWS_MAX_ATTEMPTS", "2",
                CommonEnvironment.AWS_API_CALL_ATTEMPT_TIMEOUT_MS, String.valueOf(DeliveryWorld.ATTEMPT_TIMEOUT_MS),
                CommonEnvironment.AWS_API_CALL_TIMEOUT_MS, "10000")));
        var when = n == 0 ? "without faults" : kind + " at call " + n
                + (attempts == ALL_ATTEMPTS ? "" : ", first attempt only");
        var log = new CapturedOutput();
        calls.arm(n == 0 ? -1 : n, kind, attempts);
        List<String> answers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        int published = 0;
        var invocation = RepoFiles.bytes(SAMPLE);
        for (int delivery = 1; ; delivery++) {
            JsonNode document;
            try {
                document = log.during(() -> post(webhook, invocation));
            } catch (RuntimeException failed) {
                // what the Function URL answers for a function error
                answers.add("502 " + failed.getClass().getSimpleName());
                failures.add(failed);
                published += imagePushed(tap);
                assertThat(delivery).as("%s: still failing after %d deliveries: %s", when, delivery, answers)
                        .isLessThan(MAX_DELIVERIES);
                continue;
            }
            var status = document.path("statusCode").asInt();
            var answer = DeliveryWorld.read(document.path("body").asText());
            answers.add(status + " " + answer.path("outcome").asText());
            published += imagePushed(tap);
            assertThat(status).as("%s: answers %s (a valid delivery: 2xx or 5xx only)", when, answers)
                    .isBetween(200, 299);
            assertThat(published).as("%s: answered %s with no Image Pushed on the bus", when, answers).isPositive();
            for (var leak : List.of(CURRENT, PREVIOUS)) {
                assertThat(document.toString()).as("%s: the answer", when).doesNotContain(leak);
            }
            break;
        }
        calls.disarm();
        var faulted = calls.faulted();
        var seen = when + (faulted == null ? "" : " (" + faulted + ")") + ": " + answers;
        System.err.printf("[reliability] webhook %s, Image Pushed ×%d%n", seen, published);
        for (var leak : List.of(CURRENT, PREVIOUS)) {
            assertThat(log.text()).as("%s: the function's log", seen).doesNotContain(leak);
            for (var failure : failures) {
                assertThat(CapturedOutput.messages(failure)).as("%s: the failure", seen).doesNotContain(leak);
            }
        }
        var claims = aws.dynamo().scan(r -> r.tableName("shiplane-ledger").consistentRead(true)).items();
        assertThat(claims).as("%s: the delivery's claim in the ledger", seen).hasSize(1);
        if (n > 0) {
            var prefix = attempts == ALL_ATTEMPTS ? "" : "firstAttemptOnly.";
            FIGURES.add(prefix + "runs", 1);
            FIGURES.add(prefix + "faultsInjected", faulted == null ? 0 : 1);
            FIGURES.add(prefix + "faults." + kind.name().toLowerCase(Locale.ROOT), faulted == null ? 0 : 1);
            FIGURES.add(prefix + "answered5xxThenRedelivered", answers.size() - 1);
            FIGURES.add(prefix + "imagePushedDuplicates", published - 1);
        }
        return new Outcome(answers, published, faulted);
    }

    /** Drains the tap: how many {@code Image Pushed} for the sample delivery arrived since the last drain. */
    static int imagePushed(BusTap tap) {
        return (int) tap.drain().stream().filter(b -> BusTap.detailType(b).equals("Image Pushed"))
                .filter(b -> DeliveryWorld.read(b).path("detail").path("pushId").asText().equals(PUSH_ID)).count();
    }

    static JsonNode post(WebhookHandler webhook, byte[] invocation) {
        var out = new ByteArrayOutputStream();
        try {
            webhook.handleRequest(new ByteArrayInputStream(invocation), out, LocalContext.of("webhook"));
            return DeliveryWorld.JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
