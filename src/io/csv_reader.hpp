#pragma once
// Delimited text with coordinate columns: encoding detection (BOM, UTF-8, CP932), quoted fields that
// span lines (GDAL's CSV driver does the parsing), coordinate column detection and range checks.

#include <string>

#include "keniki/core/layer.hpp"
#include "keniki/io/read_layer.hpp"

namespace keniki::io::detail {

/// Reads the whole text at `open_path` (a file or a /vsizip/ member). `display_path` names it in
/// messages, `layer_name` is the resulting layer's name.
Layer read_csv_layer(const std::string& open_path, const std::string& display_path, const std::string& layer_name,
                     const ReadOptions& options, ReadReport& report);

/// The raw text of a file (any GDAL virtual path), decoded to UTF-8 without BOM. Also tells the
/// 1-based line on which each record starts (records may span lines inside quotes).
struct DecodedText {
    std::string text;
    std::string encoding;         ///< "UTF-8", "UTF-8 with BOM", "CP932"
    std::string encoding_source;  ///< "detected" or "--encoding"
};
DecodedText read_decoded_text(const std::string& open_path, const std::string& display_path, const std::string& encoding);

}  // namespace keniki::io::detail
