#include "keniki/transit/date.hpp"
#include <algorithm>

#include <chrono>
#include <cstdio>

#include "keniki/core/text.hpp"

namespace keniki::transit {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr auto trim = text::trim_blanks;

}  // namespace

std::optional<Seconds> parse_gtfs_time(std::string_view text) {
    text = trim(text);
    // H+:MM:SS with 1-3 hour digits.
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 3 || text.size() != colon + 6 || text[colon + 3] != ':')
        return std::nullopt;
    int hours = 0;
    for (std::size_t i = 0; i < colon; ++i) {
        if (!is_digit(text[i])) return std::nullopt;
        hours = hours * 10 + (text[i] - '0');
    }
    const char m1 = text[colon + 1], m2 = text[colon + 2], s1 = text[colon + 4], s2 = text[colon + 5];
    if (!is_digit(m1) || !is_digit(m2) || !is_digit(s1) || !is_digit(s2)) return std::nullopt;
    const int minutes = (m1 - '0') * 10 + (m2 - '0');
    const int seconds = (s1 - '0') * 10 + (s2 - '0');
    if (minutes > 59 || seconds > 59) return std::nullopt;
    return static_cast<Seconds>(hours * 3600 + minutes * 60 + seconds);
}

std::string format_gtfs_time(Seconds t) {
    if (t < 0) return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(t / 3600), static_cast<int>(t / 60 % 60), static_cast<int>(t % 60));
    return buf;
}

std::optional<Date> Date::from_ymd(int year, unsigned month, unsigned day) {
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (!ymd.ok()) return std::nullopt;
    return Date{static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count())};
}

std::optional<Date> Date::parse(std::string_view text) {
    text = trim(text);
    if (text.size() != 8) return std::nullopt;
    int v[8];
    for (std::size_t i = 0; i < 8; ++i) {
        if (!is_digit(text[i])) return std::nullopt;
        v[i] = text[i] - '0';
    }
    const int year = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    return from_ymd(year, static_cast<unsigned>(v[4] * 10 + v[5]), static_cast<unsigned>(v[6] * 10 + v[7]));
}

int Date::weekday() const noexcept {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    const int w = (m_days % 7 + 7 + 3) % 7;
    return w;
}

std::string Date::to_string() const {
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{m_days}}};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string Date::iso() const {
    const std::string s = to_string();
    return s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2);
}

std::string_view Date::weekday_name() const noexcept {
    static constexpr std::string_view names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return names[weekday()];
}

std::optional<Seconds> parse_clock(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    const auto colons = std::count(text.begin(), text.end(), ':');
    if (colons == 1) return parse_gtfs_time(std::string(text) + ":00");
    if (colons == 2) return parse_gtfs_time(text);
    return std::nullopt;
}

}  // namespace keniki::transit
