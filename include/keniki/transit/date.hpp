#pragma once
// Calendar dates and times of day as GTFS writes them: dates "YYYYMMDD", times "H:MM:SS" counted from
// the service day's midnight (more exactly noon minus 12 h), so a trip leaving after midnight on the
// same service day has times such as "25:10:00".

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace keniki::transit {

/// Seconds since the service day's midnight; may exceed 24 h. k_no_time when a stop has no time.
using Seconds = std::int32_t;
inline constexpr Seconds k_no_time = -1;

/// "H:MM:SS", "HH:MM:SS" or "HHH:MM:SS" (minutes and seconds two digits below 60; spaces around
/// ignored). nullopt when malformed, e.g. "25:61:00", "abc", "8:5:00", "".
std::optional<Seconds> parse_gtfs_time(std::string_view text);
/// A clock time in a plan: "09:00" or "9:00:00" (hours may pass 23); nullopt otherwise.
std::optional<Seconds> parse_clock(std::string_view text);
/// "HH:MM:SS" (hours may pass 23); "" for k_no_time.
std::string format_gtfs_time(Seconds t);

/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
class Date {
public:
    constexpr Date() = default;
    constexpr explicit Date(std::int32_t days_since_epoch) : m_days(days_since_epoch) {}

    /// nullopt for an impossible date (2026-02-30).
    static std::optional<Date> from_ymd(int year, unsigned month, unsigned day);
    /// "YYYYMMDD" exactly (spaces around ignored); nullopt otherwise.
    static std::optional<Date> parse(std::string_view yyyymmdd);

    std::int32_t days_since_epoch() const noexcept { return m_days; }
    /// 0 = Monday ... 6 = Sunday (the order of calendar.txt's columns).
    int weekday() const noexcept;
    /// "YYYYMMDD".
    std::string to_string() const;
    /// "YYYY-MM-DD".
    std::string iso() const;
    /// "Mon" ... "Sun".
    std::string_view weekday_name() const noexcept;

    Date operator+(std::int32_t days) const noexcept { return Date{m_days + days}; }
    Date& operator++() noexcept {
        ++m_days;
        return *this;
    }
    friend std::int32_t operator-(Date a, Date b) noexcept { return a.m_days - b.m_days; }
    friend auto operator<=>(Date, Date) = default;

private:
    std::int32_t m_days = 0;
};

}  // namespace keniki::transit
