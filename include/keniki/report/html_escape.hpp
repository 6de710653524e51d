#pragma once
// Text for HTML pages: escaping, and numbers as a planner reads them (thousands separators, a fixed
// number of decimals, "—" for a missing figure, never NaN).

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace keniki::report::html {

/// The dash shown for a missing figure.
inline constexpr std::string_view k_missing = "—";

/// Escapes &, <, >, " and ' for use in element text and in quoted attribute values.
std::string escape(std::string_view text);

/// Serialised JSON made safe to place in a script (inline or a .js file): '<', '>' and '&' become
/// \u003c, \u003e, \u0026 and U+2028 / U+2029 become \u2028 / \u2029. In JSON these characters
/// can only stand inside strings, where the escapes mean the same text, so the value is unchanged
/// while no "</script>", "<!--" or line separator can end the script or its string early.
std::string script_safe(std::string_view json_text);
/// A JSON value serialised for a script: script_safe(value.dump()).
std::string script_json(const nlohmann::json& value);

/// A number with thousands separators and `decimals` decimals ("12,262", "166.17"); "—" when absent
/// or not finite.
std::string format_number(std::optional<double> v, int decimals = 0);
/// A share (0..1) as a percentage with one decimal ("42.0%"); "—" when absent or not finite.
std::string format_percent(std::optional<double> share, int decimals = 1);

/// The number at `pointer` in `doc` (a JSON pointer such as "/tiers/1/units/0/people/pop_total"), or
/// nothing when it is absent, null or not a number.
std::optional<double> number_at(const nlohmann::ordered_json& doc, std::string_view pointer);
/// The number held by a JSON value, or nothing.
std::optional<double> as_number(const nlohmann::ordered_json& v);
/// The text held by a JSON value (numbers printed), or "".
std::string as_text(const nlohmann::ordered_json& v);

/// part / whole when both are there and whole > 0.
std::optional<double> share_of(std::optional<double> part, std::optional<double> whole);

/// A file name for an id: ASCII letters, digits, '-' and '_' kept, every other byte as "~xx" (hex).
std::string file_name_for(std::string_view id);

}  // namespace keniki::report::html
