#include "keniki/index/polygon_index.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "keniki/core/parallel.hpp"
#include "keniki/core/bounds.hpp"
#include "keniki/index/polygon_edges.hpp"

namespace keniki::index {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

struct PolygonIndex::Impl {
    using Entry = std::pair<Box, std::int32_t>;
    std::vector<MultiPolygon> polygons;
    bgi::rtree<Entry, bgi::quadratic<16>> tree;
    // Grid: for each cell, the polygon that wholly covers it (or `none`); an edge passes through a
    // "mixed" cell (-2 - k), and a point there is tested against the polygons of its k-th list only:
    // those whose boxes meet the cell, in index order.
    static constexpr std::int32_t mixed = -2;
    std::vector<std::int32_t> cells;
    std::vector<std::uint32_t> mixed_first;  ///< mixed cell k's polygons are [mixed_first[k], mixed_first[k + 1])
    std::vector<std::int32_t> mixed_polygons;
    std::vector<Box> boxes;  ///< per polygon
    /// Per polygon: its edges in an R-tree when it has many vertices (else null: covered_by walks them).
    std::vector<std::unique_ptr<PolygonEdges>> edges;
    double x0 = 0, y0 = 0, cell = 1;
    int nx = 0, ny = 0;

    /// p in polygon i, boundary included.
    bool covers(std::size_t i, const Point& p) const {
        if (const auto& e = edges[i]) return e->covers(p);
        return bg::covered_by(p, polygons[i]);
    }

    std::int32_t full_test(const Point& p) const {
        std::int32_t best = none;
        for (auto it = tree.qbegin(bgi::covers(p)); it != tree.qend(); ++it) {
            if ((best == none || it->second < best) && covers(static_cast<std::size_t>(it->second), p))
                best = it->second;
        }
        return best;
    }

    std::int32_t locate(const Point& p) const {
        if (nx > 0) {
            const double fx = (p.x() - x0) / cell, fy = (p.y() - y0) / cell;
            if (fx < 0 || fy < 0 || fx >= nx || fy >= ny) return none;  // outside every polygon's box
            const std::int32_t c = cells[static_cast<std::size_t>(static_cast<int>(fy)) * static_cast<std::size_t>(nx) +
                                         static_cast<std::size_t>(static_cast<int>(fx))];
            if (c > mixed) return c;
            const auto k = static_cast<std::size_t>(mixed - c);
            for (std::size_t j = mixed_first[k]; j < mixed_first[k + 1]; ++j) {
                const auto i = static_cast<std::size_t>(mixed_polygons[j]);
                if (bg::covered_by(p, boxes[i]) && covers(i, p)) return mixed_polygons[j];
            }
            return none;
        }
        return full_test(p);
    }

    /// The mixed cells' polygon lists (after the flood fill, which needs every mixed cell at `mixed`).
    void list_mixed_cells() {
        std::uint32_t n_mixed = 0;
        for (auto& c : cells) {
            if (c == mixed) c = mixed - static_cast<std::int32_t>(n_mixed++);
        }
        auto for_mixed_cells_of = [&](std::size_t i, auto&& fn) {
            if (polygons[i].empty()) return;
            const Box& b = boxes[i];
            const int cx0 = std::max(0, static_cast<int>((b.min_corner().x() - x0) / cell)), cy0 = std::max(0, static_cast<int>((b.min_corner().y() - y0) / cell));
            const int cx1 = std::min(nx - 1, static_cast<int>((b.max_corner().x() - x0) / cell)), cy1 = std::min(ny - 1, static_cast<int>((b.max_corner().y() - y0) / cell));
            for (int cy = cy0; cy <= cy1; ++cy) {
                for (int cx = cx0; cx <= cx1; ++cx) {
                    const std::int32_t c = cells[static_cast<std::size_t>(cy) * static_cast<std::size_t>(nx) + static_cast<std::size_t>(cx)];
                    if (c <= mixed) fn(static_cast<std::size_t>(mixed - c));
                }
            }
        };
        mixed_first.assign(n_mixed + 1, 0);
        for (std::size_t i = 0; i < polygons.size(); ++i) for_mixed_cells_of(i, [&](std::size_t k) { ++mixed_first[k + 1]; });
        for (std::size_t k = 0; k < n_mixed; ++k) mixed_first[k + 1] += mixed_first[k];
        mixed_polygons.resize(mixed_first.back());
        std::vector<std::uint32_t> next(mixed_first.begin(), mixed_first.end() - 1);
        for (std::size_t i = 0; i < polygons.size(); ++i)
            for_mixed_cells_of(i, [&](std::size_t k) { mixed_polygons[next[k]++] = static_cast<std::int32_t>(i); });
    }
};

PolygonIndex::PolygonIndex(std::span<const MultiPolygon> polygons, int grid_cells) : m_impl(std::make_unique<Impl>()) {
    Impl& m = *m_impl;
    m.polygons.assign(polygons.begin(), polygons.end());
    std::vector<Impl::Entry> entries;
    Box all = empty_box();
    m.boxes.assign(m.polygons.size(), empty_box());
    for (std::size_t i = 0; i < m.polygons.size(); ++i) {
        if (m.polygons[i].empty()) continue;
        const Box b = bounds_of(m.polygons[i]);
        m.boxes[i] = b;
        entries.emplace_back(b, static_cast<std::int32_t>(i));
        expand_box(all, b);
    }
    m.tree = decltype(m.tree)(entries.begin(), entries.end());
    m.edges.resize(m.polygons.size());
    std::vector<std::size_t> big;
    for (std::size_t i = 0; i < m.polygons.size(); ++i) {
        if (vertex_count(m.polygons[i]) >= PolygonEdges::worth_it) big.push_back(i);
    }
    parallel_chunks(
        big.size(),
        [&](std::size_t b, std::size_t e) {
            for (std::size_t k = b; k < e; ++k) m.edges[big[k]] = std::make_unique<PolygonEdges>(m.polygons[big[k]]);
        },
        1);
    if (grid_cells <= 0 || entries.empty()) return;
    const double w = all.max_corner().x() - all.min_corner().x(), h = all.max_corner().y() - all.min_corner().y();
    m.cell = std::max(w, h) / grid_cells;
    if (!(m.cell > 0)) return;
    m.x0 = all.min_corner().x();
    m.y0 = all.min_corner().y();
    m.nx = static_cast<int>(std::ceil(w / m.cell)) + 1;
    m.ny = static_cast<int>(std::ceil(h / m.cell)) + 1;
    m.cells.assign(static_cast<std::size_t>(m.nx) * static_cast<std::size_t>(m.ny), none);
    // 1. Every cell an edge passes through needs a full test ("mixed"). Edges are walked in steps of
    //    half a cell, marking the cells around each step, which is conservative.
    auto mark = [&m](double x, double y) {
        const int cx = static_cast<int>((x - m.x0) / m.cell), cy = static_cast<int>((y - m.y0) / m.cell);
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                const int gx = cx + dx, gy = cy + dy;
                if (gx >= 0 && gy >= 0 && gx < m.nx && gy < m.ny)
                    m.cells[static_cast<std::size_t>(gy) * static_cast<std::size_t>(m.nx) + static_cast<std::size_t>(gx)] = Impl::mixed;
            }
        }
    };
    auto mark_ring = [&](const auto& ring) {
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
            const Point& a = ring[i];
            const Point& b = ring[i + 1];
            const double len = std::hypot(b.x() - a.x(), b.y() - a.y());
            const int steps = std::max(1, static_cast<int>(std::ceil(len / (m.cell * 0.5))));
            for (int k = 0; k <= steps; ++k) {
                const double t = static_cast<double>(k) / steps;
                mark(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y()));
            }
        }
    };
    for (const auto& mp : m.polygons) {
        for (const auto& poly : mp) {
            mark_ring(poly.outer());
            for (const auto& inner : poly.inners()) mark_ring(inner);
        }
    }
    // 2. Cells no edge touches form connected regions, each wholly inside one polygon or outside all
    //    of them (a region cannot cross an edge): one point-in-polygon test per region, by flood fill.
    constexpr std::int32_t unlabelled = -3;
    for (auto& c : m.cells) {
        if (c != Impl::mixed) c = unlabelled;
    }
    std::vector<std::size_t> stack;
    const std::size_t nx = static_cast<std::size_t>(m.nx), ny = static_cast<std::size_t>(m.ny);
    for (std::size_t start = 0; start < m.cells.size(); ++start) {
        if (m.cells[start] != unlabelled) continue;
        const std::size_t row = start / nx, col = start % nx;
        const std::int32_t owner =
            m.full_test(Point{m.x0 + (static_cast<double>(col) + 0.5) * m.cell, m.y0 + (static_cast<double>(row) + 0.5) * m.cell});
        m.cells[start] = owner;
        stack.assign(1, start);
        while (!stack.empty()) {
            const std::size_t c = stack.back();
            stack.pop_back();
            const std::size_t r = c / nx, k = c % nx;
            const std::size_t neighbours[4] = {r > 0 ? c - nx : c, r + 1 < ny ? c + nx : c, k > 0 ? c - 1 : c, k + 1 < nx ? c + 1 : c};
            for (const std::size_t n : neighbours) {
                if (m.cells[n] == unlabelled) {
                    m.cells[n] = owner;
                    stack.push_back(n);
                }
            }
        }
    }
    m.list_mixed_cells();
}

PolygonIndex::~PolygonIndex() = default;
PolygonIndex::PolygonIndex(PolygonIndex&&) noexcept = default;
PolygonIndex& PolygonIndex::operator=(PolygonIndex&&) noexcept = default;

std::int32_t PolygonIndex::locate(const Point& p) const { return m_impl->locate(p); }

std::vector<std::int32_t> PolygonIndex::locate_all(std::span<const Point> points) const {
    std::vector<std::int32_t> out(points.size(), none);
    parallel_chunks(points.size(), [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) out[i] = m_impl->locate(points[i]);
    });
    return out;
}

}  // namespace keniki::index
