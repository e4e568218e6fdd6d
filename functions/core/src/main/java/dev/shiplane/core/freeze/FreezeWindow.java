package dev.shiplane.core.freeze;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A calendar freeze from {@code shiplane.yml}: either recurring ({@code cron}, every matching minute is frozen) or a
 * date range ({@code from} inclusive, {@code until} exclusive), both read as local times in {@code zone}.
 *
 * @param name         key in {@code freezes:}
 * @param environments environments it freezes
 * @param cron         recurring window, or {@code null} for a date range
 * @param from         start of a date range, or {@code null}
 * @param until        end of a date range, or {@code null}
 * @param reason       one sentence for the skip's detail
 */
public record FreezeWindow(String name, List<String> environments, CronSchedule cron, LocalDateTime from,
                           LocalDateTime until, ZoneId zone, String reason) {

    public FreezeWindow {
        environments = List.copyOf(environments);
    }

    public boolean covers(String env, Instant now) {
        if (!environments.contains(env)) return false;
        var local = LocalDateTime.ofInstant(now, zone);
        if (cron != null) return cron.matches(local);
        return !local.isBefore(from) && local.isBefore(until);
    }

    public String describe() {
        var when = cron != null ? "cron '" + cron.expression() + "'" : from + " to " + until;
        return "freeze window '" + name + "' (" + when + " " + zone + ")" + (reason == null ? "" : ": " + reason);
    }
}
