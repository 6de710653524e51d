#include "keniki/report/html_escape.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace keniki::report::html {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string script_safe(std::string_view json_text) {
    std::string out;
    out.reserve(json_text.size() + 16);
    for (std::size_t i = 0; i < json_text.size(); ++i) {
        const char c = json_text[i];
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else if (c == '\xE2' && i + 2 < json_text.size() && json_text[i + 1] == '\x80' && (json_text[i + 2] == '\xA8' || json_text[i + 2] == '\xA9')) {
            out += json_text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string script_json(const nlohmann::json& value) { return script_safe(value.dump()); }

std::string format_number(std::optional<double> v, int decimals) {
    if (!v || !std::isfinite(*v)) return std::string(k_missing);
    if (std::abs(*v) >= 1e15) {
        char big[32];
        std::snprintf(big, sizeof big, "%.3g", *v);
        return big;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 6), *v);
    std::string digits = buf;
    if (digits == "-0" || digits.rfind("-0.", 0) == 0) {
        // -0.0 after rounding reads as a minus sign on nothing.
        bool zero = true;
        for (char c : digits) zero = zero && (c == '-' || c == '0' || c == '.');
        if (zero) digits.erase(0, 1);
    }
    const bool negative = !digits.empty() && digits[0] == '-';
    const std::size_t start = negative ? 1 : 0;
    std::size_t int_end = digits.find('.');
    if (int_end == std::string::npos) int_end = digits.size();
    std::string out = negative ? "-" : "";
    for (std::size_t i = start; i < int_end; ++i) {
        out += digits[i];
        const std::size_t left = int_end - i - 1;
        if (left > 0 && left % 3 == 0) out += ',';
    }
    out += digits.substr(int_end);
    return out;
}

std::string format_percent(std::optional<double> share, int decimals) {
    if (!share || !std::isfinite(*share)) return std::string(k_missing);
    return format_number(*share * 100.0, decimals) + "%";
}

std::optional<double> as_number(const nlohmann::ordered_json& v) {
    if (!v.is_number()) return std::nullopt;
    const double d = v.get<double>();
    if (!std::isfinite(d)) return std::nullopt;
    return d;
}

std::string as_text(const nlohmann::ordered_json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number()) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", v.get<double>());
        return buf;
    }
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    return {};
}

std::optional<double> number_at(const nlohmann::ordered_json& doc, std::string_view pointer) {
    try {
        const nlohmann::ordered_json::json_pointer p{std::string(pointer)};
        if (!doc.contains(p)) return std::nullopt;
        return as_number(doc.at(p));
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::optional<double> share_of(std::optional<double> part, std::optional<double> whole) {
    if (!part || !whole || !(*whole > 0)) return std::nullopt;
    return *part / *whole;
}

std::string file_name_for(std::string_view id) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (const char ch : id) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
            out += ch;
        } else {
            out += '~';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    if (out.empty()) out = "unit";
    if (out.size() > 100) {
        // Long ids (a Japanese name as id) would exceed file-name limits: keep a prefix and a hash.
        std::uint64_t h = 1469598103934665603ull;  // FNV-1a
        for (const char ch : id) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
        out.resize(80);
        out += '~';
        for (int i = 15; i >= 0; --i) out += hex[(h >> (4 * i)) & 15];
    }
    return out;
}

}  // namespace keniki::report::html
