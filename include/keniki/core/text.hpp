#pragma once
// Small text helpers shared by the readers and the command line: ASCII only (names in Japanese are
// compared as they are), no locale.

#include <optional>
#include <string>
#include <string_view>

namespace keniki::text {

/// ' ', '\t', '\r', '\n', '\v', '\f'.
constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

/// `s` without the ASCII white space around it.
constexpr std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

/// `s` without the spaces and tabs around it (a line break stays: codes with one are refused).
constexpr std::string_view trim_blanks(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

/// `s` with A-Z lowered; every other byte (UTF-8 included) as it is.
std::string ascii_lower(std::string_view s);

/// The finite number the whole of `s` spells (white space around it and one leading '+' allowed),
/// else nothing: "12.5", " -3 ", "+1e3"; not "12 m", "nan", "inf", "".
std::optional<double> parse_number(std::string_view s);

}  // namespace keniki::text
