// keniki isochrone --roads PATH --from LON,LAT [--from ...] --minutes 5,10,15 --mode walk|drive --out FILE:
// the area reached along the roads from each origin within each threshold, one polygon per origin and
// threshold (the road stretches reached, partial edges cut at the threshold, buffered and unioned).

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>

#include "cli_args.hpp"
#include "command.hpp"
#include "keniki/analysis/network_cost.hpp"
#include "keniki/analysis/transit_cost.hpp"
#include "keniki/analysis/transit_isochrone.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/output_path.hpp"
#include "keniki/core/text.hpp"
#include "keniki/crs/transform.hpp"
#include "keniki/geom/buffer_lines.hpp"
#include "keniki/geom/overlay.hpp"
#include "keniki/io/write_layer.hpp"
#include "keniki/network/isochrone.hpp"
#include "keniki/network/road_network.hpp"
#include "keniki/network/snap.hpp"
#include "keniki/transit/feed.hpp"
#include "keniki/transit/service_day.hpp"
#include "keniki/transit/timetable.hpp"
#include "keniki/crs/working_crs.hpp"

namespace keniki::cli {

namespace {

/// Takes every `--name VALUE` / `--name=VALUE` out of argv (the parser keeps one value per option).
std::vector<std::string> take_repeated(std::vector<std::string>& argv, const std::string& name) {
    std::vector<std::string> values, rest;
    const std::string flag = "--" + name, prefix = flag + "=";
    for (std::size_t i = 0; i < argv.size(); ++i) {
        if (argv[i] == flag) {
            if (i + 1 >= argv.size()) throw UsageError("keniki isochrone: option " + flag + " needs a value");
            values.push_back(argv[++i]);
        } else if (argv[i].rfind(prefix, 0) == 0) {
            values.push_back(argv[i].substr(prefix.size()));
        } else {
            rest.push_back(argv[i]);
        }
    }
    argv.swap(rest);
    return values;
}

double number(std::string_view text, const std::string& what) {
    const auto v = text::parse_number(text);
    if (!v) throw UsageError("keniki isochrone: " + what + ": '" + std::string(text::trim(text)) + "' is not a number");
    return *v;
}

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::size_t b = 0;
    for (;;) {
        const auto e = s.find(',', b);
        out.push_back(s.substr(b, e == std::string::npos ? std::string::npos : e - b));
        if (e == std::string::npos) return out;
        b = e + 1;
    }
}

Point parse_origin(const std::string& text) {
    const auto parts = split_commas(text);
    if (parts.size() != 2) throw UsageError("keniki isochrone: --from takes LON,LAT (e.g. 130.7077,32.8030), not '" + text + "'");
    const double lon = number(parts[0], "--from longitude"), lat = number(parts[1], "--from latitude");
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
        throw UsageError("keniki isochrone: --from " + text + " is not a longitude,latitude pair (longitude first)");
    return Point{lon, lat};
}

/// --out FILE: required, a GeoJSON, GeoPackage or FlatGeobuf file that may be written.
std::string output_file(const Args& args) {
    const auto out = args.value("out");
    if (!out) throw UsageError("keniki isochrone: --out FILE is required (.geojson, .gpkg or .fgb)");
    const std::string ext = lower_extension(*out);
    if (ext != ".geojson" && ext != ".json" && ext != ".gpkg" && ext != ".fgb")
        throw UsageError("keniki isochrone: the output must end in .geojson, .gpkg or .fgb: " + *out);
    check_output_file(*out, args.flag("overwrite"), "keniki isochrone");
    return *out;
}

/// --minutes 5,10,15: sorted, without repeats; each > 0 and, when `most` is finite, at most `most`.
std::vector<double> thresholds(const Args& args, const char* example, double most) {
    const auto text = args.value("minutes");
    if (!text) throw UsageError(std::string("keniki isochrone: --minutes is required (e.g. ") + example + ")");
    std::vector<double> minutes;
    for (const auto& m : split_commas(*text)) {
        const double v = number(m, "--minutes");
        if (!std::isfinite(most) && !(v > 0)) throw UsageError("keniki isochrone: --minutes must be positive, not " + m);
        if (std::isfinite(most) && !(v > 0 && v <= most))
            throw UsageError("keniki isochrone: --minutes must be in (0, " + std::to_string(static_cast<int>(most)) + "], not " + m);
        minutes.push_back(v);
    }
    std::sort(minutes.begin(), minutes.end());
    minutes.erase(std::unique(minutes.begin(), minutes.end()), minutes.end());
    return minutes;
}

/// keniki isochrone --mode transit: walk + the buses and trains of GTFS feeds.
int run_transit_isochrone(const std::vector<std::string>& argv_in) {
    std::vector<std::string> argv = argv_in;
    const std::vector<std::string> from_text = take_repeated(argv, "from");
    const std::vector<std::string> gtfs = take_repeated(argv, "gtfs");
    const Args args(argv, {"roads", "minutes", "mode", "out", "layer", "crs", "walk-speed", "elderly-speed", "side", "max-snap", "depart", "window", "date",
                           "max-transfers", "max-walk", "transfer", "detour", "percentile"},
                    {"elderly", "overwrite", "quiet"}, "isochrone");
    args.expect_positionals(0, "options only: keniki isochrone --mode transit --gtfs FEED --from LON,LAT --depart 09:00 --minutes 30,60 --out FILE");
    if (gtfs.empty()) throw UsageError("keniki isochrone: --mode transit needs at least one --gtfs FEED (a GTFS zip or folder)");
    if (from_text.empty()) throw UsageError("keniki isochrone: at least one --from LON,LAT is required");
    const std::vector<double> minutes = thresholds(args, "30,60", 24 * 60);
    const std::string out = output_file(args);
    std::vector<Point> origins;
    for (const auto& f : from_text) origins.push_back(parse_origin(f));
    const auto depart = transit::parse_clock(args.value_or("depart", "09:00"));
    if (!depart) throw UsageError("keniki isochrone: --depart is HH:MM (e.g. 09:00), not '" + args.value_or("depart", "") + "'");
    const double window = number(args.value_or("window", "0"), "--window");
    if (!(window >= 0 && window <= 24 * 60)) throw UsageError("keniki isochrone: --window is minutes in [0, 1440]");
    const double percentile = number(args.value_or("percentile", "50"), "--percentile");
    if (!(percentile >= 0 && percentile <= 100)) throw UsageError("keniki isochrone: --percentile is in [0, 100]");
    const double max_transfers = number(args.value_or("max-transfers", "1"), "--max-transfers");
    if (!(max_transfers >= 0 && max_transfers <= 5) || max_transfers != std::floor(max_transfers)) throw UsageError("keniki isochrone: --max-transfers is 0 to 5");
    network::TravelOptions travel;
    travel.elderly = args.flag("elderly");
    if (auto v = args.value("walk-speed")) travel.walk_kmh = number(*v, "--walk-speed");
    if (auto v = args.value("elderly-speed")) travel.elderly_walk_kmh = number(*v, "--elderly-speed");
    if (!(travel.walk_kmh > 0) || !(travel.elderly_walk_kmh > 0)) throw UsageError("keniki isochrone: walking speeds must be positive (km/h)");
    const double max_walk_m = number(args.value_or("max-walk", "800"), "--max-walk"), transfer_m = number(args.value_or("transfer", "300"), "--transfer");
    const double detour = number(args.value_or("detour", "1.3"), "--detour");
    if (!(max_walk_m > 0) || !(transfer_m >= 0) || !(detour >= 1 && detour <= 3))
        throw UsageError("keniki isochrone: --max-walk must be > 0 m, --transfer >= 0 m, --detour in [1, 3]");
    const bool quiet = args.flag("quiet");

    std::vector<transit::Feed> feeds;
    for (const auto& g : gtfs) feeds.push_back(transit::load_feed(g));
    const transit::ServiceDay day = transit::choose_service_day(feeds, transit::parse_day_selector(args.value_or("date", "weekday")));
    transit::Timetable tt = transit::build_timetable(feeds, day.date);
    // The working CRS: given, or the plane-rectangular zone / UTM of the origins.
    std::string working = args.value_or("crs", "auto");
    if (working == "auto") {
        crs::StudyArea area;
        area.lon_min = area.lon_max = origins.front().x();
        area.lat_min = area.lat_max = origins.front().y();
        for (const auto& o : origins) {
            area.lon_min = std::min(area.lon_min, o.x());
            area.lon_max = std::max(area.lon_max, o.x());
            area.lat_min = std::min(area.lat_min, o.y());
            area.lat_max = std::max(area.lat_max, o.y());
        }
        working = crs::choose_working_crs(area).definition();
    }
    const crs::Transformer to_working("EPSG:4326", working);
    std::vector<Point> stops;
    for (const auto& s : tt.stops) stops.push_back(to_working.forward(Point{s.lon, s.lat}));
    const double ms = travel.foot_kmh() / 3.6;
    analysis::TransitWalk walk;
    std::optional<network::RoadNetwork> net;
    std::unique_ptr<network::Snapper> snapper;
    analysis::TransitIsochroneOptions io;
    if (auto roads_path = args.value("roads")) {
        network::RoadReadOptions read;
        read.crs = working;
        read.layer = args.value_or("layer", "");
        travel.mode = network::Mode::walk;
        const network::RoadData roads = network::read_roads(*roads_path, read);
        auto graph = std::make_shared<const network::RoadNetwork>(network::build_network(roads, travel));
        analysis::NetworkCostOptions nco;
        if (auto v = args.value("max-snap")) nco.snap.max_snap_m = number(*v, "--max-snap");
        walk.model = std::make_shared<analysis::NetworkCost>(graph, nco);
        walk.seconds_per_unit = 60;
        walk.description = "along the roads of " + *roads_path;
        snapper = std::make_unique<network::Snapper>(*graph);
        io.roads = snapper.get();
        io.road_options.snap = nco.snap;
        if (auto v = args.value("side")) io.road_options.area.side_m = number(*v, "--side");
        net.emplace(*graph);
    } else {
        walk.model = std::shared_ptr<const analysis::CostModel>(analysis::make_straight_line_cost());
        walk.seconds_per_unit = detour / ms;
        walk.description = "straight line x " + args.value_or("detour", "1.3");
    }
    walk.straight_m_per_s = ms / detour;
    analysis::TransitOptions to;
    to.max_walk_s = max_walk_m / ms;
    to.max_transfer_s = transfer_m / ms;
    to.trip.max_transfers = static_cast<int>(max_transfers);
    to.service = day.date.iso();
    const analysis::TransitCost cost(std::move(tt), stops, walk, to);
    io.depart = *depart;
    io.window = static_cast<transit::Seconds>(std::lround(window * 60));
    io.percentile = percentile / 100;
    io.max_transfers = to.trip.max_transfers;
    io.max_walk_s = to.max_walk_s;
    std::vector<Point> placed = origins;
    to_working.forward(std::span<Point>(placed));
    if (!quiet) {
        std::cerr << "keniki isochrone: " << feeds.size() << " feeds on " << day.date.iso() << " (" << day.reason << "): " << cost.timetable().trips
                  << " trips, " << cost.timetable().stops.size() << " stops; leaving " << args.value_or("depart", "09:00")
                  << (window > 0 ? " to +" + args.value_or("window", "0") + " min, the " + args.value_or("percentile", "50") + "th percentile of each minute" : std::string())
                  << "; walking " << walk.description << " at " << travel.foot_kmh() << " km/h, at most " << max_walk_m << " m to and from stops\n";
        for (const auto& f : feeds)
            if (!transit::trips_running(f, day.date)) std::cerr << "keniki isochrone: warning: feed " << f.id << " runs no trip on " << day.date.iso() << "\n";
    }
    const auto result = analysis::transit_isochrones(cost, placed, minutes, io);

    Layer layer;
    layer.name = "isochrones";
    layer.crs = "EPSG:4326";
    layer.fields = {{"origin", FieldType::integer}, {"origin_lon", FieldType::real}, {"origin_lat", FieldType::real}, {"minutes", FieldType::real},
                    {"mode", FieldType::text},      {"date", FieldType::text},       {"depart", FieldType::text},     {"window_min", FieldType::real},
                    {"percentile", FieldType::real}, {"walk_kmh", FieldType::real},  {"stops_reached", FieldType::integer}, {"area_km2", FieldType::real}};
    const crs::Transformer to_lonlat(working, "EPSG:4326");
    for (const auto& r : result) {
        Feature f;
        f.id = static_cast<std::int64_t>(layer.features.size() + 1);
        f.geometry = r.area;
        crs::transform(f.geometry, to_lonlat);
        const Point& o = origins[r.origin];
        f.values = {Value{static_cast<std::int64_t>(r.origin + 1)}, Value{o.x()}, Value{o.y()}, Value{r.minutes}, Value{std::string("transit")},
                    Value{day.date.iso()}, Value{transit::format_gtfs_time(*depart).substr(0, 5)}, Value{window}, Value{percentile}, Value{travel.foot_kmh()},
                    Value{static_cast<std::int64_t>(r.stops_reached)}, Value{std::round(geom::area(r.area)) / 1e6}};
        layer.features.push_back(std::move(f));
    }
    io::WriteOptions write;
    write.overwrite = args.flag("overwrite");
    io::write_layer(out, layer, write);
    if (!quiet) std::cerr << "keniki isochrone: wrote " << layer.features.size() << " polygons to " << out << "\n";
    return 0;
}

int run_isochrone(const std::vector<std::string>& argv_in) {
    for (std::size_t i = 0; i < argv_in.size(); ++i)
        if (argv_in[i] == "--mode=transit" || (argv_in[i] == "--mode" && i + 1 < argv_in.size() && argv_in[i + 1] == "transit")) return run_transit_isochrone(argv_in);
    // Parsing and validation first: no file is touched until every argument is known to be usable.
    std::vector<std::string> argv = argv_in;
    const std::vector<std::string> from_text = take_repeated(argv, "from");
    const Args args(argv,
                    {"roads", "minutes", "mode", "out", "layer", "crs", "walk-speed", "elderly-speed", "side", "max-snap", "direction",
                     "quadrant-segments", "buffer", "cell", "drive-speeds", "drive-default", "maxspeed-factor", "access-leg", "walk-tags"},
                    {"elderly", "rings", "overwrite", "all-components", "quiet", "ignore-maxspeed"}, "isochrone");
    args.expect_positionals(0, "options only: keniki isochrone --roads PATH --from LON,LAT --minutes 5,10,15 --mode walk --out FILE");
    const auto roads_path = args.value("roads");
    if (!roads_path) throw UsageError("keniki isochrone: --roads PATH is required (an .osm.pbf / .osm file or a line layer)");
    if (from_text.empty()) throw UsageError("keniki isochrone: at least one --from LON,LAT is required");
    const std::vector<double> minutes = thresholds(args, "5,10,15", std::numeric_limits<double>::infinity());
    const std::string out = output_file(args);

    std::vector<Point> origins;
    for (const auto& f : from_text) origins.push_back(parse_origin(f));

    network::TravelOptions travel;
    travel.mode = network::parse_mode(args.value_or("mode", "walk"));
    travel.elderly = args.flag("elderly");
    if (auto v = args.value("walk-speed")) travel.walk_kmh = number(*v, "--walk-speed");
    if (auto v = args.value("elderly-speed")) travel.elderly_walk_kmh = number(*v, "--elderly-speed");
    if (!(travel.walk_kmh > 0) || !(travel.elderly_walk_kmh > 0)) throw UsageError("keniki isochrone: walking speeds must be positive (km/h)");
    network::SpeedTable given_speeds;  // as given, to warn about classes no road has
    if (auto v = args.value("drive-speeds")) {
        for (const auto& item : split_commas(*v)) {
            const auto eq = item.find('=');
            const std::string klass(text::trim(std::string_view(item).substr(0, eq)));
            if (eq == std::string::npos || klass.empty())
                throw UsageError("keniki isochrone: --drive-speeds takes CLASS=KMH,... (e.g. residential=25,primary=40), not '" + item + "'");
            const double kmh = number(item.substr(eq + 1), "--drive-speeds " + klass);
            if (!(kmh > 0)) throw UsageError("keniki isochrone: --drive-speeds " + item + ": a speed must be > 0 km/h");
            travel.drive_kmh[klass] = kmh;
            given_speeds[klass] = kmh;
        }
    }
    if (auto v = args.value("drive-default")) travel.drive_default_kmh = number(*v, "--drive-default");
    if (auto v = args.value("maxspeed-factor")) travel.maxspeed_factor = number(*v, "--maxspeed-factor");
    travel.use_maxspeed = !args.flag("ignore-maxspeed");
    const bool drive_options = args.value("drive-speeds") || args.value("drive-default") || args.value("maxspeed-factor") || args.flag("ignore-maxspeed");
    if (drive_options && travel.mode != network::Mode::drive)
        throw UsageError("keniki isochrone: --drive-speeds, --drive-default, --maxspeed-factor and --ignore-maxspeed are for --mode drive");
    if (!(travel.drive_default_kmh > 0) || !(travel.maxspeed_factor > 0 && travel.maxspeed_factor <= 2))
        throw UsageError("keniki isochrone: --drive-default must be > 0 km/h and --maxspeed-factor in (0, 2]");
    network::IsochroneOptions iso;
    if (auto v = args.value("side")) iso.area.side_m = number(*v, "--side");
    if (auto v = args.value("max-snap")) iso.snap.max_snap_m = number(*v, "--max-snap");
    if (auto v = args.value("quadrant-segments")) iso.area.shape.quadrant_segments = static_cast<int>(number(*v, "--quadrant-segments"));
    if (!(iso.area.side_m > 0) || !(iso.snap.max_snap_m >= 0) || iso.area.shape.quadrant_segments < 1)
        throw UsageError("keniki isochrone: --side must be > 0 m, --max-snap >= 0 m, --quadrant-segments >= 1");
    const std::string buffer = args.value_or("buffer", "outline");
    if (buffer == "outline") iso.area.shape.method = geom::LineBuffer::outline;
    else if (buffer == "exact") iso.area.shape.method = geom::LineBuffer::exact;
    else throw UsageError("keniki isochrone: --buffer is 'outline' (traced on a grid, the default) or 'exact' (GEOS union), not '" + buffer + "'");
    if (auto v = args.value("cell")) {
        if (iso.area.shape.method != geom::LineBuffer::outline) throw UsageError("keniki isochrone: --cell sets the grid of --buffer outline; it has no meaning with --buffer exact");
        iso.area.shape.cell_m = number(*v, "--cell");
        if (!(iso.area.shape.cell_m > 0) || iso.area.shape.cell_m > iso.area.side_m)
            throw UsageError("keniki isochrone: --cell must be > 0 m and at most --side (" + args.value_or("side", "50") + " m), not " + *v);
    }
    iso.rings = args.flag("rings");
    const std::string access_leg = args.value_or("access-leg", "count");
    if (access_leg == "count") iso.count_access = true;
    else if (access_leg == "free") iso.count_access = false;
    else throw UsageError("keniki isochrone: --access-leg is 'count' (the walk to the road takes from the minutes, the default) or 'free' "
                          "(the minutes start at the snapped road point, as in pgRouting and QGIS), not '" + access_leg + "'");
    const std::string direction = args.value_or("direction", "from");
    if (direction == "from") iso.direction = network::Direction::outbound;
    else if (direction == "to") iso.direction = network::Direction::inbound;
    else throw UsageError("keniki isochrone: --direction is 'from' (travel from the origins) or 'to' (travel to them)");
    network::RoadReadOptions read;
    read.crs = args.value_or("crs", "auto");
    read.layer = args.value_or("layer", "");
    const auto walk_tags = args.value("walk-tags");
    if (walk_tags) {
        if (travel.mode != network::Mode::walk)
            throw UsageError("keniki isochrone: --walk-tags is for --mode walk (a drive's access legs are straight lines, not roads)");
        try {
            network::apply_walk_tags(read.walk, *walk_tags);
        } catch (const UsageError& e) {
            throw UsageError("keniki isochrone: --walk-tags: " + e.message());
        }
    }
    network::BuildOptions build;
    build.keep_largest_component = !args.flag("all-components");
    const bool quiet = args.flag("quiet");

    // The work.
    const network::RoadData roads = network::read_roads(*roads_path, read);
    const network::RoadNetwork net = network::build_network(roads, travel, build);
    for (const auto& klass : network::unused_speed_classes(roads, given_speeds))
        std::cerr << "keniki isochrone: warning: --drive-speeds " << klass << ": no road open to cars in " << *roads_path
                  << " has this class; its speed is not used\n";
    if (!quiet) {
        const auto& r = net.report;
        std::cerr << "keniki isochrone: " << travel.describe() << " network of " << r.nodes << " nodes and " << r.edges << " edges ("
                  << std::lround(r.length_m / 100) / 10.0 << " km) in " << net.crs << "; " << r.components.dropped
                  << " disconnected pieces dropped (" << r.components.dropped_nodes << " nodes, "
                  << std::lround(r.components.dropped_length_m / 100) / 10.0 << " km)\n";
        if (travel.mode == network::Mode::drive) std::cerr << "keniki isochrone: drive speeds: " << travel.describe_speeds() << "\n";
        else
            std::cerr << "keniki isochrone: note: walk rules (" << (walk_tags ? "--walk-tags " + *walk_tags : std::string("default")) << "): "
                      << roads.walk.describe() << "\n";
        if (!iso.count_access) std::cerr << "keniki isochrone: note: --access-leg free: the minutes start at the snapped road point\n";
        for (const auto& note : roads.notes) std::cerr << "keniki isochrone: note: " << note << "\n";
    }
    std::vector<Point> placed = origins;
    const crs::Transformer to_working("EPSG:4326", net.crs);
    to_working.forward(std::span<Point>(placed));
    const network::Snapper snapper(net);
    const std::vector<network::Isochrone> result = network::isochrones(snapper, placed, minutes, iso);

    Layer layer;
    layer.name = "isochrones";
    layer.crs = "EPSG:4326";
    layer.fields = {{"origin", FieldType::integer},   {"origin_lon", FieldType::real}, {"origin_lat", FieldType::real},
                    {"minutes", FieldType::real},     {"from_minutes", FieldType::real}, {"mode", FieldType::text},
                    {"walk_kmh", FieldType::real},    {"area_km2", FieldType::real},     {"road_km", FieldType::real},
                    {"access_m", FieldType::real},    {"snapped", FieldType::integer}, {"reached_nodes", FieldType::integer},
                    {"access_counted", FieldType::integer}};
    const crs::Transformer to_lonlat(net.crs, "EPSG:4326");
    const std::string mode_text(network::to_string(travel.mode));
    for (const auto& r : result) {
        Feature f;
        f.id = static_cast<std::int64_t>(layer.features.size() + 1);
        if (!r.area.empty()) {
            f.geometry = r.area;
            crs::transform(f.geometry, to_lonlat);
        }
        const Point& o = origins[r.origin];
        f.values = {Value{static_cast<std::int64_t>(r.origin + 1)},
                    Value{o.x()},
                    Value{o.y()},
                    Value{r.minutes},
                    Value{r.from_minutes},
                    Value{mode_text},
                    Value{travel.foot_kmh()},
                    r.snapped ? Value{std::round(geom::area(r.area)) / 1e6} : Value{},  // to the m^2
                    r.snapped ? Value{std::round(r.road_m) / 1e3} : Value{},
                    r.snapped ? Value{std::round(r.access_m * 10) / 10} : Value{},
                    Value{std::int64_t{r.snapped ? 1 : 0}},
                    r.snapped ? Value{static_cast<std::int64_t>(r.nodes)} : Value{},
                    Value{std::int64_t{iso.count_access ? 1 : 0}}};
        layer.features.push_back(std::move(f));
    }
    io::WriteOptions write;
    write.overwrite = args.flag("overwrite");
    io::write_layer(out, layer, write);

    std::size_t unplaced = 0;
    for (std::size_t i = 0; i < result.size(); i += minutes.size()) {
        if (result[i].snapped) continue;
        ++unplaced;
        std::cerr << "keniki isochrone: warning: origin " << result[i].origin + 1 << " (" << from_text[result[i].origin]
                  << ") is more than " << iso.snap.max_snap_m << " m from every road: written without polygons (snapped = 0)\n";
    }
    if (!quiet)
        std::cerr << "keniki isochrone: wrote " << layer.features.size() << " polygons (" << origins.size() << " origins x " << minutes.size()
                  << " thresholds" << (unplaced ? ", " + std::to_string(unplaced) + " origins not placed" : std::string()) << ") to " << out
                  << "\n";
    return 0;
}

}  // namespace

Command make_isochrone_command() {
    return Command{
        "isochrone",
        "areas reached along the roads within given minutes, walking or driving, from given places",
        "usage: keniki isochrone --roads PATH --from LON,LAT [--from LON,LAT ...] --minutes 5,10,15\n"
        "                        [--mode walk|drive] --out FILE.geojson [options]\n"
        "       keniki isochrone --mode transit --gtfs FEED [--gtfs FEED2 ...] [--roads PATH] --from LON,LAT\n"
        "                        --depart 09:00 [--window 60] --minutes 30,60 --out FILE.geojson\n\n"
        "--mode transit walks and rides the buses and trains of the GTFS feeds (RAPTOR over the day's trips):\n"
        "one polygon per origin and threshold, the walk from the origin and on from every stop reached with the\n"
        "minutes left (circles of straight line x --detour, or along --roads). With --window W the departures\n"
        "from --depart every minute for W minutes are searched (range RAPTOR) and each stop counts at the\n"
        "--percentile of its minutes (default 50, the median). Options: --date weekday|saturday|sunday_holiday|\n"
        "YYYYMMDD (default weekday: the feeds' typical weekday), --max-transfers N (default 1), --max-walk M (to\n"
        "and from stops, walked metres, default 800), --transfer M (between stops, default 300), --detour F\n"
        "(default 1.3), --elderly. Properties: origin, origin_lon, origin_lat, minutes, mode, date, depart,\n"
        "window_min, percentile, walk_kmh, stops_reached, area_km2.\n\n"
        "Builds the road network of the travel mode from PATH (OpenStreetMap .osm.pbf / .osm, or any line layer\n"
        "with optional speed, highway/class, oneway, u/v and length fields), places each origin on the nearest\n"
        "point of the nearest road (the access leg is walked) and writes one polygon per origin and threshold:\n"
        "the road stretches reached (partial edges cut where the time runs out), buffered by --side metres and\n"
        "unioned. Properties: origin (1-based, in --from order), origin_lon, origin_lat, minutes, from_minutes\n"
        "(rings), mode (walk/drive), walk_kmh (walking and access legs), area_km2, road_km (km of road reached\n"
        "to the metre: whole edges plus the reached parts of partial ones, the access leg not included),\n"
        "access_m (origin to road), snapped (0: no road within --max-snap: no polygon, nulls), reached_nodes\n"
        "(road-graph nodes within the minutes), access_counted (1: the access leg took from the minutes).\n\n"
        "  --mode walk|drive      walk: every way people may walk (4.8 km/h); drive: car roads, one-way streets\n"
        "                         respected, speed from maxspeed x 0.8 or a table by road class (default walk)\n"
        "  --drive-speeds LIST    car speeds by road class, km/h, over the built-in table: CLASS=KMH,...\n"
        "                         (OSM highway classes or the class field's values, e.g. residential=25,primary=40)\n"
        "  --drive-default KMH    car speed on classes in no table (default 20)\n"
        "  --maxspeed-factor F    a tagged maxspeed counts as maxspeed x F (default 0.8)\n"
        "  --ignore-maxspeed      class speeds only (a line layer's speed field still wins)\n"
        "  --elderly              walk (and walk the access legs) at the elderly speed\n"
        "  --walk-speed KMH       walking speed (default 4.8 = 80 m per minute)\n"
        "  --elderly-speed KMH    elderly walking speed (default 3.0)\n"
        "  --side M               buffer on each side of the reached roads (default 50)\n"
        "  --max-snap M           origins farther than this from every road are not placed (default 500)\n"
        "  --walk-tags RULES      change the walk filter: KEY=LIST clauses separated by ';', KEY highway (the\n"
        "                         walkable classes), foot_yes (foot values that open a way whatever access\n"
        "                         says) or foot_no (foot or access values that close it); LIST is +v,-v\n"
        "                         changes or a whole new list: highway=+platform,-steps;foot_no=+use_sidepath\n"
        "                         (--mode walk; the rules in force are printed; see the README)\n"
        "  --access-leg count|free count (default): the walk from the origin to the road takes from the minutes;\n"
        "                         free: the minutes start at the snapped road point (pgRouting, QGIS)\n"
        "  --rings                each threshold minus the one below (5, 10-5, 15-10 min)\n"
        "  --direction from|to    travel from the origins (default) or to them (one-way streets differ)\n"
        "  --all-components       keep every disconnected piece of the network (default: the largest only)\n"
        "  --crs auto|EPSG:n      working CRS (default auto: the plane-rectangular zone in Japan, else UTM)\n"
        "  --layer NAME           the layer of a multi-layer line dataset\n"
        "  --buffer outline|exact outline (default): the boundary traced on a grid of --cell metres, each area\n"
        "                         within a cell of the exact one (about 0.1 % in area) and 15-20 times faster;\n"
        "                         exact: GEOS buffers of every stretch, unioned\n"
        "  --cell M               outline grid spacing (default --side / 5 = 10 m); finer is closer and slower\n"
        "  --quadrant-segments N  buffer roundness: points per quarter circle on caps and joins (default 8)\n"
        "  --overwrite            replace an existing output file\n"
        "  --quiet                no progress messages on stderr (warnings still)\n"
        "Output: GeoJSON (RFC 7946, lon/lat), GeoPackage or FlatGeobuf in EPSG:4326.\n"
        "Exit codes: 0 ok, 1 the roads cannot be used, 2 usage error (missing file, bad option).\n",
        run_isochrone};
}

}  // namespace keniki::cli
