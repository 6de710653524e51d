// libFuzzer target: mesh codes (JIS X 0410) as found in e-Stat tables — parsing and validation, the
// cell, polygon and centre, parent / ancestors / children, level names — with the scheme's own
// invariants checked on every code that is accepted: the cell's corners map back to the code, the
// parent holds the child, the children tile the parent. Also points to codes: the first 16 bytes,
// when there are that many, are read as a longitude and a latitude.
// Input: text, one code (or level name) a line.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "keniki/core/error.hpp"
#include "keniki/mesh/mesh_code.hpp"

namespace {

using namespace keniki::mesh;

void check(bool ok) {
    if (!ok) std::abort();  // an invariant of the scheme does not hold: a bug
}

bool inside(const keniki::Box& cell, const keniki::Point& p) {
    return p.x() >= cell.min_corner().x() && p.x() < cell.max_corner().x() && p.y() >= cell.min_corner().y() &&
           p.y() < cell.max_corner().y();
}

void one_code(std::string_view text) {
    (void)parse_level(text);
    try {
        (void)level_from_name(text);
    } catch (const keniki::Error&) {
    }
    try {
        const std::string code = normalize_code(text);
        const MeshLevel level = level_of(text);
        check(code.size() == code_length(level));
        const keniki::Box cell = mesh_cell(text);
        check(mesh_code(cell.min_corner(), level) == code);
        const keniki::Point centre = mesh_center(text);
        check(inside(cell, centre));
        check(mesh_code(centre, level) == code);
        check(mesh_polygon(text).outer().size() == 5);
        if (const auto up = coarser(level)) {
            const std::string p = parent(text);
            check(ancestor(text, *up) == p);
            check(inside(mesh_cell(p), centre));
            check(ancestor(text, MeshLevel::first) == code.substr(0, 4));
        }
        if (finer(level)) {
            const auto kids = children(text);
            check(kids.size() == (level == MeshLevel::first ? 64u : level == MeshLevel::second ? 100u : 4u));
            for (const auto& k : kids) check(parent(k) == code);
        }
    } catch (const keniki::Error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = keniki::fuzz::as_view(data, size);
    if (size >= 16) {
        double lon = 0, lat = 0;
        std::memcpy(&lon, data, 8);
        std::memcpy(&lat, data + 8, 8);
        for (MeshLevel level : all_levels) {
            try {
                const std::string code = mesh_code(keniki::Point{lon, lat}, level);
                check(inside(mesh_cell(code), keniki::Point{lon, lat}));
            } catch (const keniki::Error&) {
            }
        }
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        one_code(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return 0;
}
