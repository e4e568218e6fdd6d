package dev.shiplane.core.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.access.CallerIdentity;
import dev.shiplane.core.access.OperatorAction;
import dev.shiplane.core.access.OperatorGrant;
import dev.shiplane.core.access.OperatorRules;
import dev.shiplane.core.access.PrincipalPattern;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.RotationSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.events.DeployRequested;
import dev.shiplane.core.events.FreezeLifted;
import dev.shiplane.core.events.FreezeStarted;
import dev.shiplane.core.events.RequestRefused;
import dev.shiplane.core.events.RollbackRequested;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.fakes.InMemoryFreezes;
import dev.shiplane.core.fakes.InMemoryRequestClaims;
import dev.shiplane.core.fakes.RecordingBus;
import dev.shiplane.core.freeze.Freeze;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OperatorRequestServiceTest {

    static final String HOME = "123456789012";
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final CallerIdentity RELEASER = caller(
            "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b/ana@monynha.dev");
    static final CallerIdentity DEVELOPER = caller("arn:aws:sts::123456789012:assumed-role/Developer/dev");
    static final CallerIdentity OPS_USER = caller("arn:aws:iam::123456789012:user/ops");
    static final CallerIdentity STRANGER = caller("arn:aws:sts::210987654321:assumed-role/Developer/dev");

    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "monynha-staging", ANY),
                    new EnvironmentSpec("prod", "monynha-prod", ANY)),
            List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING, List.of(),
                    List.of("staging", "prod"))),
            RotationSpec.none(), Map.of(), List.of(),
            new OperatorRules(Map.of("prod", List.of(new OperatorGrant(
                    Set.of(OperatorAction.DEPLOY, OperatorAction.PROMOTE, OperatorAction.FREEZE,
                            OperatorAction.UNFREEZE, OperatorAction.ROLLBACK),
                    List.of(new PrincipalPattern("arn:aws:iam::123456789012:role/AWSReservedSSO_Releasers_*")))))));

    final RecordingBus bus = new RecordingBus();
    final InMemoryFreezes freezes = new InMemoryFreezes();
    static final Duration LEASE = Duration.ofSeconds(60);
    final InMemoryRequestClaims claims = new InMemoryRequestClaims();
    final AtomicInteger invocations = new AtomicInteger();
    final OperatorRequestService service = new OperatorRequestService(CONFIG, bus, freezes, claims, LEASE,
            () -> "invocation-" + invocations.incrementAndGet(), HOME);

    static CallerIdentity caller(String arn) {
        return new CallerIdentity(arn, arn.split(":")[4]);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("a releaser's deploy to prod goes on the bus as Deploy Requested by the verified ARN",
                        new OperatorRequest.Deploy("r-1", "prod", "web", "1.5.0", "release"), RELEASER,
                        "Accepted", "Deploy Requested"),
                Arguments.of("a developer's deploy to prod is refused and announced",
                        new OperatorRequest.Deploy("r-1", "prod", "web", "1.5.0", null), DEVELOPER,
                        "Refused", "Request Refused"),
                Arguments.of("a developer's deploy to staging (no list) is accepted",
                        new OperatorRequest.Deploy("r-1", "staging", "web", "sha256:" + "a".repeat(64), null),
                        DEVELOPER, "Accepted", "Deploy Requested"),
                Arguments.of("an IAM user of the account may roll back staging",
                        new OperatorRequest.Rollback("r-1", "staging", null, true, "incident"), OPS_USER,
                        "Accepted", "Rollback Requested"),
                Arguments.of("another account's caller is refused even where no list is kept",
                        new OperatorRequest.Rollback("r-1", "staging", "web", false, null), STRANGER,
                        "Refused", "Request Refused"),
                Arguments.of("a releaser's promote in prod is a Promote Requested",
                        new OperatorRequest.Rollout("r-1", RolloutCommand.Kind.PROMOTE, "prod", "web", null), RELEASER,
                        "Accepted", "Promote Requested"),
                Arguments.of("an abort nobody in prod is granted is refused, to a releaser too",
                        new OperatorRequest.Rollout("r-1", RolloutCommand.Kind.ABORT, "prod", "web", null), RELEASER,
                        "Refused", "Request Refused"),
                Arguments.of("a releaser's freeze of prod is written and announced",
                        new OperatorRequest.Freeze("r-1", "prod", NOW.plusSeconds(7200), "incident 42"), RELEASER,
                        "Accepted", "Freeze Started"),
                Arguments.of("a developer's freeze of prod is refused",
                        new OperatorRequest.Freeze("r-1", "prod", NOW.plusSeconds(7200), "mine"), DEVELOPER,
                        "Refused", "Request Refused"),
                Arguments.of("an unfreeze of an environment that is not frozen does nothing",
                        new OperatorRequest.Unfreeze("r-1", "staging"), DEVELOPER, "NothingToDo", null),
                Arguments.of("an unknown environment is not decided",
                        new OperatorRequest.Deploy("r-1", "qa", "web", "1.5.0", null), RELEASER, "Invalid", null),
                Arguments.of("an unknown service is not decided",
                        new OperatorRequest.Deploy("r-1", "prod", "billing", "1.5.0", null), RELEASER, "Invalid", null),
                Arguments.of("a rollback naming a service and all is not decided",
                        new OperatorRequest.Rollback("r-1", "prod", "web", true, null), RELEASER, "Invalid", null),
                Arguments.of("a freeze that ended already is not decided",
                        new OperatorRequest.Freeze("r-1", "prod", NOW, "late"), RELEASER, "Invalid", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void handle(String description, OperatorRequest request, CallerIdentity caller, String outcome,
                String published) {
        var result = service.handle(request, caller, NOW);

        assertThat(result.getClass().getSimpleName()).as(result.text()).isEqualTo(outcome);
        assertThat(bus.published()).extracting(e -> e.detailType())
                .containsExactlyElementsOf(published == null ? List.of() : List.of(published));
        if (!bus.published().isEmpty()) {
            // requestedBy is always the caller AWS verified, whatever the request body said
            assertThat(bus.published().getFirst().toString()).contains(caller.arn());
        }
        if (!outcome.equals("Accepted")) {
            assertThat(freezes.of(request.env())).isEmpty(); // a refused or invalid request changes nothing
        }
    }

    @Test
    void refusal_namesTheAction_theEnvironment_theIdentity_andTheRule() {
        var result = service.handle(new OperatorRequest.Deploy("r-7", "prod", "web", "1.5.0", null), DEVELOPER, NOW);

        var refused = bus.published(RequestRefused.class).getFirst();
        assertThat(refused).isEqualTo(new RequestRefused("deploy", "prod", "web", "r-7", DEVELOPER.arn(),
                "not among the operators allowed this action"
                        + " (arn:aws:iam::123456789012:role/AWSReservedSSO_Releasers_*)", NOW));
        assertThat(result.text()).isEqualTo("refused deploy in prod for " + DEVELOPER.arn()
                + ": not among the operators allowed this action"
                + " (arn:aws:iam::123456789012:role/AWSReservedSSO_Releasers_*)");
    }

    @Test
    void sameRequestIdTwice_isCarriedOutOnce_andAnsweredAgain() {
        var request = new OperatorRequest.Deploy("r-1", "prod", "web", "1.5.0", null);

        service.handle(request, RELEASER, NOW);
        var again = service.handle(request, RELEASER, NOW.plusSeconds(5));

        assertThat(again).isInstanceOf(OperatorRequestOutcome.Repeated.class);
        assertThat(((OperatorRequestOutcome.Repeated) again).decision().allowed()).isTrue();
        assertThat(((OperatorRequestOutcome.Repeated) again).firstOutcome()).isEqualTo("accepted");
        assertThat(bus.published(DeployRequested.class)).hasSize(1);
        assertThat(claims.of(RELEASER.arn() + ":r-1")).contains(new RequestClaim.Done("accepted", "Deploy Requested"));
    }

    @Test
    void retryWhileTheFirstInvocationMayStillRun_isAskedToRetryAfterItsLease_andChangesNothing() {
        // an invocation claimed the request and has not recorded it done (running, or crashed)
        claims.claim(RELEASER.arn() + ":r-1", "first-invocation", NOW.plus(LEASE), NOW.plusSeconds(86_400));

        var retried = service.handle(new OperatorRequest.Rollback("r-1", "prod", "web", false, "incident"), RELEASER,
                NOW.plusSeconds(10));

        assertThat(retried).isEqualTo(new OperatorRequestOutcome.InProgress("r-1", NOW.plus(LEASE)));
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void invocationCrashedBetweenClaimAndPublish_theRetryAfterItsLease_carriesTheRollbackOut() {
        claims.claim(RELEASER.arn() + ":r-1", "crashed-invocation", NOW.plus(LEASE), NOW.plusSeconds(86_400));
        var request = new OperatorRequest.Rollback("r-1", "prod", "web", false, "incident");

        var retried = service.handle(request, RELEASER, NOW.plus(LEASE).plusSeconds(1));
        var again = service.handle(request, RELEASER, NOW.plus(LEASE).plusSeconds(2));

        assertThat(retried).isInstanceOf(OperatorRequestOutcome.Accepted.class);
        assertThat(again).isInstanceOf(OperatorRequestOutcome.Repeated.class);
        assertThat(bus.published(RollbackRequested.class)).hasSize(1);
        assertThat(claims.of(RELEASER.arn() + ":r-1"))
                .contains(new RequestClaim.Done("accepted", "Rollback Requested"));
    }

    @Test
    void retryLosingTheTakeOverToAnotherRetry_isAskedToRetry_andPublishesNothing() {
        var key = RELEASER.arn() + ":r-1";
        claims.claim(key, "crashed-invocation", NOW.plus(LEASE), NOW.plusSeconds(86_400));
        var racing = new OperatorRequestService(CONFIG, bus, freezes, new RequestClaims() {
            @Override
            public java.util.Optional<RequestClaim> claim(String requestKey, String holder, Instant leaseEnds,
                                                          Instant forgetAt) {
                return claims.claim(requestKey, holder, leaseEnds, forgetAt);
            }

            @Override
            public boolean takeOver(String requestKey, String holder, Instant seen, Instant leaseEnds,
                                    Instant forgetAt) {
                // the other retry's write lands first
                claims.takeOver(requestKey, "other-retry", seen, leaseEnds, forgetAt);
                return claims.takeOver(requestKey, holder, seen, leaseEnds, forgetAt);
            }

            @Override
            public boolean complete(String requestKey, String holder, RequestClaim.Done answer, Instant forgetAt) {
                return claims.complete(requestKey, holder, answer, forgetAt);
            }

            @Override
            public void release(String requestKey, String holder) {
                claims.release(requestKey, holder);
            }
        }, LEASE, () -> "this-retry", HOME);

        var retried = racing.handle(new OperatorRequest.Rollback("r-1", "prod", "web", false, null), RELEASER,
                NOW.plus(LEASE).plusSeconds(1));

        assertThat(retried).isInstanceOf(OperatorRequestOutcome.InProgress.class);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void refusedRequestRetried_isAnnouncedOnce_andStillRefused() {
        var request = new OperatorRequest.Deploy("r-1", "prod", "web", "1.5.0", null);

        service.handle(request, DEVELOPER, NOW);
        var again = service.handle(request, DEVELOPER, NOW.plusSeconds(5));

        assertThat(((OperatorRequestOutcome.Repeated) again).decision().allowed()).isFalse();
        assertThat(bus.published(RequestRefused.class)).hasSize(1);
    }

    @Test
    void someoneElsesRequestId_neitherPreEmptsNorRepeatsTheirs() {
        var request = new OperatorRequest.Deploy("r-1", "prod", "web", "1.5.0", null);

        var refused = service.handle(request, DEVELOPER, NOW);
        var releasers = service.handle(request, RELEASER, NOW.plusSeconds(5));

        assertThat(refused).isInstanceOf(OperatorRequestOutcome.Refused.class);
        assertThat(releasers).isInstanceOf(OperatorRequestOutcome.Accepted.class);
        assertThat(bus.published(DeployRequested.class)).hasSize(1);
        assertThat(bus.published(RequestRefused.class)).hasSize(1);
    }

    @Test
    void busRefusingTheEvent_failsTheRequest_andARetryIsCarriedOut() {
        var request = new OperatorRequest.Rollback("r-1", "prod", "web", false, null);
        bus.failNext(1);

        assertThatThrownBy(() -> service.handle(request, RELEASER, NOW)).isInstanceOf(RuntimeException.class);
        var retried = service.handle(request, RELEASER, NOW.plusSeconds(1));

        assertThat(retried).isInstanceOf(OperatorRequestOutcome.Accepted.class);
        assertThat(bus.published(RollbackRequested.class)).hasSize(1);
    }

    @Test
    void busRefusingTheEvent_withdrawsTheClaim_soTheRetryNeedNotWaitForTheLease() {
        bus.failNext(1);

        assertThatThrownBy(() -> service.handle(new OperatorRequest.Rollback("r-1", "prod", "web", false, null),
                RELEASER, NOW)).isInstanceOf(RuntimeException.class);

        assertThat(claims.of(RELEASER.arn() + ":r-1")).isEmpty();
    }

    @Test
    void refusedRequest_isRecordedDone_asRefused() {
        service.handle(new OperatorRequest.Deploy("r-1", "prod", "web", "1.5.0", null), DEVELOPER, NOW);

        assertThat(claims.of(DEVELOPER.arn() + ":r-1")).contains(new RequestClaim.Done("refused", "Request Refused"));
    }

    @Test
    void freeze_isWrittenBeforeItsAnnouncement_andUnfreezeLiftsIt() {
        service.handle(new OperatorRequest.Freeze("r-1", "prod", NOW.plusSeconds(3600), "incident 42"), RELEASER, NOW);
        assertThat(freezes.of("prod")).contains(new Freeze("prod", "incident 42", NOW.plusSeconds(3600),
                RELEASER.arn(), NOW));

        var lifted = service.handle(new OperatorRequest.Unfreeze("r-2", "prod"), RELEASER, NOW.plusSeconds(60));

        assertThat(lifted).isInstanceOf(OperatorRequestOutcome.Accepted.class);
        assertThat(freezes.of("prod")).isEmpty();
        assertThat(bus.published(FreezeLifted.class)).containsExactly(new FreezeLifted("prod", "incident 42",
                RELEASER.arn(), NOW.plusSeconds(60)));
        assertThat(bus.published(FreezeStarted.class)).hasSize(1);
    }
    @Test
    void unfreezeWhoseAnnouncementFails_keepsTheFreeze_andTheRetryAnnouncesAndLiftsIt() {
        freezes.put(new Freeze("prod", "incident 42", NOW.plusSeconds(3600), RELEASER.arn(), NOW));
        var request = new OperatorRequest.Unfreeze("r-1", "prod");
        bus.failNext(1);

        assertThatThrownBy(() -> service.handle(request, RELEASER, NOW)).isInstanceOf(RuntimeException.class);
        assertThat(freezes.of("prod")).isPresent(); // not lifted unannounced
        var retried = service.handle(request, RELEASER, NOW.plusSeconds(1));

        assertThat(retried).isInstanceOf(OperatorRequestOutcome.Accepted.class);
        assertThat(freezes.of("prod")).isEmpty();
        assertThat(bus.published(FreezeLifted.class)).containsExactly(new FreezeLifted("prod", "incident 42",
                RELEASER.arn(), NOW.plusSeconds(1)));
    }

    @Test
    void unfreezeWhoseInvocationCrashedBeforeAnnouncing_isAnnouncedByTheRetryAfterTheLease() {
        freezes.put(new Freeze("prod", "incident 42", NOW.plusSeconds(3600), RELEASER.arn(), NOW));
        claims.claim(RELEASER.arn() + ":r-1", "crashed-invocation", NOW.plus(LEASE), NOW.plusSeconds(86_400));

        var retried = service.handle(new OperatorRequest.Unfreeze("r-1", "prod"), RELEASER,
                NOW.plus(LEASE).plusSeconds(1));

        assertThat(retried).isInstanceOf(OperatorRequestOutcome.Accepted.class);
        assertThat(bus.published(FreezeLifted.class)).hasSize(1);
        assertThat(freezes.of("prod")).isEmpty();
    }
}
