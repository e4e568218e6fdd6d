package dev.shiplane.core.freeze;

import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) read as a set of minutes: a
 * freeze window is every minute the expression matches, so {@code * 16-23 * * FRI} freezes Friday evenings. Fields
 * take {@code *}, numbers, ranges {@code a-b}, lists {@code a,b}, steps {@code *}{@code /n} or {@code a-b/n}, and
 * the names {@code JAN}…{@code DEC}, {@code SUN}…{@code SAT} (0 and 7 are both Sunday). As in cron, when both
 * day-of-month and day-of-week are restricted, a day matching either counts.
 */
public record CronSchedule(String expression, BitSet minutes, BitSet hours, BitSet days, BitSet months,
                           BitSet weekdays, boolean anyDay, boolean anyWeekday) {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    public static CronSchedule parse(String expression) {
        var fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron '" + expression
                    + "' needs 5 fields: minute hour day-of-month month day-of-week");
        }
        var weekdays = field(fields[4], 0, 7, WEEKDAYS, 0, expression);
        if (weekdays.get(7)) weekdays.set(0);
        return new CronSchedule(expression, field(fields[0], 0, 59, List.of(), 0, expression),
                field(fields[1], 0, 23, List.of(), 0, expression), field(fields[2], 1, 31, List.of(), 0, expression),
                field(fields[3], 1, 12, MONTHS, 1, expression), weekdays, fields[2].equals("*"), fields[4].equals("*"));
    }

    public boolean matches(LocalDateTime t) {
        var dayOfMonth = days.get(t.getDayOfMonth());
        var dayOfWeek = weekdays.get(t.getDayOfWeek().getValue() % 7);
        var day = anyDay || anyWeekday ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
        return minutes.get(t.getMinute()) && hours.get(t.getHour()) && months.get(t.getMonthValue()) && day;
    }

    private static BitSet field(String text, int min, int max, List<String> names, int firstName, String whole) {
        var set = new BitSet();
        for (var part : text.split(",")) {
            int step = 1;
            var range = part;
            if (part.contains("/")) {
                range = part.substring(0, part.indexOf('/'));
                step = number(part.substring(part.indexOf('/') + 1), names, firstName, whole);
                if (step < 1) throw bad(whole, part);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                from = number(range.substring(0, range.indexOf('-')), names, firstName, whole);
                to = number(range.substring(range.indexOf('-') + 1), names, firstName, whole);
            } else {
                from = number(range, names, firstName, whole);
                to = part.contains("/") ? max : from;
            }
            if (from < min || to > max || from > to) throw bad(whole, part);
            for (int v = from; v <= to; v += step) set.set(v);
        }
        return set;
    }

    private static int number(String text, List<String> names, int firstName, String whole) {
        var index = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (index >= 0) return index + firstName;
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(whole, text);
        }
    }

    private static IllegalArgumentException bad(String whole, String part) {
        return new IllegalArgumentException("cron '" + whole + "': '" + part + "' is not a valid value or range");
    }
}
