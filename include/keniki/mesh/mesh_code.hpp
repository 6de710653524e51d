#pragma once
// JIS X 0410 regional mesh codes (地域メッシュ) and their cells, in JGD2011 longitude/latitude degrees.
//
//   level    digits  within the level above                      cell (lat x lon)   nominal
//   first       4    lat = d1d2 / 1.5 (south), lon = d3d4 + 100   40'   x 1°          80 km
//   second      6    8 x 8:   d5 = row, d6 = column               5'    x 7'30"       10 km
//   third       8    10 x 10: d7 = row, d8 = column               30"   x 45"          1 km (基準地域メッシュ)
//   half        9    2 x 2:   d9  = 1 SW, 2 SE, 3 NW, 4 NE        15"   x 22.5"      500 m
//   quarter    10    2 x 2:   d10, numbered the same              7.5"  x 11.25"     250 m
//   eighth     11    2 x 2:   d11, numbered the same              3.75" x 5.625"     125 m
//
// Cells are half-open: a cell holds its south and west edges, its north and east edges belong to the
// neighbours. Edges are worked out with integers in units of the eighth-mesh cell (1/960° of latitude,
// 1/640° of longitude), and each edge is a single correctly rounded division, so mesh_code() of any
// corner returned by mesh_cell() gives back that cell, at every level.
//
// Codes are text as found in e-Stat tables: leading and trailing blanks (space, tab) are accepted and
// dropped, anything else that is not a digit is an error. Every function taking a code throws
// keniki::DataError quoting the code when it is malformed (wrong length, a non-digit, a digit out of
// range for its level). Functions returning a code return it without the blanks.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keniki/core/geometry.hpp"

namespace keniki::mesh {

enum class MeshLevel { first, second, third, half, quarter, eighth };

/// All levels, coarsest first.
inline constexpr std::array<MeshLevel, 6> all_levels{MeshLevel::first, MeshLevel::second, MeshLevel::third,
                                                     MeshLevel::half,  MeshLevel::quarter, MeshLevel::eighth};

/// "1st", "2nd", "3rd", "half", "quarter", "eighth" (parse_level() reads these back).
std::string_view to_string(MeshLevel level);

/// A level from its name, case-insensitive, surrounding blanks ignored; std::nullopt when unknown.
///   first:   "1st", "first", "1", "80km", "1次"
///   second:  "2nd", "second", "2", "10km", "2次"
///   third:   "3rd", "third", "3", "1km", "3次", "基準"
///   half:    "half", "1/2", "4th", "4", "500m", "4次", "2分の1"
///   quarter: "quarter", "1/4", "5th", "5", "250m", "5次", "4分の1"
///   eighth:  "eighth", "1/8", "6th", "6", "125m", "6次", "8分の1"
/// ("4次メッシュ" … "6次メッシュ" is how some tables name the half, quarter and eighth meshes.)
std::optional<MeshLevel> parse_level(std::string_view name);

/// As parse_level(), but throws keniki::UsageError naming the accepted names when `name` is unknown.
MeshLevel level_from_name(std::string_view name);

/// Number of digits of a code at `level`: 4, 6, 8, 9, 10, 11.
std::size_t code_length(MeshLevel level);

/// The level above (std::nullopt for first) and below (std::nullopt for eighth).
std::optional<MeshLevel> coarser(MeshLevel level);
std::optional<MeshLevel> finer(MeshLevel level);

/// Size of a cell at `level`, in degrees (exactly: a multiple of 1/960° of latitude, 1/640° of longitude).
struct CellSize {
    double lon_deg;  ///< east-west extent: 1°, 7'30", 45", 22.5", 11.25", 5.625"
    double lat_deg;  ///< north-south extent: 40', 5', 30", 15", 7.5", 3.75"
};
CellSize cell_size(MeshLevel level);

/// The code validated and without surrounding blanks. DataError when malformed.
std::string normalize_code(std::string_view code);

/// The level of a code, from its length, after validating every digit. DataError when malformed.
MeshLevel level_of(std::string_view code);

/// Bounds of the cell, min corner = south-west (lon, lat), max corner = north-east.
Box mesh_cell(std::string_view code);

/// The cell as a closed counter-clockwise polygon: SW, SE, NE, NW, SW.
Polygon mesh_polygon(std::string_view code);

/// The centre of the cell (lon, lat).
Point mesh_center(std::string_view code);

/// The code of the cell at `level` holding `lonlat` (x = longitude, y = latitude).
/// DataError when the point lies outside what the scheme covers: latitude [0, 66°40'), longitude [100, 200),
/// or is not finite.
std::string mesh_code(const Point& lonlat, MeshLevel level);

/// The code of the enclosing cell one level up (the code minus its last level). DataError for a 1st
/// mesh code, which has no parent.
std::string parent(std::string_view code);

/// The code of the enclosing cell at `level`, which must be the code's own level or a coarser one
/// (DataError otherwise).
std::string ancestor(std::string_view code, MeshLevel level);

/// The codes of the cells one level down, row by row from the south-west: 64 for a 1st mesh, 100 for a
/// 2nd, 4 (SW, SE, NW, NE) below. DataError for an eighth mesh code, which has none.
std::vector<std::string> children(std::string_view code);

}  // namespace keniki::mesh
