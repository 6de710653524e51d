#pragma once
// A project file (TOML) bound to plain structs: the study area, residents, facilities, tiers with
// their hubs and reach, and output options. Paths are resolved relative to the plan file.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keniki/core/error.hpp"
#include "keniki/geom/circle.hpp"
#include "keniki/network/network_options.hpp"
#include "keniki/network/road_network.hpp"
#include "keniki/network/travel_mode.hpp"

namespace keniki::project {

/// A layer in a file, as the readers take it (io::ReadOptions).
struct LayerRef {
    std::string path;      ///< absolute after loading (relative paths are relative to the plan file)
    std::string layer;     ///< empty = the file's only layer
    std::string where;     ///< OGR attribute filter
    std::string encoding;  ///< "" = detect
    std::string x_field;   ///< CSV coordinate columns ("" = detect)
    std::string y_field;
    int line = 0;          ///< line of this table in the plan, for messages
};

struct StudySpec {
    std::string name;                 ///< "美祢市" — shown in every output
    LayerRef boundary;                ///< the study area (its polygons are unioned)
    std::string working_crs = "auto"; ///< "auto" (JGD2011 zone of the prefecture / UTM) or "EPSG:n"
};

/// Census areas the table counts in another row (HTKSYORI 2): as published (0) or shared out.
enum class CensusSuppression { keep, split };

/// e-Stat table joined to polygon residents on a key (census small areas).
struct CensusSpec {
    std::string table;                ///< path of the e-Stat CSV
    std::string encoding;             ///< "" = detect
    std::string key_field = "KEY_CODE";
    std::string population;           ///< column code or label, e.g. "T001082001"
    std::string age65;                ///< e.g. "T001082019"
    std::string age75;                ///< e.g. "T001082020"
    /// Areas the table counts in another row (HTKSYORI 2): keep (0, as published) or split that row.
    CensusSuppression suppression = CensusSuppression::keep;
    std::string split_by = "JINKO";   ///< with split: a field of the boundary layer, or "area"
    int line = 0;
};

enum class ResidentKind { points, polygons };
enum class Apportionment { centroid, area_weighted };

struct ResidentsSpec {
    LayerRef source;
    ResidentKind kind = ResidentKind::points;
    Apportionment method = Apportionment::centroid;  ///< polygons only
    std::string population_field;  ///< "" = each feature is one person
    std::string age65_field;       ///< people aged 65+ (a count, or 0/1 for one-person points)
    std::string age75_field;       ///< people aged 75+
    std::string label_field;       ///< a name carried to the residents output (大字 names, ...)
    std::optional<CensusSpec> census;  ///< population figures from an e-Stat table instead of fields
};

struct FacilitySpec {
    std::string id;          ///< referred to by tiers
    LayerRef source;
    std::string kind_field;  ///< field whose value is the facility kind ("welfare_center", ...)
    std::string name_field;  ///< display name
    std::string id_field;    ///< stable id ("" = the feature id)
    int line = 0;            ///< line of this [[facilities]] table in the plan, for messages
};

/// How far a tier's hub reaches: straight-line metres, or minutes along the roads of [network]
/// walking ("walk", optionally at the elderly pace) or driving ("drive").
struct ReachSpec {
    std::string mode = "straight";  ///< "straight" | "walk" | "drive" | "transit"
    double metres = 0;              ///< straight
    double minutes = 0;             ///< walk, drive; transit: door to door, each way
    bool elderly = false;           ///< walk (also transit's walking) at the elderly speed of [network]
    /// transit: the feeds of [transport].gtfs on its service_day; walking along [network] roads when
    /// given, else straight line x walk_detour.
    std::string window = "09:00-11:00";  ///< leave home within (HH:MM-HH:MM)
    std::string home_by = "16:00";       ///< back home by
    int window_start_s = 9 * 3600;       ///< the window and home_by as seconds of the service day (set by load_plan)
    int window_end_s = 11 * 3600;
    int home_by_s = 16 * 3600;
    int max_transfers = 1;
    double stay_minutes = 0;             ///< at the hub, at least
    double max_walk_m = 800;             ///< to a stop from home and from a stop to the hub (straight-line metres x detour)
    double transfer_m = 300;             ///< a walk between two stops
    double walk_detour = 1.3;            ///< straight-line walking: metres walked per metre of straight line
    int line = 0;
};

/// The road network for walk/drive reach and walking distance to stops.
/// The options are the network module's own structs (one home for each default): the plan's keys
/// bind to their fields.
struct NetworkSpec {
    bool enabled = false;
    LayerRef roads;  ///< OSM .osm.pbf/.osm, or any line layer (speed, class, oneway, u/v fields)
    /// Speeds: walk_kmh, elderly_walk_kmh; driving: drive_kmh (car speeds by road class — OSM highway
    /// class, or the class field's values — over network::default_drive_speeds), drive_default_kmh,
    /// use_maxspeed, maxspeed_factor. A tier's mode and elderly pace are set per tier.
    network::TravelOptions travel;
    std::vector<std::string> drive_kmh_classes;  ///< the classes the plan's drive_kmh names (their speeds are in travel)
    network::SnapOptions snap;    ///< max_snap_m: places farther from every road are reported, not placed
    network::AreaOptions area;    ///< side_m: service areas' buffer on each side of the reached roads
    network::BuildOptions build;  ///< keep_largest_component
    /// walk_tags: who may walk where (network::apply_walk_tags over the built-in rules), applied as
    /// the roads are read.
    network::WalkRules walk;
    int line = 0;
};

struct UnitsSpec {
    enum class From { boundary, layer, tier };
    From from = From::layer;
    LayerRef source;          ///< From::layer
    std::string tier;         ///< From::tier: a finer tier whose units are dissolved
    std::string id_field;     ///< unit id ("" = the feature id)
    std::string name_field;   ///< unit display name
    std::string dissolve_by;  ///< dissolve the source's polygons by this field (From::layer or From::tier)
    /// A unit feature with an empty or null geometry is a data error (its people would vanish from
    /// the tier); with this set it is skipped with a warning naming it instead (From::layer).
    bool skip_empty_geometry = false;
    int line = 0;
};

struct TierSpec {
    std::string id;        ///< "welfare"
    std::string name;      ///< "福祉圏域"
    std::string name_en;   ///< "Welfare area"
    UnitsSpec units;
    std::string facilities;               ///< FacilitySpec id ("" = the only facilities layer)
    std::vector<std::string> hub_kinds;   ///< facility kinds that are this tier's hubs
    ReachSpec reach;
    int line = 0;
};

struct OutputSpec {
    bool geojson = true;
    bool geopackage = true;
    bool csv = true;
    bool residents = true;                ///< write the residents layer with their allocation
    std::string csv_encoding = "UTF-8-BOM";  ///< "UTF-8-BOM", "UTF-8", "CP932"
    std::string lang = "ja";
};

/// A layer of stops: bus stops (国土数値情報 P11, CSV, ...) or stations (N02, ekidata, ...).
struct StopLayerSpec {
    std::string id;                 ///< named by scenarios (remove_stops)
    std::string kind = "bus_stop";  ///< "bus_stop" | "station"
    LayerRef source;
    std::string id_field;           ///< "" = the feature id
    std::string name_field;
    std::string departures_field;   ///< departures per day, when the layer has them ("" = unknown: counts as serving)
    int line = 0;
};

/// Transport-poor zones (公共交通空白地域 / 交通不便地域); absent section = no transport analysis.
struct TransportSpec {
    bool enabled = false;
    std::string preset = "mlit-rural";          ///< "mlit-urban" | "mlit-rural" | "custom"
    std::optional<double> station_radius_m;      ///< overrides the preset
    std::optional<double> bus_stop_radius_m;
    double min_departures_per_day = 0;           ///< stops with fewer departures do not serve
    std::string service_day = "weekday";         ///< "weekday" | "saturday" | "sunday_holiday" | "YYYYMMDD" (GTFS)
    std::vector<StopLayerSpec> stops;            ///< [[transport.stops]]
    std::vector<std::string> gtfs;               ///< GTFS / GTFS-JP feeds (zip or folder), resolved paths
    std::string distance = "straight";           ///< "straight" | "walk" (walking distance along [network] roads)
    int line = 0;
};

/// A stop added in a scenario ([[scenarios]].add_stop_points): one stop at a place (WGS84).
struct StopPointSpec {
    std::string id;
    std::string name;                          ///< default: the id
    std::string kind = "bus_stop";             ///< "bus_stop" | "station"
    std::optional<double> departures_per_day;  ///< unknown (counts as serving) when absent
    double lon = 0, lat = 0;
    int line = 0;
};

/// A hub moved in a scenario ([[scenarios]].move_hubs): the facility id of a hub (every tier it is a
/// hub of follows it) and its new place in WGS84 longitude/latitude.
struct HubMoveSpec {
    std::string hub;
    double lon = 0, lat = 0;
    int line = 0;
};

/// A hub added in a scenario ([[scenarios]].add_hubs): a new facility that is a hub of one tier.
struct HubAddSpec {
    std::string id;    ///< a facility id not used yet
    std::string name;  ///< default: the id
    std::string tier;  ///< the tier whose hub it becomes
    std::string kind;  ///< optional, for outputs ("salon")
    double lon = 0, lat = 0;
    /// Its supply for the [[access]] indices it joins (staff, seats); none: the median of the index's
    /// hubs (1 for an index without supply_field).
    std::optional<double> supply;
    int line = 0;
};

/// The same plan with stops or feeds removed or added, or hubs moved, added or removed: reported side
/// by side with the plan itself.
struct ScenarioSpec {
    std::string id;
    std::string name;
    std::string description;
    std::vector<std::string> add_gtfs;           ///< resolved paths
    std::vector<std::string> remove_gtfs;        ///< resolved paths (or feed file names) of [transport].gtfs
    std::vector<std::string> remove_routes;      ///< route ids or short names
    std::vector<std::string> remove_stops;       ///< ids of [[transport.stops]] layers
    std::vector<StopLayerSpec> add_stops;        ///< [[scenarios.add_stops]]
    std::vector<HubMoveSpec> move_hubs;          ///< move_hubs = [{ hub = "H1", lon = ..., lat = ... }]
    std::vector<HubAddSpec> add_hubs;            ///< add_hubs = [{ id = "new", tier = "neighbourhood", lon = ..., lat = ... }]
    std::vector<std::string> remove_hubs;        ///< facility ids of hubs no longer in service
    std::vector<std::string> remove_stop_ids;    ///< single stops (their id in their layer; every stop with the id)
    std::vector<StopPointSpec> add_stop_points;  ///< add_stop_points = [{ id = "s1", lon = ..., lat = ... }]
    int line = 0;
    /// True when the scenario changes the hubs (the tier model is run again for it).
    bool changes_hubs() const { return !move_hubs.empty() || !add_hubs.empty() || !remove_hubs.empty(); }
    /// True when the scenario changes the transport inputs (stops, routes, feeds).
    bool changes_transport() const {
        return !add_gtfs.empty() || !remove_gtfs.empty() || !remove_routes.empty() || !remove_stops.empty() || !add_stops.empty() ||
               !remove_stop_ids.empty() || !add_stop_points.empty();
    }
};

/// How a hub's pull falls off with cost in an access index ([[access]].decay).
struct DecaySpec {
    std::string kind = "none";                        ///< "none" | "bands" | "gaussian" | "power"
    std::vector<std::pair<double, double>> bands;     ///< bands: (upper cost, weight), ascending
    double beta = 1.0;                                ///< power
    int line = 0;
};

/// A capacity-aware access index ([[access]]): how much of the hubs' capacity each person can count
/// on, shared with everyone else in reach (2SFCA family).
struct AccessSpec {
    std::string id;                   ///< names the outputs: access_<id>_...
    std::string name;                 ///< display name (default: the id)
    std::string tier;                 ///< the hubs of this tier (and its reach as the default catchment), or:
    std::vector<std::string> hub_kinds;  ///< the facilities of these kinds (then `catchment` is required)
    std::string facilities;           ///< with hub_kinds: the [[facilities]] entry ("" = the only one)
    std::string supply_field;         ///< numeric field of the hubs' facilities layer ("" = each hub supplies 1)
    std::string demand = "pop_total"; ///< "pop_total" | "pop_65plus" | "pop_75plus"
    std::string method = "2sfca";     ///< "2sfca" | "e2sfca" | "gravity"
    std::optional<ReachSpec> catchment;  ///< default: the tier's reach
    DecaySpec decay;                  ///< e2sfca / gravity
    std::optional<double> threshold_per_1000;  ///< units scoring below this supply per 1,000 people are listed
    int line = 0;
};

/// Analysis options with documented defaults.
struct AnalysisSpec {
    double nesting_tolerance = 0.01;  ///< a unit may lie up to this share of its area outside its parent
    /// Segments per quarter circle of the circles of straight-line service areas and transport zones:
    /// 32, each within 0.040 % of the circle's area (geom/circle.hpp); 8 matches QGIS and PostGIS.
    int buffer_segments = geom::k_circle_segments;
    /// A warning (stderr and summary.json) when more than this share of the residents (people) or of a
    /// tier's hubs fall outside every unit of a tier: usually a wrong layer, filter or CRS.
    double max_outside_share = 0.05;
};

/// The largest reach a plan may give: past these a figure is a slip of units, not a plan (and the
/// geometry it implies cannot be drawn), so the plan check refuses it with its line.
inline constexpr double k_max_reach_metres = 300'000;  ///< 300 km, more than any prefecture is across
inline constexpr double k_max_reach_minutes = 24 * 60;  ///< a day

struct Plan {
    std::filesystem::path file;  ///< the plan file (absolute)
    std::string file_shown;      ///< the plan's path as given to load_plan: what messages quote
    StudySpec study;
    ResidentsSpec residents;
    std::vector<FacilitySpec> facilities;
    std::vector<TierSpec> tiers;  ///< outermost first, 1 to 5
    OutputSpec output;
    AnalysisSpec analysis;
    TransportSpec transport;
    std::vector<ScenarioSpec> scenarios;
    NetworkSpec network;
    std::vector<AccessSpec> access;  ///< [[access]]

    /// Line in the plan of every key and table it gives, by dotted path with 0-based indices:
    /// "study.boundary", "residents.age65_field", "facilities[0].kind_field", "tiers[1].reach.metres".
    /// Lets later stages (input checks, analyses) point at the line that named a field or file.
    std::map<std::string, int, std::less<>> key_lines;
    /// key_lines[key], else `fallback`.
    int line_of(std::string_view key, int fallback = 0) const;
};

struct PlanProblem {
    std::string file;
    int line = 0;  ///< 0 when not tied to a line
    std::string message;
    std::string describe() const;  ///< "plan.toml:12: message"
};

/// Every problem of a plan at once. Exit code 2, like every usage error.
class PlanError : public UsageError {
public:
    explicit PlanError(std::vector<PlanProblem> problems);
    const std::vector<PlanProblem>& problems() const noexcept { return m_problems; }

private:
    std::vector<PlanProblem> m_problems;
};

/// Parses and checks a plan: TOML syntax, unknown keys, missing keys, wrong types, unknown tier or
/// facility references, 1-5 tiers, duplicate ids. Throws PlanError with every problem found.
Plan load_plan(const std::filesystem::path& path);

/// The keys the loader accepts in each table of a plan ("tiers.reach": the reach table of a tier;
/// "transport.stops": a stops layer, also in a scenario's add_stops; "layer": every { path = ... }).
/// tests/fixtures/plans/reference.toml documents every one of them (a test checks).
struct PlanTableKeys {
    std::string table;
    std::vector<std::string> keys;
};
const std::vector<PlanTableKeys>& plan_keys();

/// Checks that the plan's inputs are there: files, layers, fields (reads schemas, not features).
/// Returns the problems (empty when all is well).
std::vector<PlanProblem> check_plan_inputs(const Plan& plan);

/// The plan as TOML-like text with every default filled in (for `keniki run -v`).
std::string describe_plan(const Plan& plan);

}  // namespace keniki::project
