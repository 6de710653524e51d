// Greedy + Teitz–Bart vertex interchange on a capped cost table, with incremental bookkeeping.
//
// For a swap (open a, close r) the change of Σ w_i d_i splits, after Resende & Werneck (2003), into
//   saved(a, r) = gain(a) - loss(r) + extra(a, r)
//   gain(a)     = Σ_{i in column a} w_i max(0, d1_i - c_ia)
//   loss(r)     = Σ_{i: best_i = r} w_i (d2_i - d1_i)
//   extra(a, r) = Σ_{i in column a, best_i = r, c_ia < d2_i} w_i (d2_i - max(c_ia, d1_i))
// with d1/d2 the costs of the best and second-best open site (capped at the unreached cost). One pass
// over column a gives saved(a, r) for every chosen r, so a sweep over all candidates costs one pass
// over the table, and a swap redoes only the rows in the columns of a and r. Coverage runs through the
// same code on a table of 0 (within reach) / 1 (not covered) costs.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "siting/detail.hpp"

namespace keniki::siting::detail {

namespace {
constexpr double k_inf = std::numeric_limits<double>::infinity();
}

double Deadline::seconds_left() const {
    return std::chrono::duration<double>(end - std::chrono::steady_clock::now()).count();
}

Assignment::Assignment(const Table& table)
    : m_table(table),
      m_open(table.sites, 0),
      m_position(table.sites, -1),
      m_best(table.points, k_none),
      m_d1(table.points, table.unreached),
      m_d2(table.points, table.unreached),
      m_stamp(table.points, 0),
      m_scatter(table.points, k_inf) {
    for (std::size_t j = table.candidates; j < table.sites; ++j) m_open[j] = 1;
    for (std::uint32_t i = 0; i < table.points; ++i) {
        recompute(i);
        add(i);
    }
}

void Assignment::recompute(std::uint32_t i) {
    std::uint32_t best = k_none;
    double d1 = m_table.unreached, d2 = m_table.unreached;
    for (std::uint32_t e = m_table.row_first[i]; e < m_table.row_first[i + 1]; ++e) {
        const std::uint32_t j = m_table.row_site[e];
        if (!m_open[j]) continue;
        const double c = m_table.row_cost[e];
        if (c < d1) {
            d2 = d1;
            d1 = c;
            best = j;
        } else if (c < d2) {
            d2 = c;
        }
    }
    m_best[i] = best;
    m_d1[i] = d1;
    m_d2[i] = d2;
}

void Assignment::drop(std::uint32_t i) {
    const double w = m_table.weight[i];
    m_total -= w * m_d1[i];
    if (m_best[i] != k_none && m_position[m_best[i]] >= 0) m_loss[static_cast<std::size_t>(m_position[m_best[i]])] -= w * (m_d2[i] - m_d1[i]);
}

void Assignment::add(std::uint32_t i) {
    const double w = m_table.weight[i];
    m_total += w * m_d1[i];
    if (m_best[i] != k_none && m_position[m_best[i]] >= 0) m_loss[static_cast<std::size_t>(m_position[m_best[i]])] += w * (m_d2[i] - m_d1[i]);
}

void Assignment::open(std::uint32_t site) {
    ++m_epoch;
    for (std::uint32_t e = m_table.col_first[site]; e < m_table.col_first[site + 1]; ++e) drop(m_table.col_point[e]);
    m_open[site] = 1;
    m_position[site] = static_cast<std::int32_t>(m_chosen.size());
    m_chosen.push_back(site);
    m_loss.push_back(0);
    for (std::uint32_t e = m_table.col_first[site]; e < m_table.col_first[site + 1]; ++e) {
        const std::uint32_t i = m_table.col_point[e];
        recompute(i);
        add(i);
    }
}

void Assignment::swap(std::size_t k, std::uint32_t a) {
    const std::uint32_t r = m_chosen[k];
    ++m_epoch;
    std::vector<std::uint32_t> touched;
    for (std::uint32_t s : {a, r}) {
        for (std::uint32_t e = m_table.col_first[s]; e < m_table.col_first[s + 1]; ++e) {
            const std::uint32_t i = m_table.col_point[e];
            if (m_stamp[i] == m_epoch) continue;
            m_stamp[i] = m_epoch;
            drop(i);
            touched.push_back(i);
        }
    }
    m_open[r] = 0;
    m_position[r] = -1;
    m_open[a] = 1;
    m_position[a] = static_cast<std::int32_t>(k);
    m_chosen[k] = a;
    m_loss[k] = 0;  // every point whose best was r was dropped: what is left is rounding
    for (std::uint32_t i : touched) {
        recompute(i);
        add(i);
    }
}

Value Assignment::value() const {
    Value v;
    for (std::size_t i = 0; i < m_table.points; ++i) v.total += m_table.weight[i] * m_d1[i];
    v.worst = worst();
    return v;
}

double Assignment::worst() const {
    double w = 0;
    for (std::size_t i = 0; i < m_table.points; ++i) {
        if (m_table.considered[i]) w = std::max(w, m_d1[i]);
    }
    return w;
}

void Assignment::evaluate(std::uint32_t a, Insertion& out) {
    out.gain = 0;
    out.swap_gain.assign(m_chosen.size(), 0.0);
    for (std::uint32_t e = m_table.col_first[a]; e < m_table.col_first[a + 1]; ++e) {
        const std::uint32_t i = m_table.col_point[e];
        const double c = m_table.col_cost[e], w = m_table.weight[i];
        const double d1 = m_d1[i], d2 = m_d2[i];
        if (c < d1) out.gain += w * (d1 - c);
        const std::uint32_t b = m_best[i];
        if (b != k_none && c < d2) {
            const std::int32_t k = m_position[b];
            if (k >= 0) out.swap_gain[static_cast<std::size_t>(k)] += w * (d2 - std::max(c, d1));
        }
    }
    for (std::size_t k = 0; k < m_chosen.size(); ++k) out.swap_gain[k] += out.gain - m_loss[k];
}

void Assignment::prepare_worst() {
    m_by_d1.clear();
    m_by_d2.assign(m_chosen.size(), {});
    for (std::uint32_t i = 0; i < m_table.points; ++i) {
        if (!m_table.considered[i]) continue;
        m_by_d1.push_back(i);
        if (m_best[i] != k_none && m_position[m_best[i]] >= 0) m_by_d2[static_cast<std::size_t>(m_position[m_best[i]])].push_back(i);
    }
    std::sort(m_by_d1.begin(), m_by_d1.end(), [&](std::uint32_t x, std::uint32_t y) { return m_d1[x] > m_d1[y]; });
    for (auto& list : m_by_d2) {
        std::sort(list.begin(), list.end(), [&](std::uint32_t x, std::uint32_t y) { return m_d2[x] > m_d2[y]; });
    }
}

void Assignment::scatter(std::uint32_t a) {
    for (std::uint32_t e = m_table.col_first[a]; e < m_table.col_first[a + 1]; ++e) m_scatter[m_table.col_point[e]] = m_table.col_cost[e];
}

void Assignment::unscatter(std::uint32_t a) {
    for (std::uint32_t e = m_table.col_first[a]; e < m_table.col_first[a + 1]; ++e) m_scatter[m_table.col_point[e]] = k_inf;
}

double Assignment::worst_after(std::uint32_t, std::size_t k) {
    const std::uint32_t r = k == k_none ? k_none : m_chosen[k];
    // Points not served by r, by d1 descending: each keeps min(d1, c_ia); the first one a does not
    // improve bounds all below it.
    double worst = 0;
    for (std::uint32_t i : m_by_d1) {
        if (worst >= m_d1[i]) break;
        if (r != k_none && m_best[i] == r) continue;
        const double s = m_scatter[i];
        if (s < m_d1[i]) {
            worst = std::max(worst, s);
            continue;
        }
        worst = m_d1[i];
        break;
    }
    if (r != k_none) {
        // Points served by r fall back to min(d2, c_ia).
        for (std::uint32_t i : m_by_d2[k]) {
            if (worst >= m_d2[i]) break;
            worst = std::max(worst, std::min(m_d2[i], m_scatter[i]));
        }
    }
    return worst;
}

namespace {

/// (worst, total) for equity, the total alone otherwise; smaller is better.
struct Score {
    double worst = 0;
    double total = 0;
};

struct Compare {
    bool equity;
    double tol_worst, tol_total;
    bool better(const Score& x, const Score& y) const {
        if (equity) {
            if (x.worst < y.worst - tol_worst) return true;
            if (x.worst > y.worst + tol_worst) return false;
        }
        return x.total < y.total - tol_total;
    }
};

Compare make_compare(const Table& t, bool equity) {
    double weight = 0;
    for (double w : t.weight) weight += w;
    return {equity, 1e-12 * std::max(1.0, t.unreached), 1e-10 * std::max(1.0, weight * t.unreached)};
}

/// The best candidate to open next among `pool` (all closed candidates when empty), or k_none.
std::uint32_t best_addition(Assignment& st, const Table& t, const Compare& cmp, const std::vector<std::uint32_t>& pool, Score& best_score) {
    Assignment::Insertion ins;
    if (cmp.equity) st.prepare_worst();
    std::uint32_t best = k_none;
    auto consider = [&](std::uint32_t a) {
        if (st.is_open(a)) return;
        st.evaluate(a, ins);
        Score s{0, st.total() - ins.gain};
        if (cmp.equity) {
            st.scatter(a);
            s.worst = st.worst_after(a, k_none);
            st.unscatter(a);
        }
        if (best == k_none || cmp.better(s, best_score)) {
            best = a;
            best_score = s;
        }
    };
    if (pool.empty()) {
        for (std::uint32_t a = 0; a < t.candidates; ++a) consider(a);
    } else {
        for (std::uint32_t a : pool) consider(a);
    }
    return best;
}

}  // namespace

HeuristicResult greedy_interchange(const Table& t, std::size_t add, bool equity, const Deadline& deadline) {
    HeuristicResult out;
    Assignment st(t);
    const Compare cmp = make_compare(t, equity);
    for (std::size_t step = 0; step < add; ++step) {
        Score s;
        const std::uint32_t a = best_addition(st, t, cmp, {}, s);
        if (a == k_none) break;
        st.open(a);
    }
    out.greedy = st.chosen();
    if (add == 0) {
        out.chosen = out.greedy;
        return out;
    }
    // Teitz–Bart: take each closed candidate in turn, swap it for the chosen site whose exchange
    // improves most, until a whole pass over the candidates finds nothing.
    Assignment::Insertion ins;
    if (equity) st.prepare_worst();
    Score current{equity ? st.worst() : 0, st.total()};
    const std::size_t max_swaps = 100 * add + 10000;
    std::uint32_t since_last = 0;
    for (std::uint32_t a = 0; since_last < t.candidates && out.swaps < max_swaps; a = (a + 1) % static_cast<std::uint32_t>(t.candidates)) {
        ++since_last;
        if (st.is_open(a)) continue;
        if (deadline.passed()) {
            out.stopped_by_time = true;
            break;
        }
        st.evaluate(a, ins);
        std::size_t best_k = k_none;
        Score best = current;
        if (equity) st.scatter(a);
        for (std::size_t k = 0; k < ins.swap_gain.size(); ++k) {
            Score s{0, current.total - ins.swap_gain[k]};
            if (equity) s.worst = st.worst_after(a, k);
            if (cmp.better(s, best)) {
                best = s;
                best_k = k;
            }
        }
        if (equity) st.unscatter(a);
        if (best_k == k_none) continue;
        st.swap(best_k, a);
        ++out.swaps;
        since_last = 0;
        current = Score{0, st.total()};
        if (equity) {
            st.prepare_worst();
            current.worst = st.worst();
        }
    }
    out.chosen = st.chosen();
    return out;
}

void order_by_gain(const Table& t, bool equity, std::vector<std::uint32_t>& chosen, std::vector<double>& gain) {
    Assignment st(t);
    const Compare cmp = make_compare(t, equity);
    std::vector<std::uint32_t> left = chosen, order;
    gain.clear();
    while (!left.empty()) {
        const Score before{equity ? st.worst() : 0, st.total()};
        Score s;
        const std::uint32_t a = best_addition(st, t, cmp, left, s);
        gain.push_back(equity ? before.worst - s.worst : before.total - s.total);
        order.push_back(a);
        st.open(a);
        left.erase(std::find(left.begin(), left.end(), a));
    }
    chosen = order;
}

double total_lower_bound(const Table& t, std::size_t add, const std::vector<std::uint32_t>& chosen) {
    Assignment st(t);
    for (std::uint32_t a : chosen) st.open(a);
    std::vector<double> gains;
    Assignment::Insertion ins;
    for (std::uint32_t a = 0; a < t.candidates; ++a) {
        if (st.is_open(a)) continue;
        st.evaluate(a, ins);
        gains.push_back(ins.gain);
    }
    const std::size_t k = std::min(add, gains.size());
    std::partial_sort(gains.begin(), gains.begin() + static_cast<std::ptrdiff_t>(k), gains.end(), std::greater<>());
    double saved = 0;
    for (std::size_t q = 0; q < k; ++q) saved += gains[q];
    return std::max(0.0, st.value().total - saved);
}

double worst_lower_bound(const Table& t) {
    double worst = 0;
    for (std::size_t i = 0; i < t.points; ++i) {
        if (!t.considered[i]) continue;
        double best = t.unreached;
        for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1]; ++e) best = std::min(best, t.row_cost[e]);
        worst = std::max(worst, best);
    }
    return worst;
}

double radius_lower_bound(const Table& t, std::size_t add) {
    std::vector<double> radii(t.row_cost);
    radii.push_back(t.unreached);
    std::sort(radii.begin(), radii.end());
    radii.erase(std::unique(radii.begin(), radii.end()), radii.end());
    std::vector<char> taken(t.candidates, 0);
    // True when `add` new sites cannot serve every considered point within radius R.
    auto too_few = [&](double R) {
        std::fill(taken.begin(), taken.end(), 0);
        std::size_t packed = 0;
        for (std::size_t i = 0; i < t.points; ++i) {
            if (!t.considered[i]) continue;
            bool fixed = false, any = false, free = true;
            for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1]; ++e) {
                if (t.row_cost[e] > R) continue;
                const std::uint32_t j = t.row_site[e];
                if (j >= t.candidates) {
                    fixed = true;
                    break;
                }
                any = true;
                free = free && !taken[j];
            }
            if (fixed || R >= t.unreached) continue;
            if (!any) return true;  // nothing within R serves it
            if (!free) continue;
            ++packed;
            for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1]; ++e) {
                if (t.row_cost[e] <= R) taken[t.row_site[e]] = 1;
            }
        }
        return packed > add;
    };
    // Binary search for the largest radius proven too small; the optimum is then the next cost up.
    double bound = 0;
    std::size_t lo = 0, hi = radii.size();  // search in [lo, hi)
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (too_few(radii[mid])) {
            if (mid + 1 < radii.size()) bound = std::max(bound, radii[mid + 1]);
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return std::max(bound, worst_lower_bound(t));
}

}  // namespace keniki::siting::detail
