#pragma once
// `keniki serve`'s JSON API, apart from HTTP: a request (method, path, body) in, a response out. The
// HTTP server (serve/server.hpp) only carries them. Nothing a client sends reaches the file system
// except POST /api/scenario/save, which writes one file into the output directory given on the
// command line, under a name made of the scenario id ([A-Za-z0-9_-], checked).
//
//   GET  /api/plan            the study, the tiers (reach, totals), the hubs (WGS84), the map bounds
//   GET  /api/units/<tier>    the tier's units as a GeoJSON FeatureCollection (RFC 7946) with the plan's figures
//   POST /api/scenario        a scenario (JSON, below) -> every tier's figures before and after, the differences
//   POST /api/scenario/save   the same, and a [[scenarios]] block written to <out>/scenario_<id>.toml
//
// A scenario: {"id": "ws1", "name": "...", "move_hubs": [{"hub": "H1", "lon": 131.2, "lat": 34.1}],
//              "add_hubs": [{"id": "new1", "name": "...", "tier": "neighbourhood", "kind": "salon", "lon": ..., "lat": ...}],
//              "remove_hubs": ["H2"], "remove_stops": ["bus_local"], "remove_stop_ids": ["B12"],
//              "add_stop_points": [{"id": "B99", "name": "...", "kind": "bus_stop", "departures_per_day": 12, "lon": ..., "lat": ...}]}
// Errors: {"error": "..."} with 400 (not JSON, wrong keys or types), 404 (no such path or tier),
// 405 (wrong method), 413 (body too large, from the server), 422 (a hub that does not exist, a place
// outside the study area, a tier left without hubs), 409 (save without --out).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "keniki/analysis/hub_edits.hpp"
#include "keniki/project/plan.hpp"
#include "keniki/serve/model.hpp"
#include "keniki/serve/tiles.hpp"

namespace keniki::serve {

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
};

/// A bad request: the HTTP status and a message that names the part of the request at fault.
class RequestError : public std::runtime_error {
public:
    RequestError(int status, const std::string& message) : std::runtime_error(message), m_status(status) {}
    int status() const noexcept { return m_status; }

private:
    int m_status;
};

/// A scenario as the client sent it (lon/lat as given) and as the model takes it.
struct ScenarioRequest {
    std::string id, name;
    std::vector<project::HubMoveSpec> move_hubs;
    std::vector<project::HubAddSpec> add_hubs;
    std::vector<std::string> remove_hubs;
    std::vector<std::string> remove_stops;  ///< [[transport.stops]] layer ids switched off
    std::vector<std::string> remove_stop_ids;
    std::vector<project::StopPointSpec> add_stop_points;
    std::vector<std::string> remove_routes;  ///< GTFS routes off (id, short or long name)
    std::vector<std::string> remove_gtfs;    ///< GTFS feeds off, as resolved paths of [transport].gtfs
    StopEdits stop_edits;      ///< the above, for the model
    analysis::HubEdits edits;  ///< in the working CRS
};

/// Parses and checks a scenario body. Throws RequestError (400: syntax, keys, types; 422: a place
/// outside the study area, an unknown tier).
ScenarioRequest parse_scenario(const Model& model, std::string_view body);

/// The [[scenarios]] block `keniki run` reads back (coordinates written so that they read back to the
/// same doubles).
std::string scenario_toml(const ScenarioRequest& scenario);

struct ApiOptions {
    std::optional<std::string> out_dir;  ///< where POST /api/scenario/save writes (none: saving is refused)
    std::optional<TileInfo> tiles;       ///< --tiles: the basemap the page draws under the units
};

class Api {
public:
    Api(const Model& model, ApiOptions options);
    /// Any request of the API (paths under /api/). Never throws for a client's mistake.
    Response handle(std::string_view method, std::string_view path, std::string_view body) const;

    nlohmann::json plan_json() const;
    /// The plan's [[transport.stops]] layers with their stops (WGS84), for the map and its switches.
    nlohmann::json stop_layers_json() const;
    /// The plan's [[access]] indices (id, name, demand, score unit, threshold, whole-area figures).
    nlohmann::json access_json() const;
    nlohmann::json scenario_json(const ScenarioRequest& request, const ScenarioResult& result, double elapsed_ms) const;

private:
    Response scenario(std::string_view body, bool save) const;

    const Model& m_model;
    ApiOptions m_options;
    std::vector<std::string> m_units_geojson;  ///< per tier, built once
    std::string m_plan_json;
};

/// {"error": message} with a status.
Response error_response(int status, const std::string& message);

}  // namespace keniki::serve
