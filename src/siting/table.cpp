// Checking a Problem and turning it into the tables the solvers share.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "keniki/core/error.hpp"
#include "siting/detail.hpp"

namespace keniki::siting::detail {

namespace {
std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}
}  // namespace

void validate(const Problem& p, const Options& o, bool uses_add) {
    const std::size_t n = p.demand.size();
    const std::string pre = "siting: ";
    if (p.candidates + p.fixed > std::size_t{k_none}) {
        throw DataError(pre + std::to_string(p.candidates + p.fixed) + " sites are more than 32-bit site ids can hold");
    }
    if (p.first.size() != n + 1) {
        throw DataError(pre + "Problem::first has " + std::to_string(p.first.size()) + " offsets, but " + std::to_string(n) +
                        " demand points need " + std::to_string(n + 1));
    }
    if (p.site.size() != p.cost.size()) {
        throw DataError(pre + "Problem::site has " + std::to_string(p.site.size()) + " entries and Problem::cost " +
                        std::to_string(p.cost.size()) + ": one site and one cost per pair");
    }
    if (p.first.front() != 0 || p.first.back() != p.site.size()) {
        throw DataError(pre + "Problem::first must run from 0 to the number of pairs (" + std::to_string(p.site.size()) +
                        "), not from " + std::to_string(p.first.front()) + " to " + std::to_string(p.first.back()));
    }
    if (!(p.reach >= 0) || !std::isfinite(p.reach)) {
        throw DataError(pre + "reach must be a finite cost >= 0, not " + num(p.reach));
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (p.first[i] > p.first[i + 1]) {
            throw DataError(pre + "Problem::first decreases at demand point " + std::to_string(i) + " (" +
                            std::to_string(p.first[i]) + " > " + std::to_string(p.first[i + 1]) + ")");
        }
    }
    const std::size_t sites = p.candidates + p.fixed;
    std::vector<std::uint32_t> seen(sites, k_none);
    for (std::size_t i = 0; i < n; ++i) {
        const double w = p.demand[i];
        if (!(w >= 0) || !std::isfinite(w)) {
            throw DataError(pre + "demand point " + std::to_string(i) + " has weight " + num(w) +
                            ": weights must be finite and >= 0");
        }
        for (std::uint32_t e = p.first[i]; e < p.first[i + 1]; ++e) {
            const std::uint32_t j = p.site[e];
            const double c = p.cost[e];
            if (j >= sites) {
                throw DataError(pre + "demand point " + std::to_string(i) + " lists site " + std::to_string(j) + ", but there are " +
                                std::to_string(p.candidates) + " candidates and " + std::to_string(p.fixed) + " fixed hubs (ids 0.." +
                                std::to_string(sites == 0 ? 0 : sites - 1) + ")");
            }
            if (std::isnan(c) || c < 0 || !std::isfinite(c)) {
                throw DataError(pre + "demand point " + std::to_string(i) + ", site " + std::to_string(j) + " has cost " +
                                num(c) + ": costs must be finite and >= 0 (leave out a pair that is out of reach)");
            }
            if (seen[j] == i) {
                throw DataError(pre + "demand point " + std::to_string(i) + " lists site " + std::to_string(j) + " twice");
            }
            seen[j] = static_cast<std::uint32_t>(i);
        }
    }
    if (uses_add && o.add > p.candidates) {
        throw UsageError(pre + "cannot add " + std::to_string(o.add) + " sites: there are only " + std::to_string(p.candidates) +
                         " candidates");
    }
    if (!(o.time_limit_s > 0)) {
        throw UsageError(pre + "time_limit_s must be > 0 seconds, not " + num(o.time_limit_s));
    }
    if (o.unreached_cost && (!(*o.unreached_cost >= 0) || !std::isfinite(*o.unreached_cost))) {
        throw UsageError(pre + "unreached_cost must be a finite cost >= 0, not " + num(*o.unreached_cost));
    }
}

double unreached_cost(const Problem& p, const Options& o) {
    if (o.unreached_cost) return *o.unreached_cost;
    double largest = 0;
    for (double c : p.cost) largest = std::max(largest, c);
    return largest > 0 ? 2 * largest : 1;
}

namespace {

Table make_table(const Problem& p, double unreached, bool coverage) {
    Table t;
    t.points = p.demand.size();
    t.candidates = p.candidates;
    t.sites = p.candidates + p.fixed;
    t.weight = p.demand;
    t.unreached = unreached;
    t.considered.assign(t.points, 0);
    t.row_first.assign(t.points + 1, 0);
    t.row_site.reserve(p.site.size());
    t.row_cost.reserve(p.site.size());
    std::vector<std::uint32_t> count(t.sites + 1, 0);
    for (std::size_t i = 0; i < t.points; ++i) {
        t.considered[i] = p.demand[i] > 0 && p.first[i + 1] > p.first[i];
        for (std::uint32_t e = p.first[i]; e < p.first[i + 1]; ++e) {
            const double c = coverage ? (p.cost[e] <= p.reach ? 0.0 : unreached) : p.cost[e];
            if (c >= unreached) continue;
            t.row_site.push_back(p.site[e]);
            t.row_cost.push_back(c);
            ++count[p.site[e] + 1];
        }
        t.row_first[i + 1] = static_cast<std::uint32_t>(t.row_site.size());
    }
    for (std::size_t j = 0; j < t.sites; ++j) count[j + 1] += count[j];
    t.col_first = count;
    t.col_point.resize(t.row_site.size());
    t.col_cost.resize(t.row_site.size());
    for (std::size_t i = 0; i < t.points; ++i) {
        for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1]; ++e) {
            const std::uint32_t at = count[t.row_site[e]]++;
            t.col_point[at] = static_cast<std::uint32_t>(i);
            t.col_cost[at] = t.row_cost[e];
        }
    }
    return t;
}

}  // namespace

Table cost_table(const Problem& p, double unreached) { return make_table(p, unreached, false); }

Table coverage_table(const Problem& p) { return make_table(p, 1.0, true); }

double covered(const Problem& p, const std::vector<std::uint32_t>& chosen) {
    std::vector<char> open(p.candidates + p.fixed, 0);
    for (std::size_t j = p.candidates; j < open.size(); ++j) open[j] = 1;
    for (std::uint32_t j : chosen) open[j] = 1;
    double sum = 0;
    for (std::size_t i = 0; i < p.demand.size(); ++i) {
        for (std::uint32_t e = p.first[i]; e < p.first[i + 1]; ++e) {
            if (open[p.site[e]] && p.cost[e] <= p.reach) {
                sum += p.demand[i];
                break;
            }
        }
    }
    return sum;
}

}  // namespace keniki::siting::detail
