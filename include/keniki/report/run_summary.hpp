#pragma once
// summary.json: every figure of a run and where its inputs came from, so that later runs can be
// compared with it and reports rebuilt from it.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "keniki/analysis/service_model.hpp"

namespace keniki::report {

/// Where one input came from and what reading it found.
struct InputProvenance {
    std::string role;     ///< "boundary", "residents", "facilities:hubs", "units:welfare", "census table"
    std::string path;
    std::string layer;
    std::string source_crs;
    std::string encoding;
    std::string where;    ///< the attribute filter, if any
    std::int64_t features_read = 0;
    std::int64_t features_used = 0;
    std::vector<std::string> notes;  ///< skipped features and why, repairs, suppressed census cells
};

struct RunContext {
    std::string plan_file;
    std::string study_name;
    std::string working_crs;         ///< "EPSG:6671"
    std::string working_crs_reason;
    std::string keniki_version;
    std::vector<InputProvenance> inputs;
    std::vector<std::string> warnings;
};

/// How the circles of straight-line service areas or transport zones were drawn, for summary.json:
/// {"segments_per_quadrant": 32, "vertices": 128, "area_error_pct": 0.0402} (the area one whole circle
/// falls short of pi r^2, in %, 4 decimals), or null when `quadrant_segments` is 0 (no circles).
nlohmann::ordered_json circles_json(int quadrant_segments);

nlohmann::ordered_json build_summary(const analysis::ModelInput& input, const analysis::ModelResult& result, const RunContext& context);

}  // namespace keniki::report
