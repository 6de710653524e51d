#include "keniki/index/nearest_point.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "keniki/core/parallel.hpp"

namespace keniki::index {

namespace {

constexpr double k_inf = std::numeric_limits<double>::infinity();

/// Few targets (a tier with one or ten hubs): scanning them all beats any index.
constexpr std::size_t k_scan_limit = 32;

/// Up to this many targets (hubs) the candidate grid is filled by scanning every target per cell;
/// more (bus stops of a prefecture) are found per cell through an R-tree.
constexpr std::size_t k_scan_targets = 512;

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
        // About 16 queries a cell; up to k_scan_targets targets are listed by scanning them all for
        // every cell, so then the cells are fewer (at most 8 million cell x target pairs).
        const bool by_scan = targets.size() <= k_scan_targets;
        double cells = std::clamp(static_cast<double>(finite) / 16.0, 1.0, 65536.0);
        if (by_scan) cells = std::max(1.0, std::min(cells, 8e6 / static_cast<double>(targets.size())));
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
        m_slack = side * 1e-6 + 1e-9 * (std::abs(x0) + std::abs(y0) + w + h);
        const std::size_t n_cells = m_nx * m_ny;
        std::vector<std::vector<std::int32_t>> lists(n_cells);
        if (by_scan) list_by_scan(targets, lists);
        else list_by_tree(targets, lists);
        m_first.assign(n_cells + 1, 0);
        for (std::size_t c = 0; c < n_cells; ++c) m_first[c + 1] = m_first[c] + static_cast<std::uint32_t>(lists[c].size());
        m_candidates.resize(m_first.back());
        parallel_chunks(
            n_cells, [&](std::size_t b, std::size_t e) {
                for (std::size_t c = b; c < e; ++c) std::copy(lists[c].begin(), lists[c].end(), m_candidates.begin() + m_first[c]);
            },
            4096);
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
    struct CellBox {
        double x0, y0, x1, y1;
    };
    CellBox box(std::size_t c) const {
        const std::size_t cx = c % m_nx, cy = c / m_nx;
        return {m_x0 + static_cast<double>(cx) * m_side - m_slack, m_y0 + static_cast<double>(cy) * m_side - m_slack,
                m_x0 + static_cast<double>(cx + 1) * m_side + m_slack, m_y0 + static_cast<double>(cy + 1) * m_side + m_slack};
    }
    static double min_d2(const CellBox& b, const Point& t) {
        const double dx = t.x() < b.x0 ? b.x0 - t.x() : (t.x() > b.x1 ? t.x() - b.x1 : 0.0);
        const double dy = t.y() < b.y0 ? b.y0 - t.y() : (t.y() > b.y1 ? t.y() - b.y1 : 0.0);
        return dx * dx + dy * dy;
    }
    static double max_d2(const CellBox& b, const Point& t) {
        const double dx = std::max(std::abs(t.x() - b.x0), std::abs(t.x() - b.x1));
        const double dy = std::max(std::abs(t.y() - b.y0), std::abs(t.y() - b.y1));
        return dx * dx + dy * dy;
    }

    /// Few cells x targets: every target against every cell. The bound is the smallest farthest
    /// distance; every target no farther than it (ascending index) is a candidate.
    void list_by_scan(const std::vector<Point>& targets, std::vector<std::vector<std::int32_t>>& lists) const {
        parallel_chunks(
            lists.size(),
            [&](std::size_t b, std::size_t e) {
                for (std::size_t c = b; c < e; ++c) {
                    const CellBox cb = box(c);
                    double m = k_inf;
                    for (const auto& t : targets) m = std::min(m, max_d2(cb, t));
                    m *= 1 + 1e-12;
                    for (std::size_t k = 0; k < targets.size(); ++k) {
                        if (min_d2(cb, targets[k]) <= m) lists[c].push_back(static_cast<std::int32_t>(k));
                    }
                }
            },
            256);
    }

    /// Many targets (thousands of stops): an R-tree finds the target nearest the cell's centre, whose
    /// farthest distance bounds the search box; the exact bound is then taken over what that box holds
    /// (the target with the smallest farthest distance is always inside it).
    void list_by_tree(const std::vector<Point>& targets, std::vector<std::vector<std::int32_t>>& lists) const {
        namespace bgi = boost::geometry::index;
        using Entry = std::pair<Point, std::int32_t>;
        std::vector<Entry> entries;
        entries.reserve(targets.size());
        for (std::size_t k = 0; k < targets.size(); ++k) entries.emplace_back(targets[k], static_cast<std::int32_t>(k));
        const bgi::rtree<Entry, bgi::rstar<16>> tree(entries.begin(), entries.end());
        parallel_chunks(
            lists.size(),
            [&](std::size_t b, std::size_t e) {
                std::vector<Entry> hits;
                for (std::size_t c = b; c < e; ++c) {
                    const CellBox cb = box(c);
                    hits.clear();
                    tree.query(bgi::nearest(Point{(cb.x0 + cb.x1) / 2, (cb.y0 + cb.y1) / 2}, 1), std::back_inserter(hits));
                    const double reach = std::sqrt(max_d2(cb, hits.front().first)) * (1 + 1e-9);
                    hits.clear();
                    tree.query(bgi::intersects(Box{Point{cb.x0 - reach, cb.y0 - reach}, Point{cb.x1 + reach, cb.y1 + reach}}), std::back_inserter(hits));
                    double m = k_inf;
                    for (const auto& h : hits) m = std::min(m, max_d2(cb, h.first));
                    m *= 1 + 1e-12;
                    auto& list = lists[c];
                    for (const auto& h : hits) {
                        if (min_d2(cb, h.first) <= m) list.push_back(h.second);
                    }
                    std::sort(list.begin(), list.end());
                }
            },
            256);
    }

    double m_slack = 0;
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
