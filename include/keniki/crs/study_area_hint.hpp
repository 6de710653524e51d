#pragma once
// What a layer tells about where it is: its lon/lat extent and, when its attributes carry one, the
// prefecture or municipality code (N03_007, KEY_CODE, PREF, 全国地方公共団体コード, pref_cd, ...).

#include <optional>

#include "keniki/core/layer.hpp"
#include "keniki/crs/working_crs.hpp"

namespace keniki::crs {

struct CodeHint {
    std::optional<int> prefecture_code;
    std::optional<int> municipality_code;
    std::string field;  ///< the field the code came from
};

/// The code most features agree on (more than half of those that have one), from the first known
/// code field present in the layer.
CodeHint code_hint(const Layer& layer);

/// Extent of a layer whose coordinates are lon/lat; nullopt when the layer has no coordinates.
std::optional<Box> lonlat_extent(const Layer& layer);

/// Extent in lon/lat of a layer in any CRS (its vertices transformed through PROJ).
std::optional<Box> lonlat_extent_of(const Layer& layer);

/// The working CRS keniki chooses for a layer in any CRS: its lon/lat extent and code hint decide;
/// the field the code came from is named in the reason. Throws DataError when it has no coordinates.
WorkingCrs working_crs_for(const Layer& layer);

}  // namespace keniki::crs
