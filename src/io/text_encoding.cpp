#include "io/text_encoding.hpp"

#include <algorithm>
#include <cctype>

#include <cpl_conv.h>
#include <cpl_string.h>

#include "keniki/core/error.hpp"

namespace keniki::io::detail {

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    const auto n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return false;
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool has_utf8_bom(std::string_view s) { return s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF"; }

bool parse_encoding(const std::string& name, Encoding& out) {
    std::string n;
    for (char c : name) {
        if (c != '-' && c != '_') n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (n.empty() || n == "auto") return false;
    if (n == "utf8" || n == "utf8bom") { out = Encoding::utf8; return true; }
    if (n == "cp932" || n == "sjis" || n == "shiftjis" || n == "windows31j" || n == "ms932") {
        out = Encoding::cp932;
        return true;
    }
    throw UsageError("unknown encoding '" + name + "': use auto, utf-8 or cp932");
}

Encoding detect(std::string_view text) { return is_valid_utf8(text) ? Encoding::utf8 : Encoding::cp932; }

std::string cp932_to_utf8(std::string_view text) {
    const std::string in(text);
    char* converted = CPLRecode(in.c_str(), "CP932", CPL_ENC_UTF8);
    std::string out = converted ? converted : "";
    CPLFree(converted);
    return out;
}

std::string_view name(Encoding e) { return e == Encoding::utf8 ? "UTF-8" : "CP932"; }

}  // namespace keniki::io::detail
