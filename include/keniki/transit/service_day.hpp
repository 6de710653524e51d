#pragma once
// Which day the service levels are counted for: a given date, or a typical day of a kind chosen from
// the feeds' own calendars.
//
// Typical-day rule (typical_service_day). Candidates: the dates of the wanted kind — weekday =
// Monday to Friday, saturday = Saturday, sunday_holiday = Sunday — from the earliest to the latest
// date any of the feeds defines (calendar.txt ranges, calendar_dates.txt additions).
//   1. Keep the candidates on which the most feeds run at least one trip (where the feeds overlap).
//   2. Among them, a date's "pattern" is the set of services running that day in every feed. Take
//      the pattern shared by the most candidates (ties: the one with more trips); this is the
//      typical day: a Monday made a holiday (weekday services removed and Sunday ones added through
//      calendar_dates.txt, as Japanese feeds encode 祝日) or a Saturday with an added weekday
//      service is a rarer pattern and loses.
//   3. The earliest candidate with that pattern.
// keniki knows no holiday calendar of its own: holidays count only as the feeds encode them. When
// no candidate has any trip (Sundays in a weekday-only feed) the earliest candidate is used and the
// reason says that nothing runs. Route filters play no part in the choice, so the scenarios of one
// analysis compare the same date.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "keniki/transit/date.hpp"
#include "keniki/transit/feed.hpp"

namespace keniki::transit {

enum class DayKind { weekday, saturday, sunday_holiday };

std::string_view to_string(DayKind kind);
/// "weekday", "saturday", "sunday_holiday" (also "sunday", "holiday"); nullopt otherwise.
std::optional<DayKind> parse_day_kind(std::string_view text);
/// True when `date` is of the kind by its weekday alone (Mon-Fri, Sat, Sun).
bool is_kind(Date date, DayKind kind);

/// A day kind, or a date (YYYYMMDD).
using DaySelector = std::variant<Date, DayKind>;
/// "20260401" or a day kind name. Throws UsageError for anything else.
DaySelector parse_day_selector(std::string_view text);

struct ServiceDay {
    Date date;
    std::optional<DayKind> kind;  ///< set when the date was chosen as a typical day
    std::size_t trips = 0;        ///< trips running that day in all feeds (before route filters)
    std::string reason;           ///< how the date was chosen, in one sentence for reports
};

/// Whether the trip runs on `date` (its service's calendar).
bool trip_runs_on(const Feed& feed, const Trip& trip, Date date);
/// Number of trips of the feed that run on `date` (frequency-based trips count once per run).
std::size_t trips_running(const Feed& feed, Date date);

/// The typical day of `kind` for these feeds (rule above). Throws UsageError when `feeds` is empty,
/// DataError when the feeds define no date at all.
ServiceDay typical_service_day(std::span<const Feed> feeds, DayKind kind);
/// `date` itself, with the number of trips and a reason that warns when nothing runs.
ServiceDay service_day_on(std::span<const Feed> feeds, Date date);
/// Either of the two above.
ServiceDay choose_service_day(std::span<const Feed> feeds, const DaySelector& selector);

}  // namespace keniki::transit
