#include "keniki/mesh/mesh_code.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>

#include "keniki/core/error.hpp"
#include "keniki/core/text.hpp"

namespace keniki::mesh {

namespace {

// The grid: integer row and column in units of the eighth-mesh cell, counted from 0°N, 100°E.
// One degree of latitude is 960 units (3.75" each), one degree of longitude 640 units (5.625" each).
// Cell sides in units, by level: 640, 80, 8, 4, 2, 1 in both directions.
constexpr std::int32_t k_lat_units_per_degree = 960;
constexpr std::int32_t k_lon_units_per_degree = 640;
constexpr std::int32_t k_west_origin_deg = 100;
constexpr std::int32_t k_west_origin_units = k_west_origin_deg * k_lon_units_per_degree;  // 64000
constexpr std::int32_t k_grid_extent = 100 * 640;  // 100 first meshes each way: rows and columns 0..63999

constexpr std::array<std::int32_t, 6> k_side_units{640, 80, 8, 4, 2, 1};
constexpr std::array<std::size_t, 6> k_lengths{4, 6, 8, 9, 10, 11};
constexpr std::array<std::string_view, 6> k_names{"1st", "2nd", "3rd", "half", "quarter", "eighth"};

constexpr std::size_t index_of(MeshLevel level) { return static_cast<std::size_t>(level); }

/// Edges as doubles: one correctly rounded division of exact integers, so every caller gets the same
/// double for the same edge.
double lat_edge(std::int32_t row) { return static_cast<double>(row) / k_lat_units_per_degree; }
double lon_edge(std::int32_t col) { return static_cast<double>(k_west_origin_units + col) / k_lon_units_per_degree; }

/// The unit row holding `lat`: the largest row whose edge is <= lat. `lat` must be in range.
/// floor(lat * 960) alone lands one row low on 1,326 of the 64,000 edges (the product rounds down), and
/// floor((lon - 100) * 640) one column low on 19,046 of them: the estimate is corrected against the edges.
std::int32_t row_of(double lat) {
    auto row = static_cast<std::int32_t>(std::floor(lat * k_lat_units_per_degree));
    if (row < 0) row = 0;
    if (row > k_grid_extent - 1) row = k_grid_extent - 1;
    while (row + 1 < k_grid_extent && lat_edge(row + 1) <= lat) ++row;
    while (row > 0 && lat_edge(row) > lat) --row;
    return row;
}

/// The unit column holding `lon`, as row_of().
std::int32_t col_of(double lon) {
    auto col = static_cast<std::int32_t>(std::floor((lon - k_west_origin_deg) * k_lon_units_per_degree));
    if (col < 0) col = 0;
    if (col > k_grid_extent - 1) col = k_grid_extent - 1;
    while (col + 1 < k_grid_extent && lon_edge(col + 1) <= lon) ++col;
    while (col > 0 && lon_edge(col) > lon) --col;
    return col;
}

constexpr auto trim = text::trim_blanks;

std::string quoted(std::string_view code) { return "mesh code '" + std::string(code) + "'"; }

[[noreturn]] void malformed(std::string_view code, const std::string& why) {
    throw DataError(quoted(code) + ": " + why);
}

/// A validated code: its digits (blanks dropped) and level.
struct Parsed {
    std::string_view digits;
    MeshLevel level;
};

Parsed parse(std::string_view raw) {
    const std::string_view code = trim(raw);
    if (code.empty()) malformed(raw, "empty");
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c < '0' || c > '9')
            malformed(code, "character " + std::to_string(i + 1) + " ('" + std::string(1, c) + "') is not a digit");
    }
    std::optional<MeshLevel> level;
    for (MeshLevel l : all_levels)
        if (k_lengths[index_of(l)] == code.size()) level = l;
    if (!level)
        malformed(code, "has " + std::to_string(code.size()) +
                            " digits; a mesh code has 4 (1st), 6 (2nd), 8 (3rd), 9 (half), 10 (quarter) or 11 (eighth)");
    auto check = [&code](std::size_t position, char lo, char hi, const char* what) {
        const char c = code[position];
        if (c < lo || c > hi)
            malformed(code, "digit " + std::to_string(position + 1) + " (" + what + ") is " + std::string(1, c) +
                                ", must be " + std::string(1, lo) + ".." + std::string(1, hi));
    };
    if (code.size() >= 6) {
        check(4, '0', '7', "2nd mesh row");
        check(5, '0', '7', "2nd mesh column");
    }
    // Digits 7 and 8 (3rd mesh row and column) may be 0..9.
    if (code.size() >= 9) check(8, '1', '4', "half mesh quadrant");
    if (code.size() >= 10) check(9, '1', '4', "quarter mesh quadrant");
    if (code.size() >= 11) check(10, '1', '4', "eighth mesh quadrant");
    return {code, *level};
}

int digit(std::string_view digits, std::size_t i) { return digits[i] - '0'; }

/// South-west corner of the cell in grid units.
struct GridCell {
    std::int32_t row;
    std::int32_t col;
    MeshLevel level;
};

GridCell decode(const Parsed& p) {
    const std::string_view d = p.digits;
    std::int32_t row = (digit(d, 0) * 10 + digit(d, 1)) * k_side_units[0];
    std::int32_t col = (digit(d, 2) * 10 + digit(d, 3)) * k_side_units[0];
    if (d.size() >= 6) {
        row += digit(d, 4) * k_side_units[1];
        col += digit(d, 5) * k_side_units[1];
    }
    if (d.size() >= 8) {
        row += digit(d, 6) * k_side_units[2];
        col += digit(d, 7) * k_side_units[2];
    }
    // Quadrant digits 1 SW, 2 SE, 3 NW, 4 NE: q - 1 = 2 * (north) + (east).
    for (std::size_t i = 8; i < d.size(); ++i) {
        const int q = digit(d, i) - 1;
        const std::int32_t side = k_side_units[i - 5];  // digit 9 -> half (index 3), 10 -> 4, 11 -> 5
        row += (q / 2) * side;
        col += (q % 2) * side;
    }
    return {row, col, p.level};
}

/// The code at `level` of the cell holding grid unit (row, col).
std::string encode(std::int32_t row, std::int32_t col, MeshLevel level) {
    std::string out;
    out.reserve(11);
    auto put2 = [&out](std::int32_t v) {
        out += static_cast<char>('0' + v / 10);
        out += static_cast<char>('0' + v % 10);
    };
    put2(row / 640);
    put2(col / 640);
    std::int32_t r = row % 640;
    std::int32_t c = col % 640;
    out += static_cast<char>('0' + r / 80);
    out += static_cast<char>('0' + c / 80);
    r %= 80;
    c %= 80;
    out += static_cast<char>('0' + r / 8);
    out += static_cast<char>('0' + c / 8);
    r %= 8;
    c %= 8;
    for (std::int32_t side = 4; side >= 1; side /= 2) {
        const int north = r / side;
        const int east = c / side;
        out += static_cast<char>('1' + 2 * north + east);
        r %= side;
        c %= side;
    }
    out.resize(k_lengths[index_of(level)]);
    return out;
}


}  // namespace

std::string_view to_string(MeshLevel level) { return k_names.at(index_of(level)); }

std::optional<MeshLevel> parse_level(std::string_view name) {
    static constexpr std::pair<std::string_view, MeshLevel> table[] = {
        {"1st", MeshLevel::first},      {"first", MeshLevel::first},     {"1", MeshLevel::first},
        {"80km", MeshLevel::first},     {"1次", MeshLevel::first},       {"2nd", MeshLevel::second},
        {"second", MeshLevel::second},  {"2", MeshLevel::second},        {"10km", MeshLevel::second},
        {"2次", MeshLevel::second},     {"3rd", MeshLevel::third},       {"third", MeshLevel::third},
        {"3", MeshLevel::third},        {"1km", MeshLevel::third},       {"3次", MeshLevel::third},
        {"基準", MeshLevel::third},      {"half", MeshLevel::half},
        {"1/2", MeshLevel::half},       {"4th", MeshLevel::half},        {"4", MeshLevel::half},
        {"500m", MeshLevel::half},      {"4次", MeshLevel::half},        {"2分の1", MeshLevel::half},
        {"quarter", MeshLevel::quarter}, {"1/4", MeshLevel::quarter},    {"5th", MeshLevel::quarter},
        {"5", MeshLevel::quarter},      {"250m", MeshLevel::quarter},    {"5次", MeshLevel::quarter},
        {"4分の1", MeshLevel::quarter}, {"eighth", MeshLevel::eighth},   {"1/8", MeshLevel::eighth},
        {"6th", MeshLevel::eighth},     {"6", MeshLevel::eighth},        {"125m", MeshLevel::eighth},
        {"6次", MeshLevel::eighth},     {"8分の1", MeshLevel::eighth},
    };
    const std::string key = text::ascii_lower(trim(name));
    for (const auto& [text, level] : table)
        if (key == text) return level;
    return std::nullopt;
}

MeshLevel level_from_name(std::string_view name) {
    if (auto level = parse_level(name)) return *level;
    throw UsageError("unknown mesh level '" + std::string(name) +
                     "'; use 1st|80km, 2nd|10km, 3rd|1km, half|500m, quarter|250m or eighth|125m");
}

std::size_t code_length(MeshLevel level) { return k_lengths.at(index_of(level)); }

std::optional<MeshLevel> coarser(MeshLevel level) {
    if (level == MeshLevel::first) return std::nullopt;
    return static_cast<MeshLevel>(index_of(level) - 1);
}

std::optional<MeshLevel> finer(MeshLevel level) {
    if (level == MeshLevel::eighth) return std::nullopt;
    return static_cast<MeshLevel>(index_of(level) + 1);
}

CellSize cell_size(MeshLevel level) {
    const double side = k_side_units.at(index_of(level));
    return {side / k_lon_units_per_degree, side / k_lat_units_per_degree};
}

std::string normalize_code(std::string_view code) { return std::string(parse(code).digits); }

MeshLevel level_of(std::string_view code) { return parse(code).level; }

Box mesh_cell(std::string_view code) {
    const GridCell cell = decode(parse(code));
    const std::int32_t side = k_side_units[index_of(cell.level)];
    return Box{Point{lon_edge(cell.col), lat_edge(cell.row)}, Point{lon_edge(cell.col + side), lat_edge(cell.row + side)}};
}

Polygon mesh_polygon(std::string_view code) {
    const Box box = mesh_cell(code);
    const double w = box.min_corner().x();
    const double s = box.min_corner().y();
    const double e = box.max_corner().x();
    const double n = box.max_corner().y();
    Polygon polygon;
    polygon.outer() = {Point{w, s}, Point{e, s}, Point{e, n}, Point{w, n}, Point{w, s}};
    return polygon;
}

Point mesh_center(std::string_view code) {
    const GridCell cell = decode(parse(code));
    // Twice the grid resolution keeps the centre one correctly rounded division too.
    const std::int32_t side = k_side_units[index_of(cell.level)];
    const double lat = static_cast<double>(2 * cell.row + side) / (2 * k_lat_units_per_degree);
    const double lon = static_cast<double>(2 * (k_west_origin_units + cell.col) + side) / (2 * k_lon_units_per_degree);
    return Point{lon, lat};
}

std::string mesh_code(const Point& lonlat, MeshLevel level) {
    const double lon = lonlat.x();
    const double lat = lonlat.y();
    if (!std::isfinite(lon) || !std::isfinite(lat) || lat < 0.0 || lat >= lat_edge(k_grid_extent) ||
        lon < lon_edge(0) || lon >= lon_edge(k_grid_extent)) {
        throw DataError("point (lon " + std::to_string(lon) + ", lat " + std::to_string(lat) +
                        ") is outside the JIS X 0410 mesh range (lat 0..66.667, lon 100..200)");
    }
    return encode(row_of(lat), col_of(lon), level);
}

std::string parent(std::string_view code) {
    const Parsed p = parse(code);
    const auto up = coarser(p.level);
    if (!up) malformed(p.digits, "a 1st mesh code has no parent");
    return std::string(p.digits.substr(0, code_length(*up)));
}

std::string ancestor(std::string_view code, MeshLevel level) {
    const Parsed p = parse(code);
    if (index_of(level) > index_of(p.level))
        malformed(p.digits, "is a " + std::string(to_string(p.level)) + " mesh code and has no " +
                                std::string(to_string(level)) + " mesh ancestor");
    return std::string(p.digits.substr(0, code_length(level)));
}

std::vector<std::string> children(std::string_view code) {
    const Parsed p = parse(code);
    std::vector<std::string> out;
    const std::string prefix(p.digits);
    switch (p.level) {
    case MeshLevel::first:
    case MeshLevel::second: {
        const int n = p.level == MeshLevel::first ? 8 : 10;
        out.reserve(static_cast<std::size_t>(n * n));
        for (int row = 0; row < n; ++row)
            for (int col = 0; col < n; ++col)
                out.push_back(prefix + static_cast<char>('0' + row) + static_cast<char>('0' + col));
        break;
    }
    case MeshLevel::third:
    case MeshLevel::half:
    case MeshLevel::quarter:
        for (char q = '1'; q <= '4'; ++q) out.push_back(prefix + q);
        break;
    case MeshLevel::eighth:
        malformed(p.digits, "an eighth mesh code has no children (it is the finest level)");
    }
    return out;
}

}  // namespace keniki::mesh
