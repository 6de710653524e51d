#pragma once
// Text encodings of Japanese open data: UTF-8 (with or without BOM) and CP932 (Shift-JIS).

#include <string>
#include <string_view>

namespace keniki::io::detail {

enum class Encoding { utf8, cp932 };

bool is_valid_utf8(std::string_view s);
bool is_ascii(std::string_view s);
bool has_utf8_bom(std::string_view s);

/// "", "auto" -> nullopt-like false return; otherwise parses "UTF-8"/"utf8"/"CP932"/"SJIS"/"Shift_JIS".
/// Throws UsageError for anything else.
bool parse_encoding(const std::string& name, Encoding& out);

/// Decides the encoding of a whole text: UTF-8 when it is valid UTF-8, else CP932.
Encoding detect(std::string_view text);

/// Converts CP932 bytes to UTF-8 (through GDAL's CPLRecode / iconv).
std::string cp932_to_utf8(std::string_view text);

std::string_view name(Encoding e);

}  // namespace keniki::io::detail
