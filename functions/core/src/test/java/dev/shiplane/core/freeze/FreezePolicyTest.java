package dev.shiplane.core.freeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FreezePolicyTest {

    static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final FreezeWindow FRIDAY_EVENINGS = new FreezeWindow("friday-evenings", List.of("prod"),
            CronSchedule.parse("* 16-23 * * FRI"), null, null, LISBON, "no deploys before the weekend");
    static final FreezeWindow YEAR_END = new FreezeWindow("year-end", List.of("prod", "staging"), null,
            LocalDateTime.parse("2026-12-20T00:00"), LocalDateTime.parse("2027-01-02T00:00"), NEW_YORK, null);
    static final List<FreezeWindow> WINDOWS = List.of(FRIDAY_EVENINGS, YEAR_END);
    static final Freeze INCIDENT = new Freeze("prod", "incident 42", Instant.parse("2026-11-26T12:00:00Z"),
            "arn:aws:iam::1:user/ops", Instant.parse("2026-11-26T10:00:00Z"));

    static Stream<Arguments> verdicts() {
        return Stream.of(
                // 2026-11-27 is a Friday; Lisbon is UTC+0 in November
                Arguments.of("Friday 16:00 in Lisbon is inside the recurring window", "prod", "2026-11-27T16:00:00Z",
                        Optional.empty(), "frozen"),
                Arguments.of("Friday 15:59 in Lisbon is still open", "prod", "2026-11-27T15:59:00Z", Optional.empty(),
                        "none"),
                Arguments.of("a recurring window freezes only its environments", "staging", "2026-11-27T18:00:00Z",
                        Optional.empty(), "none"),
                Arguments.of("Thursday evening is open", "prod", "2026-11-26T18:00:00Z", Optional.empty(), "none"),
                Arguments.of("a date range starts at its local midnight (New York, UTC-5)", "staging",
                        "2026-12-20T05:00:00Z", Optional.empty(), "frozen"),
                Arguments.of("one minute before the range's local start is open", "staging", "2026-12-20T04:59:00Z",
                        Optional.empty(), "none"),
                Arguments.of("the range's end is exclusive", "staging", "2027-01-02T05:00:00Z", Optional.empty(),
                        "none"),
                Arguments.of("an ad-hoc freeze holds until its end", "prod", "2026-11-26T11:59:00Z",
                        Optional.of(INCIDENT), "frozen"),
                Arguments.of("an ad-hoc freeze that ended no longer holds", "prod", "2026-11-26T12:00:00Z",
                        Optional.of(INCIDENT), "none"),
                Arguments.of("another environment's ad-hoc freeze does not apply", "staging", "2026-11-26T11:00:00Z",
                        Optional.of(INCIDENT), "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void verdict(String description, String env, String at, Optional<Freeze> adHoc, String expected) {
        assertThat(FreezePolicy.verdict(WINDOWS, adHoc, env, Instant.parse(at)).code()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void frozenDetail_namesTheFreezeAndWhy() {
        var byOperator = FreezePolicy.verdict(WINDOWS, Optional.of(INCIDENT), "prod",
                Instant.parse("2026-11-26T11:00:00Z"));
        var byCalendar = FreezePolicy.verdict(WINDOWS, Optional.empty(), "prod", Instant.parse("2026-11-27T20:00:00Z"));

        assertThat(((FreezeVerdict.Frozen) byOperator).detail())
                .isEqualTo("prod is frozen until 2026-11-26T12:00:00Z by arn:aws:iam::1:user/ops: incident 42");
        assertThat(((FreezeVerdict.Frozen) byCalendar).detail())
                .contains("friday-evenings", "* 16-23 * * FRI", "Europe/Lisbon", "no deploys before the weekend");
    }

    static Stream<Arguments> crons() {
        return Stream.of(
                Arguments.of("every minute", "* * * * *", "2026-11-26T03:17", true),
                Arguments.of("a step in minutes", "*/15 * * * *", "2026-11-26T03:30", true),
                Arguments.of("off the step", "*/15 * * * *", "2026-11-26T03:31", false),
                Arguments.of("month names", "* * * DEC *", "2026-12-01T00:00", true),
                Arguments.of("Sunday as 7", "* * * * 7", "2026-11-29T10:00", true),
                Arguments.of("a weekday list", "* 9-17 * * MON,WED", "2026-11-25T09:00", true),
                Arguments.of("day-of-month or day-of-week when both are restricted", "* * 1 * FRI",
                        "2026-11-27T10:00", true),
                Arguments.of("neither the day nor the weekday", "* * 1 * FRI", "2026-11-26T10:00", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crons")
    void cron(String description, String expression, String at, boolean matches) {
        assertThat(CronSchedule.parse(expression).matches(LocalDateTime.parse(at))).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"* * * *", "60 * * * *", "* 5-2 * * *", "* * * * FUNDAY", "*/0 * * * *"})
    void malformedCron_isRefusedWithTheExpression(String expression) {
        assertThatThrownBy(() -> CronSchedule.parse(expression)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expression);
    }
}
