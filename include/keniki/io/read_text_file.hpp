#pragma once
// Whole-file reads through GDAL's virtual file system, for modules that parse text themselves (the
// GTFS reader in transit/) but may not include GDAL: plain paths, "/vsizip/feed.zip/stops.txt",
// "/vsicurl/..." and every other /vsi... prefix GDAL knows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keniki::io {

/// The bytes of one file, unchanged (no BOM stripping, no decoding). Throws UsageError when the
/// file is missing or is a directory, DataError when it exists but cannot be read (for a member of
/// a zip: the archive is damaged there, or compressed in a way GDAL cannot read; GDAL's own wording,
/// such as "cpl_unzOpenCurrentFile() failed", is not passed on).
std::string read_text_file(const std::string& path);

/// True when `path` names an existing regular file (any /vsi... path included).
bool text_file_exists(const std::string& path);

/// The files inside a zip archive or a folder, as paths relative to it ("stops.txt",
/// "feed/stops.txt"), sorted; folders themselves are not listed. A path ending in ".zip" (any case)
/// is read as "/vsizip/<path>"; a path already starting with "/vsizip/" is used as it is.
/// Throws UsageError when the path does not exist, DataError when it cannot be listed: an empty
/// file, a file that is not a zip, a zip that is truncated or damaged (each said as such).
std::vector<std::string> list_archive(const std::string& zip_or_dir);

/// The /vsi path through which the member `name` of `zip_or_dir` (as listed by list_archive) is read.
std::string archive_member_path(const std::string& zip_or_dir, const std::string& name);

/// The 1-based line holding the first byte sequence that is not UTF-8; nullopt when all of `text` is UTF-8.
std::optional<std::int64_t> first_invalid_utf8_line(std::string_view text);

}  // namespace keniki::io
