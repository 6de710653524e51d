#pragma once
// What every HTML page shares: the run as the pages see it (units with their page, parent,
// children, facilities and stops), the page skeleton and style, and figures tagged with where they
// come from in summary.json (data-key="/tiers/1/units/0/people/pop_total"), so that tests and
// scripts can check every number on a page against the run.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "keniki/core/geometry.hpp"
#include "keniki/report/html_labels.hpp"
#include "keniki/report/html_report.hpp"
#include "keniki/report/html_run_data.hpp"

namespace keniki::report::html {

using json = nlohmann::ordered_json;

struct UnitInfo {
    std::string id, name;
    std::string page;                        ///< relative to the report folder: "units/welfare/W1.html"
    std::string ptr;                         ///< JSON pointer of the unit in summary.json: "/tiers/1/units/0"
    std::optional<std::size_t> feature;      ///< its feature in the tier's units layer
    Box box;                                 ///< bounds (inverted when there is no geometry)
    std::optional<Point> label_at;           ///< a point inside, for labels
    std::optional<std::size_t> parent;       ///< unit index in the tier above
    std::vector<std::size_t> children;       ///< unit indices in the tier below
    std::vector<std::size_t> facilities;     ///< features of RunData::hubs inside the unit
    std::vector<std::size_t> stops;          ///< entries of summary "transport"/"stops" in the unit
    std::string transport_ptr;               ///< "/transport/tiers/k/units/j" or "" when absent
};

struct TierInfo {
    std::string id, name;                    ///< name in the page language
    std::string ptr;                         ///< "/tiers/1"
    std::string cost_unit;                   ///< "m" or "min"
    std::vector<UnitInfo> units;
    std::map<std::string, std::size_t> by_id;
};

struct ReportContext {
    ReportContext(const RunData& run, const HtmlOptions& options);

    const RunData& run;
    HtmlOptions options;
    Labels t;
    std::string study_name;
    std::vector<TierInfo> tiers;
    bool has_transport = false;
    bool has_scenarios = false;
};

/// The opening of a page up to and including <body>: `root` is the relative path from the page to
/// the report folder ("" or "../../"), `extra_head` goes into <head>.
std::string page_open(const ReportContext& ctx, std::string_view title, std::string_view body_class, std::string_view extra_head = {});
std::string page_close();

/// A figure from summary.json at `pointer`, formatted, in a <span data-key=...>; "—" when missing.
std::string fig(const json& doc, const std::string& pointer, int decimals = 0);
/// part / whole from summary.json as a percentage, in a <span data-num=... data-den=...>.
std::string pct(const json& doc, const std::string& part_pointer, const std::string& whole_pointer, int decimals = 1);

/// The unit's name, or its id when it has none.
std::string display_name(const UnitInfo& u);

/// Distance figures: metres (with separators) or minutes.
int cost_decimals(std::string_view unit);

}  // namespace keniki::report::html
