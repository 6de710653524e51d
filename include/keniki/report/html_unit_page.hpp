#pragma once
// One unit's page (地域カルテ): a map drawn in the working CRS, population by age, reach and gaps,
// transport, facilities, scenario differences. Self-contained HTML that prints on one or two A4 pages.

#include <cstddef>
#include <string>

#include "keniki/report/html_page.hpp"

namespace keniki::report::html {

/// The page of unit `unit` of tier `tier` (indices into ctx.tiers).
std::string unit_page(const ReportContext& ctx, std::size_t tier, std::size_t unit);

/// The shared SVG definitions and legend swatches of the maps.
std::string map_defs(const std::string& id);

}  // namespace keniki::report::html
