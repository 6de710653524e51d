#pragma once
// Which reader a path goes to.

#include <string>

namespace keniki::io::detail {

enum class SourceKind {
    ogr,   ///< any OGR vector dataset (also "PG:" connection strings)
    csv,   ///< delimited text read by keniki's CSV reader (encoding, coordinate columns)
    gtfs,  ///< a GTFS feed, zip or folder: its stops.txt
};

struct Source {
    SourceKind kind = SourceKind::ogr;
    std::string path;       ///< as given by the user (for messages)
    std::string open_path;  ///< what is opened (for GTFS: the stops.txt inside, as a /vsizip/ path)
};

/// Classifies a path; throws UsageError when it does not exist (connection strings are not checked).
Source classify_source(const std::string& path);

}  // namespace keniki::io::detail
