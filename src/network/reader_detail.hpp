#pragma once
// Shared by the road readers: moving ways from their source CRS into the working CRS.

#include <string>

#include "keniki/network/road_data.hpp"

namespace keniki::network::detail {

/// Transforms every way of `data` from `source_crs` into the working CRS (options.crs, or "auto":
/// chosen from the ways' lon/lat extent) and records it in data.crs / data.crs_reason.
void to_working_crs(RoadData& data, const std::string& source_crs, const RoadReadOptions& options);

}  // namespace keniki::network::detail
