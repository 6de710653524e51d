#pragma once
// The index page: the study's figures, per tier a map with the units shaded by an indicator and a
// sortable table of every unit linking to its page, and the plan's inputs with their credits.

#include <optional>
#include <string>
#include <vector>

#include "keniki/report/html_page.hpp"

namespace keniki::report::html {

struct Indicator {
    std::string name;     ///< "beyond_reach_65plus_share"
    std::string ja, en;   ///< what it is, in words
    bool share = false;   ///< a 0..1 share (shown as %)
    bool transport = false;  ///< needs the run's transport section
};

/// Every indicator the index maps can be shaded by.
const std::vector<Indicator>& indicators();
/// The value of an indicator for a unit (nothing when a figure is missing).
std::optional<double> indicator_value(const ReportContext& ctx, const Indicator& ind, const UnitInfo& unit);

std::string index_page(const ReportContext& ctx);

}  // namespace keniki::report::html
