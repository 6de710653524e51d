// The rows of the bad-input catalogue (see catalogue.hpp). Rows are grouped by what they break:
// GTFS feeds, CSV files, geometry, shapefiles, OpenStreetMap, plans, outputs, names and paths, and
// the points of issue 16. Counts in the checks are counted by hand from the square town
// (tests/fixtures/run: 43 people in 5 points, 36 of them inside the two welfare units).

#include "badinput/catalogue.hpp"

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "badinput/inputs.hpp"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace keniki::badinput {

namespace {

using json = nlohmann::json;
using test::CommandResult;
using test::read_file;

// --- building blocks -----------------------------------------------------------------------------

/// The square town in c.dir, run into c.dir/out.
void town(Case& c) {
    copy_town(c.dir);
    c.out = c.dir / "out";
    c.args = run_args(c.dir, *c.out);
}

/// The town with a GTFS feed: the good feed changed by `edit`, written as feed.zip.
std::function<void(Case&)> feed(std::function<void(Files&)> edit) {
    return [edit](Case& c) {
        town(c);
        add_transport(c.dir);
        Files files = good_feed();
        edit(files);
        write_file(c.dir / "feed.zip", make_zip(entries(files)).bytes);
    };
}

/// The feed's file `name` replaced by `text`.
std::function<void(Case&)> feed_file(const std::string& name, const std::string& text) {
    return feed([name, text](Files& f) { set_file(f, name, text); });
}

const std::string k_stops_header = "stop_id,stop_name,stop_lat,stop_lon\nM1,上町,33.0045,131.0053\n";
const std::string k_stop_times_header = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nMT,07:00:00,07:00:00,M1,1\n";

/// A CSV of points in c.dir/points.csv, read by `keniki info`.
std::function<void(Case&)> csv_info(const std::string& text, const std::string& extra = "") {
    return [text, extra](Case& c) {
        write_file(c.dir / "points.csv", text);
        c.args = "info " + q(c.dir / "points.csv") + extra;
    };
}

/// The town with areas.geojson replaced by `features`.
std::function<void(Case&)> units(const std::string& features) {
    return [features](Case& c) {
        town(c);
        write_file(c.dir / "areas.geojson", collection(features));
    };
}

/// The town with plan text `from` replaced by `to`.
std::function<void(Case&)> plan_edit(const std::string& from, const std::string& to) {
    return [from, to](Case& c) {
        town(c);
        replace_once(c.dir / "plan.toml", from, to);
    };
}

/// `keniki convert IN OUT.geojson` of a GeoJSON made from `text`.
std::function<void(Case&)> convert(const std::string& name, const std::string& text) {
    return [name, text](Case& c) {
        write_file(c.dir / name, text);
        c.out = c.dir / "converted.geojson";
        c.args = "convert " + q(c.dir / name) + " " + q(*c.out) + " --quiet";
    };
}

/// `keniki isochrone` on the roads file c.dir/NAME holding `bytes`.
std::function<void(Case&)> isochrone(const std::string& name, const std::string& bytes) {
    return [name, bytes](Case& c) {
        write_file(c.dir / name, bytes);
        c.out = c.dir / "iso.geojson";
        c.args = "isochrone --roads " + q(c.dir / name) + " --from 130.701,32.8005 --minutes 2 --mode walk --out " + q(*c.out) + " --quiet";
    };
}

std::string osm(const std::string& body) { return "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"keniki-badinput\">\n" + body + "</osm>\n"; }
std::string node(int id, double lat, double lon) {
    return "  <node id=\"" + std::to_string(id) + "\" lat=\"" + std::to_string(lat) + "\" lon=\"" + std::to_string(lon) + "\" version=\"1\"/>\n";
}
std::string way(int id, const std::vector<int>& nodes, const std::string& tags) {
    std::string out = "  <way id=\"" + std::to_string(id) + "\" version=\"1\">";
    for (int n : nodes) out += "<nd ref=\"" + std::to_string(n) + "\"/>";
    return out + tags + "</way>\n";
}
const std::string k_residential = "<tag k=\"highway\" v=\"residential\"/>";

/// The town with its welfare units as areas.shp (ogr2ogr), then `damage` applied to the files.
std::function<void(Case&)> shapefile_units(std::function<void(const fs::path& dir)> damage) {
    return [damage](Case& c) {
        town(c);
        if (!have_ogr2ogr()) {
            c.skip = "ogr2ogr (gdal-bin) is not installed: the row makes its shapefile with it";
            return;
        }
        std::string why;
        if (!make_shapefile(c.dir / "areas.geojson", c.dir / "areas.shp", why)) {
            c.skip = why;
            return;
        }
        replace_once(c.dir / "plan.toml", "path = \"areas.geojson\"", "path = \"areas.shp\"");
        damage(c.dir);
    };
}

json summary(const Case& c) { return json::parse(read_file(*c.out / "summary.json")); }

bool has_warning(const json& s, const std::string& part) {
    for (const auto& w : s["warnings"])
        if (w.get<std::string>().find(part) != std::string::npos) return true;
    return false;
}

const json* input_with_role(const json& s, const std::string& role) {
    for (const auto& in : s["inputs"])
        if (in["role"] == role) return &in;
    return nullptr;
}

/// A success of `keniki run`: the summary is there and the study still counts all 43 people.
void town_ran(const Case& c, const CommandResult&) {
    ASSERT_TRUE(fs::exists(*c.out / "summary.json"));
    const json s = summary(c);
    EXPECT_DOUBLE_EQ(s["tiers"][0]["units"][0]["people"]["pop_total"].get<double>() + s["tiers"][0]["outside_all_units"]["pop_total"].get<double>(), 43);
}

// --- the rows ------------------------------------------------------------------------------------

std::vector<Row> make_rows() {
    std::vector<Row> rows;

    // ---- GTFS feeds (keniki run with [transport] gtfs = ["feed.zip"]) ----
    rows.push_back({.id = "gtfs_control_feed_runs",
                    .input = "the catalogue's good two-stop feed (control: the broken rows below differ from it in one thing)",
                    .build = feed([](Files&) {}),
                    .exit_code = 0,
                    .fragments = {},
                    .check = [](const Case& c, const CommandResult& r) {
                        town_ran(c, r);
                        EXPECT_NE(input_with_role(summary(c), "gtfs:feed"), nullptr) << read_file(*c.out / "summary.json");
                    }});
    rows.push_back({.id = "gtfs_zip_truncated",
                    .input = "feed.zip cut to 60 % of its bytes (no central directory)",
                    .build =
                        [](Case& c) {
                            feed([](Files&) {})(c);
                            const std::string bytes = make_zip(entries(good_feed())).bytes;
                            write_file(c.dir / "feed.zip", bytes.substr(0, bytes.size() * 6 / 10));
                        },
                    .exit_code = 1,
                    .fragments = {"{dir}/feed.zip", "truncated or damaged"}});
    rows.push_back({.id = "gtfs_zip_empty_file",
                    .input = "feed.zip of 0 bytes",
                    .build = [](Case& c) {
                        feed([](Files&) {})(c);
                        write_file(c.dir / "feed.zip", "");
                    },
                    .exit_code = 1,
                    .fragments = {"{dir}/feed.zip", "is empty"}});
    rows.push_back({.id = "gtfs_zip_not_a_zip",
                    .input = "feed.zip holding text, not a zip",
                    .build = [](Case& c) {
                        feed([](Files&) {})(c);
                        write_file(c.dir / "feed.zip", "stop_id,stop_name\nthis is not a zip\n");
                    },
                    .exit_code = 1,
                    .fragments = {"{dir}/feed.zip", "not a zip archive"}});
    rows.push_back({.id = "gtfs_zip_corrupt_member",
                    .input = "feed.zip whose stop_times.txt member has a damaged local header",
                    .build =
                        [](Case& c) {
                            feed([](Files&) {})(c);
                            Zip zip = make_zip(entries(good_feed()));
                            zip.bytes[zip.local_header_at.at("stop_times.txt")] = 'X';
                            write_file(c.dir / "feed.zip", zip.bytes);
                        },
                    .exit_code = 1,
                    .fragments = {"feed.zip/stop_times.txt", "cannot be read", "damaged"},
                    .never = {"cpl_unz", "/vsizip/"}});
    rows.push_back({.id = "gtfs_zip_member_bad_compression",
                    .input = "feed.zip whose stop_times.txt claims deflate but holds plain text",
                    .build =
                        [](Case& c) {
                            feed([](Files&) {})(c);
                            std::vector<ZipEntry> e = entries(good_feed());
                            for (auto& entry : e)
                                if (entry.name == "stop_times.txt") entry.method = 8;
                            write_file(c.dir / "feed.zip", make_zip(e).bytes);
                        },
                    .exit_code = 1,
                    .fragments = {"feed.zip/stop_times.txt", "cannot be read"},
                    .never = {"cpl_", "/vsizip/"}});
    rows.push_back({.id = "gtfs_missing_stops_txt",
                    .input = "feed without stops.txt",
                    .build = feed([](Files& f) { drop_file(f, "stops.txt"); }),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "required file stops.txt is missing from the feed"}});
    rows.push_back({.id = "gtfs_empty_stops_txt",
                    .input = "stops.txt of 0 bytes",
                    .build = feed_file("stops.txt", ""),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "required file stops.txt is empty"}});
    rows.push_back({.id = "gtfs_stops_header_only",
                    .input = "stops.txt with its header and no stop",
                    .build = feed_file("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "has a header and no stops"}});
    rows.push_back({.id = "gtfs_time_25_61_00",
                    .input = "stop_times.txt line 3: arrival and departure 25:61:00",
                    .build = feed_file("stop_times.txt", k_stop_times_header + "MT,25:61:00,25:61:00,M2,2\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stop_times.txt", "line 3", "field 'arrival_time'", "'25:61:00'", "minutes and seconds below 60"}});
    rows.push_back({.id = "gtfs_stop_lat_out_of_range",
                    .input = "stops.txt line 3: stop_lat 95",
                    .build = feed_file("stops.txt", k_stops_header + "M2,下町,95,131.0160\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "line 3", "field 'stop_lat'", "'95'", "not a latitude"}});
    rows.push_back({.id = "gtfs_stop_lon_text",
                    .input = "stops.txt line 3: stop_lon 'east'",
                    .build = feed_file("stops.txt", k_stops_header + "M2,下町,33.0045,east\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "line 3", "field 'stop_lon'", "'east'"}});
    rows.push_back({.id = "gtfs_stop_lat_nan",
                    .input = "stops.txt line 3: stop_lat NaN",
                    .build = feed_file("stops.txt", k_stops_header + "M2,下町,NaN,131.0160\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "line 3", "field 'stop_lat'", "'NaN'"}});
    rows.push_back({.id = "gtfs_stop_lon_inf",
                    .input = "stops.txt line 3: stop_lon inf",
                    .build = feed_file("stops.txt", k_stops_header + "M2,下町,33.0045,inf\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "line 3", "field 'stop_lon'", "'inf'"}});
    rows.push_back({.id = "gtfs_stop_lat_1e308",
                    .input = "stops.txt line 3: stop_lat 1e308",
                    .build = feed_file("stops.txt", k_stops_header + "M2,下町,1e308,131.0160\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "line 3", "field 'stop_lat'", "'1e308'"}});
    rows.push_back({.id = "gtfs_cp932_in_utf8_file",
                    .input = "stops.txt with CP932 stop names (GTFS is UTF-8 by specification)",
                    .build = feed_file("stops.txt",
                                       "stop_id,stop_name,stop_lat,stop_lon\nM1,\x8f\xe3\x92\xac,33.0045,131.0053\nM2,\x89\xba\x92\xac,33.0045,131.0160\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "line 2", "not valid UTF-8", "CP932"}});
    rows.push_back({.id = "gtfs_short_row_stops",
                    .input = "stops.txt line 3 has 3 fields under a 4-column header",
                    .build = feed_file("stops.txt", k_stops_header + "M2,下町,33.0045\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "line 3", "3 fields", "the header (line 1) has 4"},
                    .never = {"not a longitude"}});
    rows.push_back({.id = "gtfs_short_row_stop_times",
                    .input = "stop_times.txt line 3 has 4 fields under a 5-column header",
                    .build = feed_file("stop_times.txt", k_stop_times_header + "MT,07:10:00,07:10:00,M2\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stop_times.txt", "line 3", "4 fields", "the header (line 1) has 5"},
                    .never = {"stop_sequence is not"}});
    rows.push_back({.id = "gtfs_unclosed_quote",
                    .input = "stops.txt line 3 opens a quote that never closes",
                    .build = feed_file("stops.txt", k_stops_header + "M2,\"下町,33.0045,131.0160\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "line 3", "quoted field is not closed"}});
    rows.push_back({.id = "gtfs_unknown_stop_in_stop_times",
                    .input = "stop_times.txt line 3 names stop M9, not in stops.txt",
                    .build = feed_file("stop_times.txt", k_stop_times_header + "MT,07:10:00,07:10:00,M9,2\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stop_times.txt", "line 3", "field 'stop_id'", "'M9' is not in stops.txt"}});
    rows.push_back({.id = "gtfs_duplicate_stop_id",
                    .input = "stops.txt lists M1 twice",
                    .build = feed_file("stops.txt", k_stops_header + "M2,下町,33.0045,131.0160\nM1,again,33.0045,131.0053\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "line 4", "stop_id 'M1' appears twice (first on line 2)"}});
    rows.push_back({.id = "gtfs_no_calendar",
                    .input = "feed with neither calendar.txt nor calendar_dates.txt",
                    .build = feed([](Files& f) { drop_file(f, "calendar.txt"); }),
                    .exit_code = 1,
                    .fragments = {"feed.zip/calendar.txt", "neither calendar.txt nor calendar_dates.txt"}});
    rows.push_back({.id = "gtfs_missing_column",
                    .input = "stops.txt without a stop_lat column",
                    .build = feed_file("stops.txt", "stop_id,stop_name,stop_lon\nM1,上町,131.0053\n"),
                    .exit_code = 1,
                    .fragments = {"feed.zip/stops.txt", "line 1", "missing required column 'stop_lat'"}});
    rows.push_back({.id = "gtfs_feed_file_missing",
                    .input = "the plan names a feed that does not exist",
                    .build = [](Case& c) {
                        town(c);
                        add_transport(c.dir, "nope.zip");
                    },
                    .exit_code = 2,
                    .fragments = {"{dir}/nope.zip", "no such file"}});
    rows.push_back({.id = "gtfs_info_stop_lat_out_of_range",
                    .input = "keniki info on a feed whose stops.txt line 3 has stop_lat 95",
                    .build =
                        [](Case& c) {
                            Files f = good_feed();
                            set_file(f, "stops.txt", k_stops_header + "M2,下町,95,131.0160\n");
                            write_file(c.dir / "feed.zip", make_zip(entries(f)).bytes);
                            c.args = "info " + q(c.dir / "feed.zip");
                        },
                    .exit_code = 1,
                    .fragments = {"{dir}/feed.zip (stops.txt)", "line 3", "field 'stop_lat'", "out of range"}});

    // ---- CSV files (keniki info points.csv, or the residents of a run) ----
    rows.push_back({.id = "csv_empty_file",
                    .input = "points.csv of 0 bytes",
                    .build = csv_info(""),
                    .exit_code = 1,
                    .fragments = {"{dir}/points.csv", "empty"}});
    rows.push_back({.id = "csv_short_row",
                    .input = "points.csv line 3 has 2 fields under a 3-column header",
                    .build = csv_info("name,lon,lat\na,130.5,33.5\nb,130.6\nc,130.7,33.7\n"),
                    .exit_code = 1,
                    .fragments = {"{dir}/points.csv", "line 3", "2 fields", "the header (line 1) has 3"},
                    .never = {"not a number"}});
    rows.push_back({.id = "csv_long_row",
                    .input = "points.csv line 3 has 4 fields under a 3-column header",
                    .build = csv_info("name,lon,lat\na,130.5,33.5\nb,130.6,33.6,extra\n"),
                    .exit_code = 1,
                    .fragments = {"{dir}/points.csv", "line 3", "4 fields", "the header (line 1) has 3"}});
    rows.push_back({.id = "csv_unclosed_quote",
                    .input = "points.csv line 3 opens a quote that never closes",
                    .build = csv_info("name,lon,lat\na,130.5,33.5\n\"b,130.6,33.6\nc,130.7,33.7\n"),
                    .exit_code = 1,
                    .fragments = {"{dir}/points.csv", "line 3", "quoted field is not closed"}});
    rows.push_back({.id = "csv_text_in_coordinate",
                    .input = "points.csv line 3: lat '33.6北'",
                    .build = csv_info("name,lon,lat\na,130.5,33.5\nb,130.6,33.6北\n"),
                    .exit_code = 1,
                    .fragments = {"{dir}/points.csv", "line 3", "feature 2", "field 'lat'", "'33.6北'", "not a number"}});
    rows.push_back({.id = "csv_nan_coordinate",
                    .input = "points.csv line 2: lon nan",
                    .build = csv_info("name,lon,lat\na,nan,33.5\n"),
                    .exit_code = 1,
                    .fragments = {"{dir}/points.csv", "line 2", "feature 1", "field 'lon'", "'nan'"}});
    rows.push_back({.id = "csv_inf_coordinate",
                    .input = "points.csv line 2: lat -inf",
                    .build = csv_info("name,lon,lat\na,130.5,-inf\n"),
                    .exit_code = 1,
                    .fragments = {"{dir}/points.csv", "line 2", "field 'lat'", "'-inf'"}});
    rows.push_back({.id = "csv_1e308_coordinate",
                    .input = "points.csv line 2: lon 1e308",
                    .build = csv_info("name,lon,lat\na,1e308,33.5\n"),
                    .exit_code = 1,
                    .fragments = {"{dir}/points.csv", "line 2", "field 'lon'", "out of range"}});
    rows.push_back({.id = "csv_lat_out_of_range",
                    .input = "points.csv line 3: lat 135 (columns swapped)",
                    .build = csv_info("name,lon,lat\na,130.5,33.5\nb,33.6,135\n"),
                    .exit_code = 1,
                    .fragments = {"{dir}/points.csv", "line 3", "feature 2", "field 'lat'", "135", "out of range"}});
    rows.push_back({.id = "csv_cp932_declared_utf8",
                    .input = "points.csv in CP932 read with --encoding utf-8",
                    .build = csv_info("name,lon,lat\n\x8f\xe3\x92\xac,130.5,33.5\n", " --encoding utf-8"),
                    .exit_code = 1,
                    .fragments = {"{dir}/points.csv", "line 2", "not valid UTF-8", "--encoding cp932"}});
    rows.push_back({.id = "csv_residents_header_only",
                    .input = "residents.csv with a header and no rows (issue 16.3)",
                    .build =
                        [](Case& c) {
                            town(c);
                            write_file(c.dir / "residents.csv", "lon,lat,pop,a65,a75\n");
                            replace_once(c.dir / "plan.toml", "path = \"residents.geojson\"", "path = \"residents.csv\"");
                        },
                    .exit_code = 1,
                    .fragments = {"{dir}/residents.csv", "no residents"}});
    rows.push_back({.id = "csv_residents_short_row",
                    .input = "residents.csv line 3 has 4 fields under a 5-column header (issue 16.6)",
                    .build =
                        [](Case& c) {
                            town(c);
                            write_file(c.dir / "residents.csv", "lon,lat,pop,a65,a75\n131.0053,33.0045,10,4,2\n131.0160,33.0045,5,5\n");
                            replace_once(c.dir / "plan.toml", "path = \"residents.geojson\"", "path = \"residents.csv\"");
                        },
                    .exit_code = 1,
                    .fragments = {"{dir}/residents.csv", "line 3", "4 fields", "the header (line 1) has 5"},
                    .never = {"not a number"}});

    // ---- geometry ----
    rows.push_back({.id = "geom_self_intersecting_convert",
                    .input = "a bow-tie polygon (feature 0) converted",
                    .build = convert("bowtie.geojson", collection(unit("b", "bow", "{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[10,10],[10,0],[0,10],[0,0]]]}"))),
                    .exit_code = 1,
                    .fragments = {"{dir}/bowtie.geojson", "layer 'bowtie'", "features 0", "Self-intersection", "--make-valid"}});
    rows.push_back({.id = "geom_self_intersecting_repaired",
                    .input = "the same bow-tie converted with --make-valid (repaired and said so)",
                    .build =
                        [](Case& c) {
                            convert("bowtie.geojson",
                                    collection(unit("b", "bow", "{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[10,10],[10,0],[0,10],[0,0]]]}")))(c);
                            c.args = "convert " + q(c.dir / "bowtie.geojson") + " " + q(*c.out) + " --make-valid";
                        },
                    .exit_code = 0,
                    .fragments = {"repaired 1 invalid geometries", "wrote 1 features"},
                    .check = [](const Case& c, const CommandResult&) {
                        const json out = json::parse(read_file(*c.out));
                        ASSERT_EQ(out["features"].size(), 1u);
                        EXPECT_EQ(out["features"][0]["geometry"]["type"], "MultiPolygon") << "the bow-tie becomes its two triangles";
                    }});
    rows.push_back({.id = "geom_null_unit_geometry",
                    .input = "unit feature 2 of areas.geojson has geometry null (issue 16.2)",
                    .build = units(k_west + ",\n" + k_east + ",\n" + unit("n", "nothing", "null")),
                    .exit_code = 1,
                    .fragments = {"{dir}/areas.geojson", "feature 2", "tier area", "1 of 3 unit features have no polygon geometry", "skip_empty_geometry"}});
    rows.push_back({.id = "geom_empty_unit_polygon",
                    .input = "unit feature 1 of areas.geojson is an empty polygon (issue 16.2)",
                    .build = units(k_west + ",\n" + unit("n", "nothing", "{\"type\": \"Polygon\", \"coordinates\": []}") + ",\n" + k_east),
                    .exit_code = 1,
                    .fragments = {"{dir}/areas.geojson", "feature 1", "tier area", "no polygon geometry"}});
    rows.push_back({.id = "geom_empty_unit_skipped_on_request",
                    .input = "the same empty unit with skip_empty_geometry = true: a warning, the counts right",
                    .build =
                        [](Case& c) {
                            units(k_west + ",\n" + unit("n", "nothing", "{\"type\": \"Polygon\", \"coordinates\": []}") + ",\n" + k_east)(c);
                            replace_once(c.dir / "plan.toml", "name_field = \"name\" }", "name_field = \"name\", skip_empty_geometry = true }");
                        },
                    .exit_code = 0,
                    .fragments = {"warning: tier area: 1 of 3 unit features have no polygon geometry", "feature 1"},
                    .check = [](const Case& c, const CommandResult&) {
                        const json s = summary(c);
                        EXPECT_TRUE(has_warning(s, "1 of 3 unit features have no polygon geometry")) << s["warnings"].dump();
                        const json* in = input_with_role(s, "units:area");
                        ASSERT_NE(in, nullptr);
                        EXPECT_EQ((*in)["features_read"], 3);
                        EXPECT_EQ((*in)["features_used"], 2);
                        EXPECT_DOUBLE_EQ(s["tiers"][1]["outside_all_units"]["pop_total"].get<double>(), 7);
                    }});
    rows.push_back({.id = "geom_1e308_vertex_convert",
                    .input = "polygon feature 0 with a vertex at x = 1e308, converted",
                    .build = convert("absurd.geojson", collection(unit("a", "absurd", "{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1e308,0],[10,10],[0,0]]]}"))),
                    .exit_code = 1,
                    .fragments = {"{dir}/absurd.geojson", "layer 'absurd'", "feature 0", "1e+308", "absurd"},
                    .never = {"--make-valid"}});
    rows.push_back({.id = "geom_1e308_vertex_unit",
                    .input = "unit feature 1 of areas.geojson with a vertex at y = 1e308, in a run",
                    .build = units(k_west + ",\n" + unit("e", "east", "{\"type\": \"Polygon\", \"coordinates\": [[[1000,0],[2000,0],[2000,1e308],[1000,0]]]}")),
                    .exit_code = 1,
                    .fragments = {"{dir}/areas.geojson", "feature 1", "1e+308", "absurd"}});
    rows.push_back({.id = "geom_infinite_vertex",
                    .input = "polygon feature 0 with a vertex at 1e999 (infinity once read)",
                    .build = convert("inf.geojson", collection(unit("a", "inf", "{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1e999,0],[10,10],[0,0]]]}"))),
                    .exit_code = 1,
                    .fragments = {"{dir}/inf.geojson", "feature 0", "not a finite number"},
                    .never = {"--make-valid"}});
    rows.push_back({.id = "geom_nan_vertex",
                    .input = "polygon feature 0 with a vertex at NaN",
                    .build = convert("nan.geojson", collection(unit("a", "nan", "{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[NaN,0],[10,10],[0,0]]]}"))),
                    .exit_code = 1,
                    .fragments = {"{dir}/nan.geojson", "feature 0", "not a finite number (NaN)"},
                    .never = {"--make-valid"}});
    rows.push_back({.id = "geom_empty_layer_convert",
                    .input = "a GeoJSON layer with no features, converted",
                    .build = convert("empty.geojson", collection("")),
                    .exit_code = 1,
                    .fragments = {"{dir}/empty.geojson", "layer 'empty'", "has no features"}});
    rows.push_back({.id = "geom_empty_unit_layer",
                    .input = "areas.geojson with no features",
                    .build = units(""),
                    .exit_code = 1,
                    .fragments = {"{dir}/areas.geojson", "the unit layer of tier area has no features"}});
    rows.push_back({.id = "geom_not_a_geojson",
                    .input = "city.geojson holding a PNG header and bytes",
                    .build = [](Case& c) {
                        town(c);
                        write_file(c.dir / "city.geojson", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
                    },
                    .exit_code = 1,
                    .fragments = {"{dir}/city.geojson", "not a vector dataset"}});
    rows.push_back({.id = "geom_empty_file",
                    .input = "city.geojson of 0 bytes",
                    .build = [](Case& c) {
                        town(c);
                        write_file(c.dir / "city.geojson", "");
                    },
                    .exit_code = 1,
                    .fragments = {"{dir}/city.geojson", "the file is empty (0 bytes)"},
                    .never = {"not recognized as a supported file format"}});
    rows.push_back({.id = "geom_truncated_geojson",
                    .input = "areas.geojson cut in the middle of its second feature",
                    .build = [](Case& c) {
                        town(c);
                        const std::string text = collection(k_west + ",\n" + k_east);
                        write_file(c.dir / "areas.geojson", text.substr(0, text.size() - 60));
                    },
                    .exit_code = 1,
                    .fragments = {"{dir}/areas.geojson", "not a vector dataset", "cut off or malformed", "OGR_GEOJSON_MAX_OBJ_SIZE"}});

    // ---- shapefiles ----
    rows.push_back({.id = "shp_control_runs",
                    .input = "the town's units as a complete shapefile (control)",
                    .build = shapefile_units([](const fs::path&) {}),
                    .exit_code = 0,
                    .fragments = {},
                    .check = town_ran});
    rows.push_back({.id = "shp_without_dbf",
                    .input = "areas.shp without its .dbf (issue 16.6)",
                    .build = shapefile_units([](const fs::path& d) { fs::remove(d / "areas.dbf"); }),
                    .exit_code = 1,
                    .fragments = {"{dir}/areas.shp", "areas.dbf", "missing"},
                    .never = {"no field 'area_id'"}});
    rows.push_back({.id = "shp_without_shx",
                    .input = "areas.shp without its .shx",
                    .build = shapefile_units([](const fs::path& d) { fs::remove(d / "areas.shx"); }),
                    .exit_code = 1,
                    .fragments = {"{dir}/areas.shp", "areas.shx", "missing"},
                    .never = {"Unable to open"}});
    rows.push_back({.id = "shp_truncated_shp",
                    .input = "areas.shp cut to its 100-byte header and half a record",
                    .build = shapefile_units([](const fs::path& d) { fs::resize_file(d / "areas.shp", 130); }),
                    .exit_code = 1,
                    .fragments = {"{dir}/areas.shp", "layer 'areas'", "reading failed"}});

    // ---- OpenStreetMap (keniki isochrone --roads) ----
    rows.push_back({.id = "osm_control_roads",
                    .input = "a two-node residential way (control)",
                    .build = isochrone("roads.osm", osm(node(1, 32.800, 130.700) + node(2, 32.800, 130.702) + way(101, {1, 2}, k_residential))),
                    .exit_code = 0,
                    .fragments = {},
                    .check = [](const Case& c, const CommandResult&) {
                        const json out = json::parse(read_file(*c.out));
                        EXPECT_EQ(out["features"].size(), 1u);
                    }});
    rows.push_back({.id = "osm_pbf_truncated",
                    .input = "roads.osm.pbf cut inside its first blob",
                    // A BlobHeader of 14 bytes announcing an OSMHeader blob of 1000 bytes, then 10 of them.
                    .build = isochrone("roads.osm.pbf", std::string("\0\0\0\x0e\x0a\x09OSMHeader\x18\xe8\x07", 18) + std::string(10, '\x42')),
                    .exit_code = 1,
                    .fragments = {"{dir}/roads.osm.pbf", "cannot read OpenStreetMap data"}});
    rows.push_back({.id = "osm_pbf_empty",
                    .input = "roads.osm.pbf of 0 bytes",
                    .build = isochrone("roads.osm.pbf", ""),
                    .exit_code = 1,
                    .fragments = {"{dir}/roads.osm.pbf", "the file is empty"},
                    .never = {"blob contains no data"}});
    rows.push_back({.id = "osm_no_roads",
                    .input = "roads.osm whose only way is a building",
                    .build = isochrone("roads.osm", osm(node(1, 32.800, 130.700) + node(2, 32.800, 130.702) + node(3, 32.801, 130.701) +
                                                        way(108, {1, 2, 3, 1}, "<tag k=\"building\" v=\"yes\"/>"))),
                    .exit_code = 1,
                    .fragments = {"{dir}/roads.osm", "no roads", "among 1 ways"}});
    rows.push_back({.id = "osm_ways_with_missing_nodes",
                    .input = "roads.osm: 2 residential ways whose 3 nodes are not in the file",
                    .build = isochrone("roads.osm", osm(node(1, 32.800, 130.700) + way(101, {1, 7}, k_residential) + way(102, {8, 9}, k_residential))),
                    .exit_code = 1,
                    .fragments = {"{dir}/roads.osm", "2 ways", "refer to 3 nodes missing from the file"}});
    rows.push_back({.id = "osm_truncated_xml",
                    .input = "roads.osm cut inside a way",
                    .build = isochrone("roads.osm", osm(node(1, 32.800, 130.700) + node(2, 32.800, 130.702)).substr(0, 200) + "<way id=\"1\"><nd ref="),
                    .exit_code = 1,
                    .fragments = {"{dir}/roads.osm", "cannot read OpenStreetMap data"}});
    rows.push_back({.id = "osm_walk_tags_without_equals",
                    .input = "the control roads with --walk-tags 'highway+track' (no '=': not KEY=VALUES)",
                    .build =
                        [](Case& c) {
                            isochrone("roads.osm", osm(node(1, 32.800, 130.700) + node(2, 32.800, 130.702) + way(101, {1, 2}, k_residential)))(c);
                            c.args += " --walk-tags 'highway+track'";
                        },
                    .exit_code = 2,
                    .fragments = {"keniki isochrone: --walk-tags: 'highway+track' is not KEY=VALUES", "keys: highway, foot_yes, foot_no"}});

    // ---- plans ----
    rows.push_back({.id = "plan_tier_cycle",
                    .input = "tier city dissolves tier area, which dissolves tier city",
                    .build =
                        [](Case& c) {
                            town(c);
                            replace_once(c.dir / "plan.toml", "units = { from = \"boundary\" }", "units = { from = \"tier\", tier = \"area\", dissolve_by = \"x\" }");
                            replace_once(c.dir / "plan.toml",
                                         "units = { from = \"layer\", source = { path = \"areas.geojson\" }, id_field = \"area_id\", name_field = \"name\" }",
                                         "units = { from = \"tier\", tier = \"city\", dissolve_by = \"x\" }");
                        },
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:", "must name a finer tier, listed after this one"}});
    rows.push_back({.id = "plan_duplicate_tier_ids",
                    .input = "two tiers with id 'city'",
                    .build = plan_edit("id = \"area\"", "id = \"city\""),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:", "tier id 'city' is used twice"}});
    rows.push_back({.id = "plan_negative_reach",
                    .input = "reach metres = -500",
                    .build = plan_edit("metres = 500 }", "metres = -500 }"),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:35:", "must be greater than 0", "-500"}});
    rows.push_back({.id = "plan_reach_1e12_metres",
                    .input = "reach metres = 1e12 (issue 16.6)",
                    .build = plan_edit("metres = 500 }", "metres = 1e12 }"),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:35:", "metres must be at most 300000", "1e+12"}});
    rows.push_back({.id = "plan_reach_inf_metres",
                    .input = "reach metres = inf",
                    .build = plan_edit("metres = 500 }", "metres = inf }"),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:35:", "metres must be at most 300000", "inf"}});
    rows.push_back({.id = "plan_reach_nan_metres",
                    .input = "reach metres = nan",
                    .build = plan_edit("metres = 500 }", "metres = nan }"),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:35:", "must be greater than 0", "nan"}});
    rows.push_back({.id = "plan_absurd_minutes",
                    .input = "reach { mode = \"walk\", minutes = 100000 }",
                    .build = plan_edit("mode = \"straight\", metres = 2000 }", "mode = \"walk\", minutes = 100000 }"),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:", "minutes must be at most 1440"}});
    rows.push_back({.id = "plan_transit_without_gtfs",
                    .input = "reach { mode = \"transit\" } with no [transport] gtfs feed",
                    .build = plan_edit("mode = \"straight\", metres = 2000 }", "mode = \"transit\", minutes = 60 }"),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:", "reach mode \"transit\" rides the timetables of [transport] gtfs", "the plan gives no GTFS feed"}});
    rows.push_back({.id = "plan_transit_bad_window",
                    .input = "transit reach window = \"9-11\"",
                    .build = plan_edit("mode = \"straight\", metres = 2000 }", "mode = \"transit\", minutes = 60, window = \"9-11\" }"),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:", "window is HH:MM-HH:MM", "not \"9-11\""}});
    rows.push_back({.id = "plan_transit_home_before_window",
                    .input = "transit reach home_by = \"08:00\" before the window opens at 09:00",
                    .build = plan_edit("mode = \"straight\", metres = 2000 }", "mode = \"transit\", minutes = 60, window = \"09:00-10:00\", home_by = \"08:00\" }"),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:", "home_by 08:00 is not after the window opens"}});
    rows.push_back({.id = "plan_transit_key_on_straight",
                    .input = "window = \"09:00-10:00\" on a straight-line reach",
                    .build = plan_edit("mode = \"straight\", metres = 2000 }", "mode = \"straight\", metres = 2000, window = \"09:00-10:00\" }"),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:", "window applies to mode = \"transit\" only"}});
    rows.push_back({.id = "plan_new_hub_negative_supply",
                    .input = "a scenario's new hub with supply = -2",
                    .build = plan_edit("[analysis]", "[[scenarios]]\nid = \"more\"\nadd_hubs = [{ id = \"N1\", tier = \"area\", lon = 131.005, lat = 33.005, supply = -2 }]\n\n[analysis]"),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:", "supply must be a number >= 0"}});
    rows.push_back({.id = "plan_is_a_folder",
                    .input = "the plan path is a folder",
                    .build = [](Case& c) {
                        town(c);
                        fs::create_directory(c.dir / "plan_folder");
                        c.args = "run " + q(c.dir / "plan_folder") + " --out " + q(*c.out) + " --quiet";
                    },
                    .exit_code = 2,
                    .fragments = {"{dir}/plan_folder", "is a directory, not a plan file"}});
    rows.push_back({.id = "plan_boundary_is_a_folder",
                    .input = "the study boundary path is a folder (issue 16.6: exit 2 like a plan folder)",
                    .build = [](Case& c) {
                        plan_edit("boundary = { path = \"city.geojson\" }", "boundary = { path = \"empty_folder\" }")(c);
                        fs::create_directory(c.dir / "empty_folder");
                    },
                    .exit_code = 2,
                    .fragments = {"{dir}/empty_folder", "is a folder"}});
    rows.push_back({.id = "plan_missing_boundary_file",
                    .input = "the boundary file does not exist",
                    .build = plan_edit("boundary = { path = \"city.geojson\" }", "boundary = { path = \"nope.geojson\" }"),
                    .exit_code = 2,
                    .fragments = {"{dir}/nope.geojson", "no such file"}});
    rows.push_back({.id = "plan_toml_syntax_error",
                    .input = "a string without its closing quote on line 3",
                    .build = plan_edit("name = \"Square town\"", "name = \"Square town"),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:3", "TOML syntax error"}});
    rows.push_back({.id = "plan_empty_file",
                    .input = "plan.toml of 0 bytes: every missing section named at once",
                    .build = [](Case& c) {
                        town(c);
                        write_file(c.dir / "plan.toml", "");
                    },
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml: missing section [study]", "missing section [residents]", "missing [[tiers]]"}});
    rows.push_back({.id = "plan_unknown_key",
                    .input = "[study] holds 'nmae'",
                    .build = plan_edit("name = \"Square town\"", "nmae = \"Square town\"\nname = \"Square town\""),
                    .exit_code = 2,
                    .fragments = {"{dir}/plan.toml:3:", "unknown key 'nmae'"}});

    // ---- outputs ----
    rows.push_back({.id = "out_run_second_time",
                    .input = "a second run into the output folder of the first",
                    .build =
                        [](Case& c) {
                            town(c);
                            const CommandResult first = test::run_keniki(c.args);
                            if (first.exit_code != 0) throw std::runtime_error("the first run failed: " + first.err);
                            write_file(c.dir / "first_summary.json", read_file(*c.out / "summary.json"));
                            c.out_existed = true;
                        },
                    .exit_code = 2,
                    .fragments = {"{dir}/out", "exists; add --overwrite"},
                    .check = [](const Case& c, const CommandResult&) {
                        EXPECT_EQ(read_file(*c.out / "summary.json"), read_file(c.dir / "first_summary.json")) << "the first run's outputs are untouched";
                    }});
    rows.push_back({.id = "out_run_overwrite_leaves_nothing_stale",
                    .input = "--overwrite into a folder holding a stale file",
                    .build =
                        [](Case& c) {
                            town(c);
                            write_file(*c.out / "stale.csv", "old\n");
                            c.out_existed = true;
                            c.args += " --overwrite";
                        },
                    .exit_code = 0,
                    .fragments = {},
                    .check = [](const Case& c, const CommandResult& r) {
                        town_ran(c, r);
                        EXPECT_FALSE(fs::exists(*c.out / "stale.csv")) << "the folder is replaced, not merged";
                    }});
    rows.push_back({.id = "out_run_is_a_file",
                    .input = "--out names an existing regular file",
                    .build =
                        [](Case& c) {
                            town(c);
                            c.out = c.dir / "out.txt";
                            write_file(*c.out, "keep me\n");
                            c.out_existed = true;
                            c.args = run_args(c.dir, *c.out);
                        },
                    .exit_code = 2,
                    .fragments = {"{dir}/out.txt is a file, not a folder"},
                    .check = [](const Case& c, const CommandResult&) { EXPECT_EQ(read_file(*c.out), "keep me\n"); }});
    rows.push_back({.id = "out_run_is_a_file_overwrite",
                    .input = "--out names an existing regular file, with --overwrite",
                    .build =
                        [](Case& c) {
                            town(c);
                            c.out = c.dir / "out.txt";
                            write_file(*c.out, "keep me\n");
                            c.out_existed = true;
                            c.args = run_args(c.dir, *c.out) + " --overwrite";
                        },
                    .exit_code = 2,
                    .fragments = {"{dir}/out.txt is a file, not a folder"},
                    .check = [](const Case& c, const CommandResult&) { EXPECT_EQ(read_file(*c.out), "keep me\n"); }});
    rows.push_back({.id = "out_run_inside_a_file",
                    .input = "--out names a folder inside a regular file (file.txt/out)",
                    .build =
                        [](Case& c) {
                            town(c);
                            write_file(c.dir / "file.txt", "x\n");
                            c.out = c.dir / "file.txt" / "out";
                            c.args = run_args(c.dir, *c.out);
                        },
                    .exit_code = 2,
                    .fragments = {"cannot create {dir}/file.txt/out", "{dir}/file.txt is a file, not a folder"},
                    .never = {"internal error", "filesystem error"}});
    rows.push_back({.id = "out_run_unwritable",
                    .input = "--out inside a folder nobody may write (/proc, which even root cannot)",
                    .build =
                        [](Case& c) {
                            town(c);
                            c.out = fs::path("/proc/keniki-badinput-out");
                            c.args = run_args(c.dir, *c.out);
                        },
                    .exit_code = 2,
                    .fragments = {"/proc/keniki-badinput-out", "cannot create"},
                    .never = {"internal error"}});
    rows.push_back({.id = "out_convert_inside_a_file",
                    .input = "keniki convert into file.txt/out.geojson",
                    .build =
                        [](Case& c) {
                            convert("units.geojson", collection(k_west))(c);
                            write_file(c.dir / "file.txt", "x\n");
                            c.out = c.dir / "file.txt" / "out.geojson";
                            c.args = "convert " + q(c.dir / "units.geojson") + " " + q(*c.out);
                        },
                    .exit_code = 2,
                    .fragments = {"{dir}/file.txt", "is a file, not a folder"},
                    .never = {"does not exist"}});
    rows.push_back({.id = "out_convert_exists",
                    .input = "keniki convert onto an existing output",
                    .build =
                        [](Case& c) {
                            convert("units.geojson", collection(k_west))(c);
                            write_file(*c.out, "keep me\n");
                            c.out_existed = true;
                        },
                    .exit_code = 2,
                    .fragments = {"converted.geojson", "exists; add --overwrite"},
                    .check = [](const Case& c, const CommandResult&) { EXPECT_EQ(read_file(*c.out), "keep me\n"); }});
    rows.push_back({.id = "out_convert_unwritable",
                    .input = "keniki convert into /proc (a folder nobody may write)",
                    .build =
                        [](Case& c) {
                            convert("units.geojson", collection(k_west))(c);
                            c.out = fs::path("/proc/keniki-badinput.geojson");
                            c.args = "convert " + q(c.dir / "units.geojson") + " " + q(*c.out);
                        },
                    .exit_code = 2,
                    .fragments = {"/proc/keniki-badinput.geojson", "cannot create"}});
    rows.push_back({.id = "out_isochrone_inside_a_file",
                    .input = "keniki isochrone --out file.txt/iso.geojson",
                    .build =
                        [](Case& c) {
                            isochrone("roads.osm", osm(node(1, 32.800, 130.700) + node(2, 32.800, 130.702) + way(101, {1, 2}, k_residential)))(c);
                            write_file(c.dir / "file.txt", "x\n");
                            c.out = c.dir / "file.txt" / "iso.geojson";
                            c.args = "isochrone --roads " + q(c.dir / "roads.osm") + " --from 130.701,32.8005 --minutes 2 --mode walk --quiet --out " + q(*c.out);
                        },
                    .exit_code = 2,
                    .fragments = {"{dir}/file.txt", "is a file, not a folder"}});

    // ---- names and paths ----
    rows.push_back({.id = "name_script_tag_in_study_name",
                    .input = "study name '町</script><script>alert(1)</script>': map_data.js and map.html stay inert",
                    .build = plan_edit("name = \"Square town\"", "name = \"町</script><script>alert(1)</script>\""),
                    .exit_code = 0,
                    .fragments = {},
                    .check = [](const Case& c, const CommandResult&) {
                        const std::string js = read_file(*c.out / "report/map_data.js");
                        ASSERT_FALSE(js.empty());
                        EXPECT_EQ(js.find("<script>"), std::string::npos) << js.substr(0, 400);
                        EXPECT_EQ(js.find("</script>"), std::string::npos) << js.substr(0, 400);
                        EXPECT_NE(js.find("alert(1)"), std::string::npos) << "the name is there, escaped";
                        EXPECT_EQ(summary(c)["study"]["name"], "町</script><script>alert(1)</script>");
                    }});
    rows.push_back({.id = "name_newline_in_study_name",
                    .input = "study name \"x\\nalert(document.domain)\\n//\" (issue 16.1): no line of map_data.js runs it",
                    .build = plan_edit("name = \"Square town\"", "name = \"x\\nalert(document.domain)\\n//\""),
                    .exit_code = 0,
                    .fragments = {},
                    .check = [](const Case& c, const CommandResult&) {
                        const std::string js = read_file(*c.out / "report/map_data.js");
                        ASSERT_FALSE(js.empty());
                        EXPECT_EQ(js.find("\nalert(document.domain)"), std::string::npos) << js.substr(0, 400);
                        EXPECT_NE(js.find("x\\nalert(document.domain)\\n//"), std::string::npos) << "the name as a JSON string: " << js.substr(0, 400);
                    }});
    rows.push_back({.id = "name_html_in_unit_name",
                    .input = "unit name '<img src=x onerror=alert(1)>': the area pages show it as text",
                    .build = units(unit("w", "<img src=x onerror=alert(1)>", square(0, 0, 1000, 1000)) + ",\n" + k_east),
                    .exit_code = 0,
                    .fragments = {},
                    .check = [](const Case& c, const CommandResult&) {
                        std::size_t pages = 0;
                        for (const auto& e : fs::recursive_directory_iterator(*c.out / "report")) {
                            const std::string ext = e.path().extension().string();
                            if (ext != ".html" && ext != ".js") continue;
                            ++pages;
                            EXPECT_EQ(read_file(e.path()).find("<img src=x"), std::string::npos) << e.path();
                        }
                        EXPECT_GT(pages, 2u);
                        EXPECT_NE(read_file(*c.out / "units_area.csv").find("<img src=x onerror=alert(1)>"), std::string::npos);
                    }});
    rows.push_back({.id = "name_emoji",
                    .input = "unit name '🏥 west 🚌' and tier name '福祉圏域🌸'",
                    .build =
                        [](Case& c) {
                            units(unit("w", "🏥 west 🚌", square(0, 0, 1000, 1000)) + ",\n" + k_east)(c);
                            replace_once(c.dir / "plan.toml", "name = \"福祉圏域\"", "name = \"福祉圏域🌸\"");
                        },
                    .exit_code = 0,
                    .fragments = {},
                    .check = [](const Case& c, const CommandResult&) {
                        EXPECT_NE(read_file(*c.out / "units_area.csv").find("🏥 west 🚌"), std::string::npos);
                        EXPECT_NE(read_file(*c.out / "units_area.geojson").find("🏥 west 🚌"), std::string::npos);
                        EXPECT_EQ(summary(c)["tiers"][1]["name"], "福祉圏域🌸");
                    }});
    rows.push_back({.id = "name_very_long_japanese",
                    .input = "a unit name of 4,000 Japanese characters",
                    .build = [](Case& c) {
                        std::string name;
                        for (int i = 0; i < 1000; ++i) name += "福祉圏域";
                        units(unit("w", name, square(0, 0, 1000, 1000)) + ",\n" + k_east)(c);
                        write_file(c.dir / "long_name.txt", name);
                    },
                    .exit_code = 0,
                    .fragments = {},
                    .check = [](const Case& c, const CommandResult&) {
                        const std::string name = read_file(c.dir / "long_name.txt");
                        EXPECT_TRUE(read_file(*c.out / "units_area.csv").find(name) != std::string::npos) << "the name is kept whole in the CSV";
                        const json s = summary(c);
                        EXPECT_TRUE(s["tiers"][1]["units"][0]["unit_name"] == name) << "the 4,000-character name is kept whole in summary.json";
                    }});
    rows.push_back({.id = "path_spaces_and_japanese",
                    .input = "the whole town in '計画 フォルダ/データ 2026/', output in '結果 出力'",
                    .build = [](Case& c) {
                        const fs::path inner = c.dir / "計画 フォルダ" / "データ 2026";
                        copy_town(inner);
                        c.out = c.dir / "結果 出力";
                        c.args = run_args(inner, *c.out);
                    },
                    .exit_code = 0,
                    .fragments = {},
                    .check = town_ran});
    rows.push_back({.id = "path_japanese_missing_file",
                    .input = "the residents file '住民 データ.geojson' does not exist: the message names it as written",
                    .build = plan_edit("path = \"residents.geojson\"", "path = \"住民 データ.geojson\""),
                    .exit_code = 2,
                    .fragments = {"{dir}/住民 データ.geojson"}});

    // ---- issue 16: no silent loss ----
    rows.push_back({.id = "units_duplicate_ids",
                    .input = "two welfare units both 'w' (issue 16.4)",
                    .build = units(k_west + ",\n" + unit("w", "east", square(1000, 0, 2000, 1000))),
                    .exit_code = 1,
                    .fragments = {"{dir}/areas.geojson", "duplicate unit id 'w'", "features 0 and 1", "area_id"}});
    rows.push_back({.id = "residents_all_outside",
                    .input = "every resident 50 km east of the town (issue 16.3): a warning, not a clean run",
                    .build =
                        [](Case& c) {
                            town(c);
                            std::string text = read_file(c.dir / "residents.geojson");
                            for (std::size_t at = text.find("\"coordinates\": ["); at != std::string::npos; at = text.find("\"coordinates\": [", at + 1))
                                text.insert(at + 16, "5");
                            write_file(c.dir / "residents.geojson", text);
                        },
                    .exit_code = 0,
                    .fragments = {"warning: tier area: 43 of 43 people (100.0 %) live outside every unit of the tier"},
                    .check = [](const Case& c, const CommandResult&) {
                        EXPECT_TRUE(has_warning(summary(c), "live outside every unit of the tier"));
                    }});
    rows.push_back({.id = "residents_without_geometry_counted",
                    .input = "one resident feature (10 people) with geometry null: named in a warning, the other 33 people all counted",
                    .build =
                        [](Case& c) {
                            town(c);
                            replace_once(c.dir / "residents.geojson", "\"geometry\": {\"type\": \"Point\", \"coordinates\": [100, 500]}", "\"geometry\": null");
                        },
                    .exit_code = 0,
                    .fragments = {"warning: 1 of 5 resident features have no geometry and are not counted: feature 0 in {dir}/residents.geojson"},
                    .check = [](const Case& c, const CommandResult&) {
                        const json s = summary(c);
                        EXPECT_TRUE(has_warning(s, "1 of 5 resident features have no geometry")) << s["warnings"].dump();
                        // The other 33 of the 43 people are all there (26 in the units, 7 outside).
                        EXPECT_DOUBLE_EQ(s["tiers"][1]["outside_all_units"]["pop_total"].get<double>(), 7);
                        EXPECT_DOUBLE_EQ(s["tiers"][0]["units"][0]["people"]["pop_total"].get<double>(), 26);
                    }});
    rows.push_back({.id = "residents_empty_layer",
                    .input = "residents.geojson with no features (issue 16.3)",
                    .build = [](Case& c) {
                        town(c);
                        write_file(c.dir / "residents.geojson", collection(""));
                    },
                    .exit_code = 1,
                    .fragments = {"{dir}/residents.geojson", "no residents", "no features"}});
    rows.push_back({.id = "hubs_outside_every_unit",
                    .input = "welfare hub H1 moved 8 km out of the town: a warning",
                    .build = [](Case& c) {
                        town(c);
                        replace_once(c.dir / "hubs.geojson", "[1900, 500]", "[9900, 500]");
                    },
                    .exit_code = 0,
                    .fragments = {"tier area: 1 of 2 hubs (50.0 %) stand outside every unit of the tier"},
                    .check = [](const Case& c, const CommandResult&) { EXPECT_TRUE(has_warning(summary(c), "stand outside every unit")); }});

    return rows;
}

}  // namespace

const std::vector<Row>& catalogue() {
    static const std::vector<Row> rows = make_rows();
    return rows;
}

}  // namespace keniki::badinput
