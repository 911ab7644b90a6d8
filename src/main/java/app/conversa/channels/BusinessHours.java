package app.conversa.channels;

import app.conversa.shared.ConversaException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * When a number is attended: per weekday, several intervals ({@code 08:00-13:00, 14:00-18:00}),
 * in the number's time zone, closed on holidays. A day without intervals is closed; an interval
 * ends before midnight (a night shift is two intervals on two days). Customers who write outside
 * these hours get the connection's out-of-hours message.
 */
public record BusinessHours(ZoneId zone, Map<DayOfWeek, List<Interval>> days, Set<LocalDate> holidays) {

    static final int MAX_INTERVALS_PER_DAY = 4;
    static final int MAX_HOLIDAYS = 200;

    /** From (inclusive) to (exclusive), local time. */
    public record Interval(LocalTime from, LocalTime to) {
        public boolean contains(LocalTime time) {
            return !time.isBefore(from) && time.isBefore(to);
        }
    }

    public BusinessHours {
        days = Map.copyOf(days);
        holidays = Set.copyOf(holidays);
    }

    /** Whether the number is attended at this moment. */
    public boolean open(Instant at) {
        var local = at.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        return days.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(interval -> interval.contains(local.toLocalTime()));
    }

    /** The calendar day at this moment in the number's zone (an out-of-hours message goes once a day per chat). */
    public LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /**
     * Validates what an administrator typed: a known time zone, intervals "HH:mm" with from before
     * to, not overlapping, at most {@value #MAX_INTERVALS_PER_DAY} a day, and ISO dates.
     */
    static BusinessHours of(String zone, Map<DayOfWeek, List<String[]>> intervals, List<String> holidays) {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw ConversaException.invalid("hours.time_zone", String.valueOf(zone));
        }
        var days = new EnumMap<DayOfWeek, List<Interval>>(DayOfWeek.class);
        intervals.forEach((day, typed) -> {
            if (typed.size() > MAX_INTERVALS_PER_DAY) {
                throw ConversaException.invalid("hours.too_many_intervals", day, MAX_INTERVALS_PER_DAY);
            }
            var list = new ArrayList<Interval>();
            for (String[] pair : typed) {
                var interval = new Interval(time(pair[0]), time(pair[1]));
                if (!interval.from().isBefore(interval.to())) {
                    throw ConversaException.invalid("hours.interval_order", day, pair[0], pair[1]);
                }
                list.add(interval);
            }
            list.sort(Comparator.comparing(Interval::from));
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i).from().isBefore(list.get(i - 1).to())) {
                    throw ConversaException.invalid("hours.interval_overlap", day);
                }
            }
            if (!list.isEmpty()) {
                days.put(day, List.copyOf(list));
            }
        });
        if (holidays.size() > MAX_HOLIDAYS) {
            throw ConversaException.invalid("hours.too_many_holidays", MAX_HOLIDAYS);
        }
        var dates = new TreeSet<LocalDate>();
        for (String holiday : holidays) {
            try {
                dates.add(LocalDate.parse(holiday.strip()));
            } catch (DateTimeParseException e) {
                throw ConversaException.invalid("hours.holiday", holiday);
            }
        }
        return new BusinessHours(zoneId, days, dates);
    }

    private static LocalTime time(String text) {
        if (text == null || !text.strip().matches("([01]\\d|2[0-3]):[0-5]\\d|24:00")) {
            throw ConversaException.invalid("hours.time", String.valueOf(text));
        }
        return text.strip().equals("24:00") ? LocalTime.MAX : LocalTime.parse(text.strip());
    }

    /** As stored in {@code connections.business_hours}. */
    String toJson(ObjectMapper json) {
        var root = json.createObjectNode();
        root.put("zone", zone.getId());
        var daysNode = root.putObject("days");
        days.forEach((day, list) -> {
            var array = daysNode.putArray(day.name());
            list.forEach(interval -> array.addObject().put("from", text(interval.from())).put("to", text(interval.to())));
        });
        var holidaysNode = root.putArray("holidays");
        new TreeSet<>(holidays).forEach(date -> holidaysNode.add(date.toString()));
        return json.writeValueAsString(root);
    }

    static BusinessHours fromJson(ObjectMapper json, String stored) {
        if (stored == null) {
            return null;
        }
        JsonNode root = json.readTree(stored);
        var intervals = new EnumMap<DayOfWeek, List<String[]>>(DayOfWeek.class);
        root.path("days").properties().forEach(entry -> {
            var list = new ArrayList<String[]>();
            entry.getValue().forEach(i -> list.add(new String[] {i.path("from").asString(), i.path("to").asString()}));
            intervals.put(DayOfWeek.valueOf(entry.getKey()), list);
        });
        var holidays = new ArrayList<String>();
        root.path("holidays").forEach(date -> holidays.add(date.asString()));
        return of(root.path("zone").asString(), intervals, holidays);
    }

    /** "24:00" for the end of the day, else HH:mm. */
    static String text(LocalTime time) {
        return time.equals(LocalTime.MAX) ? "24:00" : time.toString().substring(0, 5);
    }
}
