package app.conversa.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.conversa.shared.ConversaException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Business hours: intervals per weekday in the number's zone, holidays, and what is refused. */
class BusinessHoursTests {

    private static final BusinessHours GUAYAQUIL = BusinessHours.of("America/Guayaquil", Map.<DayOfWeek, List<String[]>>of(
            DayOfWeek.MONDAY, List.of(new String[] {"14:00", "18:00"}, new String[] {"08:00", "13:00"}),
            DayOfWeek.SATURDAY, List.<String[]>of(new String[] {"09:00", "12:00"})), List.of("2026-12-25"));

    @Test
    void openWithinAnIntervalOfTheLocalWeekdayOnly() {
        // Monday 2026-11-23 in Guayaquil (UTC-5)
        assertThat(GUAYAQUIL.open(Instant.parse("2026-11-23T13:00:00Z"))).as("08:00 local").isTrue();
        assertThat(GUAYAQUIL.open(Instant.parse("2026-11-23T12:59:59Z"))).as("07:59 local").isFalse();
        assertThat(GUAYAQUIL.open(Instant.parse("2026-11-23T18:30:00Z"))).as("13:30, lunch").isFalse();
        assertThat(GUAYAQUIL.open(Instant.parse("2026-11-23T22:59:00Z"))).as("17:59").isTrue();
        assertThat(GUAYAQUIL.open(Instant.parse("2026-11-23T23:00:00Z"))).as("18:00, closed").isFalse();
        assertThat(GUAYAQUIL.open(Instant.parse("2026-11-24T15:00:00Z"))).as("Tuesday has no hours").isFalse();
        assertThat(GUAYAQUIL.open(Instant.parse("2026-11-28T15:00:00Z"))).as("Saturday 10:00").isTrue();
        assertThat(GUAYAQUIL.open(Instant.parse("2026-11-24T02:00:00Z"))).as("Monday 21:00 local is Tuesday UTC").isFalse();
    }

    @Test
    void closedOnHolidays() {
        var christmas = BusinessHours.of("America/Guayaquil", Map.of(DayOfWeek.FRIDAY, List.<String[]>of(new String[] {"08:00", "18:00"})),
                List.of("2026-12-25"));
        assertThat(christmas.open(Instant.parse("2026-12-25T15:00:00Z"))).isFalse();
        assertThat(christmas.open(Instant.parse("2026-12-18T15:00:00Z"))).isTrue();
    }

    @Test
    void theZoneFollowsDaylightSavingTime() {
        var berlin = BusinessHours.of("Europe/Berlin", Map.<DayOfWeek, List<String[]>>of(DayOfWeek.MONDAY, List.<String[]>of(new String[] {"09:00", "17:00"}),
                DayOfWeek.FRIDAY, List.<String[]>of(new String[] {"09:00", "24:00"})), List.of());
        assertThat(berlin.open(Instant.parse("2026-07-06T07:30:00Z"))).as("09:30 CEST").isTrue();
        assertThat(berlin.open(Instant.parse("2026-01-05T07:30:00Z"))).as("08:30 CET").isFalse();
        assertThat(berlin.open(Instant.parse("2026-01-09T22:59:00Z"))).as("23:59 Friday, until midnight").isTrue();
    }

    @Test
    void survivesItsStoredForm() {
        var json = JsonMapper.builder().build();
        var again = BusinessHours.fromJson(json, GUAYAQUIL.toJson(json));
        assertThat(again).isEqualTo(GUAYAQUIL);
        assertThat(again.days().get(DayOfWeek.MONDAY).getFirst().from()).hasToString("08:00");
    }

    @Test
    void badInputIsRefusedWithItsReason() {
        assertThatThrownBy(() -> BusinessHours.of("Mars/Olympus", Map.of(), List.of()))
                .isInstanceOf(ConversaException.class).hasFieldOrPropertyWithValue("code", "hours.time_zone");
        assertThatThrownBy(() -> BusinessHours.of("UTC", Map.of(DayOfWeek.MONDAY, List.<String[]>of(new String[] {"18:00", "08:00"})), List.of()))
                .hasFieldOrPropertyWithValue("code", "hours.interval_order");
        assertThatThrownBy(() -> BusinessHours.of("UTC", Map.<DayOfWeek, List<String[]>>of(DayOfWeek.MONDAY,
                List.of(new String[] {"08:00", "13:00"}, new String[] {"12:00", "18:00"})), List.of()))
                .hasFieldOrPropertyWithValue("code", "hours.interval_overlap");
        assertThatThrownBy(() -> BusinessHours.of("UTC", Map.of(DayOfWeek.MONDAY, List.<String[]>of(new String[] {"8", "13:00"})), List.of()))
                .hasFieldOrPropertyWithValue("code", "hours.time");
        assertThatThrownBy(() -> BusinessHours.of("UTC", Map.of(), List.of("25/12/2026")))
                .hasFieldOrPropertyWithValue("code", "hours.holiday");
    }
}
