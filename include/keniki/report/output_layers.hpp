#pragma once
// Turns a model result into the layers and tables a planner opens: units of each tier with every
// figure, service areas, gap polygons, residents with their allocation, hubs. Column names carry
// their unit (area_km2, dist_p90_m, pop_65plus). Layers are in the working CRS; io/ writes them.

#include <string>
#include <vector>

#include "keniki/analysis/service_model.hpp"
#include "keniki/core/layer.hpp"

namespace keniki::report {

struct OutputLayers {
    std::vector<Layer> units;          ///< "units_<tier>", one per tier (also the CSV tables)
    std::vector<Layer> service_areas;  ///< "service_area_<tier>"
    std::vector<Layer> gaps;           ///< "gaps_<tier>": the unit minus the service area, with the people in it
    std::vector<Layer> hub_figures;    ///< "hubs_<tier>": each hub of the tier at its place, with its catchment (also CSV tables)
    std::vector<Layer> residents;      ///< "residents" (points), or "residents_<tier>" for area-weighted pieces
    Layer hubs;                        ///< "hubs"
    std::vector<Layer> extra;          ///< further layers (transport zones, stops, scenario changes)
    std::vector<Layer> sites;          ///< "site_<tier>": the sites `keniki site` chose (also a CSV table)

    /// Every layer, in the order they are written (GeoJSON files, GeoPackage tables).
    std::vector<const Layer*> all() const;
    /// The layers also written as CSV tables: units_<tier>, then hubs_<tier>, then site_<tier>.
    std::vector<const Layer*> tables() const;
};

struct LayerOptions {
    bool residents = true;  ///< build the residents layer(s)
};

OutputLayers build_output_layers(const analysis::ModelInput& input, const analysis::ModelResult& result,
                                 const std::string& working_crs, const LayerOptions& options = {});

}  // namespace keniki::report
