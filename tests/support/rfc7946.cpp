#include "support/rfc7946.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace keniki::test {

namespace {

using json = nlohmann::json;

double signed_area(const json& ring) {
    double a = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
        a += ring[i][0].get<double>() * ring[i + 1][1].get<double>() - ring[i + 1][0].get<double>() * ring[i][1].get<double>();
    return a / 2;
}

void check_position(const json& p, std::vector<std::string>& out) {
    if (!p.is_array() || p.size() < 2) {
        out.push_back("a position is not an array of two numbers");
        return;
    }
    const double lon = p[0].get<double>(), lat = p[1].get<double>();
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) out.push_back("position out of lon/lat range: " + p.dump());
}

void check_polygon(const json& rings, std::vector<std::string>& out) {
    for (std::size_t r = 0; r < rings.size(); ++r) {
        const auto& ring = rings[r];
        if (ring.size() < 4 || ring.front() != ring.back()) out.push_back("a ring is not closed or has fewer than 4 positions");
        for (const auto& p : ring) check_position(p, out);
        const double a = signed_area(ring);
        if (r == 0 && a < 0) out.push_back("an exterior ring is clockwise");
        if (r > 0 && a > 0) out.push_back("a hole is counter-clockwise");
    }
}

void check_geometry(const json& g, std::vector<std::string>& out) {
    if (g.is_null()) return;
    const std::string type = g.at("type");
    const json& c = g.contains("coordinates") ? g["coordinates"] : json();
    if (type == "Point") check_position(c, out);
    else if (type == "MultiPoint" || type == "LineString") for (const auto& p : c) check_position(p, out);
    else if (type == "MultiLineString") for (const auto& l : c) for (const auto& p : l) check_position(p, out);
    else if (type == "Polygon") check_polygon(c, out);
    else if (type == "MultiPolygon") for (const auto& poly : c) check_polygon(poly, out);
    else if (type == "GeometryCollection") for (const auto& part : g.at("geometries")) check_geometry(part, out);
    else out.push_back("unknown geometry type " + type);
}

}  // namespace

std::vector<std::string> rfc7946_problems(const std::string& path, int max_decimals) {
    std::vector<std::string> out;
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    json doc;
    try {
        doc = json::parse(text);
    } catch (const std::exception& e) {
        return {"not JSON: " + std::string(e.what())};
    }
    if (doc.contains("crs")) out.push_back("has a \"crs\" member (RFC 7946 §4: always WGS84)");
    if (doc.value("type", "") != "FeatureCollection") out.push_back("not a FeatureCollection");
    for (const auto& f : doc.value("features", json::array())) check_geometry(f.at("geometry"), out);
    // Precision: inside every "coordinates" array, no number has more than max_decimals decimals.
    const std::string key = "\"coordinates\"";
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
        std::size_t i = text.find('[', at);
        int depth = 0, decimals = -1;
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '[') ++depth;
            else if (c == ']' && --depth == 0) break;
            if (c == '.') decimals = 0;
            else if (c >= '0' && c <= '9') {
                if (decimals >= 0 && ++decimals > max_decimals) {
                    out.push_back("a coordinate has more than " + std::to_string(max_decimals) + " decimals");
                    return out;
                }
            } else decimals = -1;
        }
    }
    return out;
}

}  // namespace keniki::test
