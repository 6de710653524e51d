#include "keniki/index/nearest_point.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "keniki/core/parallel.hpp"

namespace keniki::index {

namespace {

constexpr double k_inf = std::numeric_limits<double>::infinity();

/// Few targets (a tier with one or ten hubs): scanning them all beats any index.
constexpr std::size_t k_scan_limit = 32;

/// Nearest of `candidates` (ascending target indices) to q; strict comparison, so among equally near
/// targets the lowest index wins.
template <typename Indices>
void scan(const std::vector<Point>& targets, const Indices& candidates, const Point& q, std::int32_t& which, double& distance) {
    const double qx = q.x(), qy = q.y();
    double best = k_inf;
    std::int32_t found = -1;
    for (const auto k : candidates) {
        const Point& t = targets[static_cast<std::size_t>(k)];
        const double dx = t.x() - qx, dy = t.y() - qy, d = dx * dx + dy * dy;
        if (d < best) {
            best = d;
            found = static_cast<std::int32_t>(k);
        }
    }
    which = found;
    distance = std::sqrt(best);
}

/// 0, 1, ..., n - 1 without storing them.
struct AllIndices {
    std::size_t n;
    struct Iterator {
        std::size_t i;
        std::size_t operator*() const { return i; }
        Iterator& operator++() {
            ++i;
            return *this;
        }
        bool operator!=(const Iterator& o) const { return i != o.i; }
    };
    Iterator begin() const { return {0}; }
    Iterator end() const { return {n}; }
};

struct Span {
    const std::int32_t* first;
    const std::int32_t* last;
    const std::int32_t* begin() const { return first; }
    const std::int32_t* end() const { return last; }
};

/// The candidate grid over the queries' extent (see the header).
class CandidateGrid {
public:
    CandidateGrid(const std::vector<Point>& targets, std::span<const Point> queries) {
        double x0 = k_inf, y0 = k_inf, x1 = -k_inf, y1 = -k_inf;
        std::size_t finite = 0;
        for (const auto& q : queries) {
            if (!std::isfinite(q.x()) || !std::isfinite(q.y())) continue;
            x0 = std::min(x0, q.x());
            y0 = std::min(y0, q.y());
            x1 = std::max(x1, q.x());
            y1 = std::max(y1, q.y());
            ++finite;
        }
        if (finite == 0) return;
        // About 16 queries a cell, and no more cell x target work than 4 million pairs.
        const double cells = std::clamp(std::min(static_cast<double>(finite) / 16.0, 4e6 / static_cast<double>(targets.size())), 1.0, 65536.0);
        const double w = x1 - x0, h = y1 - y0;
        // Square cells, but never more than `cells` along one side (queries along a line).
        double side = std::max(std::sqrt(w * h / cells), std::max(w, h) / cells);
        if (!(side > 0)) side = 1;
        m_x0 = x0;
        m_y0 = y0;
        m_side = side;
        m_nx = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(w / side)), 1, 65536);
        m_ny = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(h / side)), 1, 65536);
        // Cells are widened by a hair so that rounding in cell_of never puts a query outside its cell.
        const double slack = side * 1e-6 + 1e-9 * (std::abs(x0) + std::abs(y0) + w + h);
        const std::size_t n_cells = m_nx * m_ny;

        // Per cell: the smallest farthest-distance of any target, then every target no farther than that.
        std::vector<double> bound(n_cells);
        std::vector<std::uint32_t> count(n_cells + 1, 0);
        auto box = [&](std::size_t c, double& bx0, double& by0, double& bx1, double& by1) {
            const std::size_t cx = c % m_nx, cy = c / m_nx;
            bx0 = x0 + static_cast<double>(cx) * side - slack;
            by0 = y0 + static_cast<double>(cy) * side - slack;
            bx1 = x0 + static_cast<double>(cx + 1) * side + slack;
            by1 = y0 + static_cast<double>(cy + 1) * side + slack;
        };
        auto min_d2 = [](double v, double lo, double hi) {
            const double d = v < lo ? lo - v : (v > hi ? v - hi : 0.0);
            return d * d;
        };
        auto max_d2 = [](double v, double lo, double hi) {
            const double d = std::max(std::abs(v - lo), std::abs(v - hi));
            return d * d;
        };
        parallel_chunks(
            n_cells,
            [&](std::size_t b, std::size_t e) {
                for (std::size_t c = b; c < e; ++c) {
                    double bx0, by0, bx1, by1;
                    box(c, bx0, by0, bx1, by1);
                    double m = k_inf;
                    for (const auto& t : targets) m = std::min(m, max_d2(t.x(), bx0, bx1) + max_d2(t.y(), by0, by1));
                    m = m * (1 + 1e-12);
                    bound[c] = m;
                    std::uint32_t k = 0;
                    for (const auto& t : targets) k += min_d2(t.x(), bx0, bx1) + min_d2(t.y(), by0, by1) <= m;
                    count[c + 1] = k;
                }
            },
            256);
        for (std::size_t c = 0; c < n_cells; ++c) count[c + 1] += count[c];
        m_first = std::move(count);
        m_candidates.resize(m_first.back());
        parallel_chunks(
            n_cells,
            [&](std::size_t b, std::size_t e) {
                for (std::size_t c = b; c < e; ++c) {
                    double bx0, by0, bx1, by1;
                    box(c, bx0, by0, bx1, by1);
                    std::int32_t* out = m_candidates.data() + m_first[c];
                    for (std::size_t k = 0; k < targets.size(); ++k) {
                        const auto& t = targets[k];
                        if (min_d2(t.x(), bx0, bx1) + min_d2(t.y(), by0, by1) <= bound[c]) *out++ = static_cast<std::int32_t>(k);
                    }
                }
            },
            256);
    }

    bool usable() const { return !m_first.empty(); }

    /// The candidates of the cell holding q (a finite point inside the queries' extent).
    Span candidates(const Point& q) const {
        const auto cx = std::min(m_nx - 1, static_cast<std::size_t>(std::max(0.0, (q.x() - m_x0) / m_side)));
        const auto cy = std::min(m_ny - 1, static_cast<std::size_t>(std::max(0.0, (q.y() - m_y0) / m_side)));
        const std::size_t c = cy * m_nx + cx;
        return {m_candidates.data() + m_first[c], m_candidates.data() + m_first[c + 1]};
    }

private:
    double m_x0 = 0, m_y0 = 0, m_side = 1;
    std::size_t m_nx = 0, m_ny = 0;
    std::vector<std::uint32_t> m_first;  ///< cell c's candidates are [m_first[c], m_first[c + 1])
    std::vector<std::int32_t> m_candidates;
};

}  // namespace

NearestPoint::NearestPoint(std::span<const Point> targets) : m_targets(targets.begin(), targets.end()) {}

void NearestPoint::nearest_all(std::span<const Point> queries, std::vector<std::int32_t>& target, std::vector<double>& distance) const {
    target.assign(queries.size(), -1);
    distance.assign(queries.size(), k_inf);
    if (m_targets.empty() || queries.empty()) return;
    const AllIndices all{m_targets.size()};
    if (m_targets.size() <= k_scan_limit) {
        parallel_chunks(queries.size(), [&](std::size_t b, std::size_t e) {
            for (std::size_t i = b; i < e; ++i) scan(m_targets, all, queries[i], target[i], distance[i]);
        });
        return;
    }
    const CandidateGrid grid(m_targets, queries);
    parallel_chunks(queries.size(), [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            const Point& q = queries[i];
            if (grid.usable() && std::isfinite(q.x()) && std::isfinite(q.y())) scan(m_targets, grid.candidates(q), q, target[i], distance[i]);
            else scan(m_targets, all, q, target[i], distance[i]);
        }
    });
}

}  // namespace keniki::index
