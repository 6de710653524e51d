#include "badinput/inputs.hpp"

#include <array>
#include <fstream>
#include <stdexcept>

#include "support/test_paths.hpp"

namespace keniki::badinput {

void write_file(const fs::path& path, std::string_view bytes) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

void replace_once(const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = test::read_file(file);
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error(file.string() + " does not hold '" + from + "'");
    text.replace(at, from.size(), to);
    write_file(file, text);
}

std::string q(const fs::path& path) { return test::shell_quote(path.string()); }

// --- zips ----------------------------------------------------------------------------------------

namespace {

std::uint32_t crc32(std::string_view data) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

}  // namespace

Zip make_zip(const std::vector<ZipEntry>& files) {
    Zip zip;
    std::string central;
    for (const ZipEntry& e : files) {
        const std::size_t offset = zip.bytes.size();
        zip.local_header_at[e.name] = offset;
        const std::uint32_t crc = crc32(e.data), size = static_cast<std::uint32_t>(e.data.size());
        std::string& out = zip.bytes;
        put32(out, 0x04034b50u);  // local file header
        put16(out, 20);           // version needed
        put16(out, 0);            // flags
        put16(out, e.method);
        put16(out, 0);       // time
        put16(out, 0x5821);  // date 2024-01-01
        put32(out, crc);
        put32(out, size);  // compressed size
        put32(out, size);  // uncompressed size
        put16(out, static_cast<std::uint32_t>(e.name.size()));
        put16(out, 0);  // extra length
        out += e.name;
        out += e.data;

        put32(central, 0x02014b50u);  // central directory header
        put16(central, 20);           // version made by
        put16(central, 20);
        put16(central, 0);
        put16(central, e.method);
        put16(central, 0);
        put16(central, 0x5821);
        put32(central, crc);
        put32(central, size);
        put32(central, size);
        put16(central, static_cast<std::uint32_t>(e.name.size()));
        put16(central, 0);  // extra
        put16(central, 0);  // comment
        put16(central, 0);  // disk
        put16(central, 0);  // internal attributes
        put32(central, 0);  // external attributes
        put32(central, static_cast<std::uint32_t>(offset));
        central += e.name;
    }
    const std::size_t central_at = zip.bytes.size();
    zip.bytes += central;
    put32(zip.bytes, 0x06054b50u);  // end of central directory
    put16(zip.bytes, 0);
    put16(zip.bytes, 0);
    put16(zip.bytes, static_cast<std::uint32_t>(files.size()));
    put16(zip.bytes, static_cast<std::uint32_t>(files.size()));
    put32(zip.bytes, static_cast<std::uint32_t>(central.size()));
    put32(zip.bytes, static_cast<std::uint32_t>(central_at));
    put16(zip.bytes, 0);
    return zip;
}

// --- the square town -----------------------------------------------------------------------------

void copy_town(const fs::path& dir) {
    fs::create_directories(dir);
    for (const char* f : {"plan.toml", "city.geojson", "areas.geojson", "residents.geojson", "hubs.geojson"})
        fs::copy_file(test::source_dir() / "tests/fixtures/run" / f, dir / f, fs::copy_options::overwrite_existing);
}

std::string run_args(const fs::path& dir, const fs::path& out) { return "run " + q(dir / "plan.toml") + " --out " + q(out) + " --quiet"; }

std::string collection(const std::string& features) {
    return "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::6670\"}}, "
           "\"features\": [\n" +
           features + "\n]}\n";
}

std::string unit(const std::string& id, const std::string& name, const std::string& geometry) {
    return "{\"type\": \"Feature\", \"properties\": {\"area_id\": \"" + id + "\", \"name\": \"" + name + "\"}, \"geometry\": " + geometry + "}";
}

std::string square(double x0, double y0, double x1, double y1) {
    auto n = [](double v) {
        std::string s = std::to_string(v);
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
        return s;
    };
    return "{\"type\": \"Polygon\", \"coordinates\": [[[" + n(x0) + "," + n(y0) + "],[" + n(x1) + "," + n(y0) + "],[" + n(x1) + "," + n(y1) +
           "],[" + n(x0) + "," + n(y1) + "],[" + n(x0) + "," + n(y0) + "]]]}";
}

const std::string k_west = unit("w", "west", square(0, 0, 1000, 1000));
const std::string k_east = unit("e", "east", square(1000, 0, 2000, 1000));

// --- GTFS ----------------------------------------------------------------------------------------

Files good_feed() {
    // EPSG:6670 has its origin at 33°N 131°E: M1 stands near (500, 500) m, M2 near (1500, 500) m.
    return {
        {"stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nM1,上町,33.0045,131.0053\nM2,下町,33.0045,131.0160\n"},
        {"routes.txt", "route_id,route_short_name,route_long_name,route_type\nMR,M,町線,3\n"},
        {"trips.txt", "route_id,service_id,trip_id\nMR,MS,MT\n"},
        {"stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nMT,07:00:00,07:00:00,M1,1\nMT,07:10:00,07:10:00,M2,2\n"},
        {"calendar.txt",
         "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nMS,1,1,1,1,1,1,1,20260101,20261231\n"},
    };
}

void set_file(Files& files, const std::string& name, const std::string& text) {
    for (auto& [n, t] : files) {
        if (n == name) {
            t = text;
            return;
        }
    }
    files.emplace_back(name, text);
}

void drop_file(Files& files, const std::string& name) {
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (it->first == name) {
            files.erase(it);
            return;
        }
    }
    throw std::runtime_error("the feed has no " + name);
}

std::vector<ZipEntry> entries(const Files& files) {
    std::vector<ZipEntry> out;
    for (const auto& [name, text] : files) out.push_back({name, text, 0});
    return out;
}

void add_transport(const fs::path& dir, const std::string& gtfs) {
    std::string plan = test::read_file(dir / "plan.toml");
    plan += "\n[transport]\npreset = \"mlit-rural\"\nmin_departures_per_day = 1\ngtfs = [\"" + gtfs + "\"]\n";
    write_file(dir / "plan.toml", plan);
}

// --- shapefiles ----------------------------------------------------------------------------------

bool have_ogr2ogr() { return test::run_command("command -v ogr2ogr").exit_code == 0; }

bool make_shapefile(const fs::path& geojson, const fs::path& shp, std::string& why) {
    const test::CommandResult r = test::run_command("ogr2ogr -f 'ESRI Shapefile' -lco ENCODING=UTF-8 " + q(shp) + " " + q(geojson));
    if (r.exit_code != 0 || !fs::exists(shp)) {
        why = "ogr2ogr failed: " + r.err;
        return false;
    }
    return true;
}

}  // namespace keniki::badinput
