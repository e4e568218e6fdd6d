package dev.shiplane.core.access;

import static dev.shiplane.core.access.OperatorAction.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorAuthorizationTest {

    static final String HOME = "123456789012";
    static final String RELEASERS_SSO =
            "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Releasers_*";
    static final String ON_CALL = "arn:aws:iam::123456789012:role/OnCall";
    static final String ALICE = "arn:aws:iam::123456789012:user/people/alice";
    static final String BOB_AS_ADMIN = "arn:aws:sts::123456789012:assumed-role/Admin/bob";

    /** prod lists operators; staging does not; sandbox lists them but grants nothing. */
    static final OperatorRules RULES = new OperatorRules(Map.of(
            "prod", List.of(
                    grant(Set.of(DEPLOY, PROMOTE, FREEZE, UNFREEZE), RELEASERS_SSO, ALICE),
                    grant(Set.of(ROLLBACK, ABORT, PAUSE, RESUME, FREEZE), ON_CALL, BOB_AS_ADMIN)),
            "sandbox", List.of()));

    static OperatorGrant grant(Set<OperatorAction> actions, String... principals) {
        return new OperatorGrant(actions, Stream.of(principals).map(PrincipalPattern::new).toList());
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("an Identity Center releaser's session may deploy to prod",
                        "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b/ana@monynha.dev",
                        DEPLOY, "prod", "Listed"),
                Arguments.of("a role pattern ignores the path a session ARN does not carry",
                        "arn:aws:sts::123456789012:assumed-role/OnCall/pager-duty", ROLLBACK, "prod", "Listed"),
                Arguments.of("the on-call role may roll back but not deploy",
                        "arn:aws:sts::123456789012:assumed-role/OnCall/pager-duty", DEPLOY, "prod", "NotAnOperator"),
                Arguments.of("a releaser may not abort: grants are per action",
                        "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b/ana",
                        ABORT, "prod", "NotAnOperator"),
                Arguments.of("another permission set's role is not a releaser",
                        "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_ReadOnly_99aa88bb77cc66dd/ana",
                        DEPLOY, "prod", "NotAnOperator"),
                Arguments.of("a listed IAM user may promote", ALICE, PROMOTE, "prod", "Listed"),
                Arguments.of("a user of the same name on another path is someone else",
                        "arn:aws:iam::123456789012:user/alice", PROMOTE, "prod", "NotAnOperator"),
                Arguments.of("a listed session is that session only",
                        "arn:aws:sts::123456789012:assumed-role/Admin/mallory", PAUSE, "prod", "NotAnOperator"),
                Arguments.of("the listed session itself may pause", BOB_AS_ADMIN, PAUSE, "prod", "Listed"),
                Arguments.of("the same role name in another account is not listed",
                        "arn:aws:sts::210987654321:assumed-role/OnCall/pager-duty", ROLLBACK, "prod", "NotAnOperator"),
                Arguments.of("the same role name in another partition is not listed",
                        "arn:aws-us-gov:sts::123456789012:assumed-role/OnCall/pager-duty", ROLLBACK, "prod",
                        "NotAnOperator"),
                Arguments.of("the account root is nobody's operator", "arn:aws:iam::123456789012:root", DEPLOY, "prod",
                        "NotAnOperator"),
                Arguments.of("a freeze is granted to both lists", "arn:aws:sts::123456789012:assumed-role/OnCall/x",
                        FREEZE, "prod", "Listed"),
                Arguments.of("lifting a freeze is the releasers' alone",
                        "arn:aws:sts::123456789012:assumed-role/OnCall/x", UNFREEZE, "prod", "NotAnOperator"),
                Arguments.of("an environment without a list admits any principal of shiplane's account",
                        "arn:aws:sts::123456789012:assumed-role/Developer/dev", DEPLOY, "staging", "Unlisted"),
                Arguments.of("an environment without a list admits an IAM user of shiplane's account",
                        "arn:aws:iam::123456789012:user/ci", UNFREEZE, "staging", "Unlisted"),
                Arguments.of("an environment without a list refuses another account's principal",
                        "arn:aws:sts::210987654321:assumed-role/Developer/dev", DEPLOY, "staging", "OtherAccount"),
                Arguments.of("an empty list allows nobody, shiplane's own account included",
                        "arn:aws:sts::123456789012:assumed-role/Admin/bob", ROLLBACK, "sandbox", "NotAnOperator"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decide(String description, String callerArn, OperatorAction action, String env, String expected) {
        var caller = new CallerIdentity(callerArn, PrincipalArn.parse(callerArn).orElseThrow().account());
        var decision = OperatorAuthorization.decide(RULES, caller, action, env, HOME);
        assertThat(decision.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(decision.allowed()).isEqualTo(expected.equals("Listed") || expected.equals("Unlisted"));
    }

    @Test
    void listedDecision_namesThePatternThatAllowedIt() {
        var caller = new CallerIdentity("arn:aws:sts::123456789012:assumed-role/OnCall/pager", HOME);
        var decision = OperatorAuthorization.decide(RULES, caller, ROLLBACK, "prod", HOME);
        assertThat(decision).isEqualTo(new AccessDecision.Listed(new PrincipalPattern(ON_CALL)));
        assertThat(decision.text()).isEqualTo("listed as " + ON_CALL);
    }

    @Test
    void refusal_namesWhoWouldHaveBeenAllowed() {
        var caller = new CallerIdentity("arn:aws:sts::123456789012:assumed-role/Developer/dev", HOME);
        var decision = OperatorAuthorization.decide(RULES, caller, DEPLOY, "prod", HOME);
        assertThat(decision.text()).isEqualTo("not among the operators allowed this action (" + RELEASERS_SSO
                + ", " + ALICE + ")");
    }

    @Test
    void whoMay_listsEveryActionOfAListingEnvironment_andNothingForAnOpenOne() {
        assertThat(RULES.whoMay("prod").get(FREEZE)).extracting(PrincipalPattern::arn)
                .containsExactly(RELEASERS_SSO, ALICE, ON_CALL, BOB_AS_ADMIN);
        assertThat(RULES.whoMay("prod").get(UNFREEZE)).extracting(PrincipalPattern::arn)
                .containsExactly(RELEASERS_SSO, ALICE);
        assertThat(RULES.whoMay("prod")).containsOnlyKeys(OperatorAction.values());
        assertThat(RULES.whoMay("sandbox").get(DEPLOY)).isEmpty();
        assertThat(RULES.whoMay("staging")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"arn:aws:iam::*:role/OnCall", "arn:aws:iam::12345:role/OnCall", "OnCall",
            "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:group/ops",
            "arn:aws:sts::123456789012:assumed-role/OnCall", "arn:aws:s3:::bucket", "*",
            // a wildcard in a role's path: the path is not compared, so it would grant every role of the account
            "arn:aws:iam::123456789012:role/team-a/*", "arn:aws:iam::123456789012:role/aws-reserved/*/Releasers",
            // a name of wildcards only names no one in particular: every role, session or user
            "arn:aws:iam::123456789012:role/*", "arn:aws:iam::123456789012:role/path/?*",
            "arn:aws:sts::123456789012:assumed-role/*/alice", "arn:aws:iam::123456789012:user/*"})
    void notAnOperatorPattern(String arn) {
        assertThat(PrincipalPattern.problem(arn)).isPresent();
        assertThatThrownBy(() -> new PrincipalPattern(arn)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callerOfAnotherAccountThanItsArn_isNotAVerifiedIdentity() {
        assertThatThrownBy(() -> new CallerIdentity("arn:aws:iam::123456789012:user/alice", "210987654321"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
