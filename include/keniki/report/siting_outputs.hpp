#pragma once
// Where to add the next hubs (`keniki site`): the chosen sites in order with the people each adds,
// per unit of the tier the people within reach before and after, as a site_<tier> layer (GeoJSON,
// GeoPackage, CSV) and a "siting" section of summary.json that the report pages read.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "keniki/analysis/service_model.hpp"
#include "keniki/report/output_layers.hpp"

namespace keniki::report {

struct ChosenSite {
    std::size_t rank = 0;              ///< 1-based, in the order of their marginal gain
    std::string id, name;              ///< the candidate's (layer ids and names, or grid cell ids "G<col>_<row>")
    Point location;                    ///< working CRS
    analysis::PeopleCount gained;      ///< newly within reach when it is added after the ones before it (and the
                                       ///< fixed hubs; with free existing hubs, from no hub at all)
    analysis::PeopleCount covered_after;  ///< within reach of the fixed hubs and the sites up to this one
    std::int32_t unit = -1;            ///< the tier's unit it stands in
};

struct SitingOutcome {
    std::size_t tier = 0;
    std::string objective;     ///< "coverage" (MCLP), "distance" (p-median), "equity" (p-center), "cover_all" (LSCP)
    std::string demand;        ///< "pop_total", "pop_65plus", "pop_75plus": what the solver weighs
    std::string method;        ///< the solver's own words: exact or heuristic, and the gap
    bool optimal = false;
    double gap = 0;
    double objective_value = 0, bound = 0;
    std::string candidates;    ///< where the candidates came from: "grid of 250 m (1,234 cells in the study area)", a layer
    std::size_t candidate_count = 0;
    std::string demand_points; ///< "19,988 residents" or "4,321 cells of 100 m (1,000,000 residents)"
    std::string reach;         ///< the tier's reach and cost, e.g. "1000 m straight-line distance"
    std::vector<ChosenSite> chosen;
    analysis::PeopleCount covered_before, covered_after, total;
    std::vector<analysis::PeopleCount> unit_before, unit_after;  ///< per unit of the tier: within reach
    std::string hub_kind;      ///< the kind the site layer gives its features (the tier's first hub kind)
};

/// The site_<tier> layer (also a CSV table) with one point per chosen site.
void add_siting_layers(OutputLayers& layers, const analysis::ModelResult& model, const SitingOutcome& siting, const std::string& working_crs);

/// Adds "siting" to summary.json.
void add_siting_summary(nlohmann::ordered_json& summary, const analysis::ModelResult& model, const SitingOutcome& siting);

}  // namespace keniki::report
