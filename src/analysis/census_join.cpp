#include "keniki/analysis/census_join.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "keniki/core/error.hpp"
#include "keniki/geom/overlay.hpp"

namespace keniki::analysis {

namespace {
bool is_leaf(const io::EstatRow& row) { return row.hyosyo == 2 || row.hyosyo == 4; }

/// Shares `total` out by `weights`: whole people by largest remainders when the total is whole (so the
/// shares add up to it exactly), plain proportions otherwise. Zero weights everywhere share equally.
std::vector<double> apportion(double total, std::vector<double> weights) {
    double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (!(sum > 0)) {
        std::fill(weights.begin(), weights.end(), 1.0);
        sum = static_cast<double>(weights.size());
    }
    std::vector<double> exact(weights.size());
    for (std::size_t i = 0; i < weights.size(); ++i) exact[i] = total * weights[i] / sum;
    if (total != std::floor(total) || total > 9e15) return exact;
    std::vector<double> share(exact.size());
    double given = 0;
    for (std::size_t i = 0; i < exact.size(); ++i) given += share[i] = std::floor(exact[i]);
    std::vector<std::size_t> order(share.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return exact[a] - share[a] > exact[b] - share[b]; });
    for (std::size_t k = 0; given < total && k < order.size(); ++k, given += 1) share[order[k]] += 1;
    return share;
}

/// The row that finally counts a suppressed row's people (HTKSAKI may point at another suppressed row).
std::string final_target(const io::EstatTable& table, const std::unordered_map<std::string, std::size_t>& row_of, const io::EstatRow& row) {
    std::string target = row.htksaki;
    for (int hops = 0; hops < 16; ++hops) {
        const auto it = row_of.find(target);
        if (it == row_of.end() || table.rows[it->second].htksyori != 2) return target;
        target = table.rows[it->second].htksaki;
    }
    return target;
}

}  // namespace

CensusJoinReport join_census(Layer& areas, const io::EstatTable& table, const CensusJoinOptions& options) {
    const auto key_index = areas.field_index(options.key_field);
    if (!key_index) throw UsageError("the boundary layer has no field '" + options.key_field + "' to join on", Where{{}, areas.name});
    std::vector<std::size_t> columns;
    for (const auto& c : options.columns) {
        const auto idx = table.column(c.source);
        if (!idx) throw UsageError("the statistics table has no column '" + c.source + "'", Where{table.path});
        columns.push_back(*idx);
    }
    std::unordered_map<std::string, std::size_t> row_of;
    for (std::size_t i = 0; i < table.rows.size(); ++i) row_of.emplace(table.rows[i].key_code, i);

    CensusJoinReport report;
    std::vector<std::size_t> out_fields;
    std::optional<std::size_t> split_field;
    if (options.suppression == Suppression::split && !options.split_field.empty()) {
        split_field = areas.field_index(options.split_field);
        if (!split_field)
            throw UsageError("the boundary layer has no field '" + options.split_field +
                                 "' to split suppressed census areas by (e-Stat boundaries have JINKO and SETAI; or split by area)",
                             Where{{}, areas.name});
    }
    if (options.suppression == Suppression::split) report.split_by = split_field ? options.split_field : "area";
    for (const auto& c : options.columns) out_fields.push_back(areas.add_field(Field{c.field, FieldType::real}));
    report.joined_totals.assign(columns.size(), 0.0);
    // Features in each target row's group (the target's own feature and its suppressed areas), for split.
    std::map<std::string, std::vector<std::size_t>> group;
    std::vector<std::size_t> suppressed_feature;

    std::set<std::string> joined_keys;
    for (std::size_t fi = 0; fi < areas.features.size(); ++fi) {
        Feature& f = areas.features[fi];
        const std::string key = as_text(f.values[*key_index]);
        const auto it = row_of.find(key);
        if (it == row_of.end()) {
            report.layer_keys_not_in_table.push_back(key);
            continue;
        }
        const io::EstatRow& row = table.rows[it->second];
        joined_keys.insert(key);
        ++report.joined;
        if (row.htksyori == 2) {
            SuppressedArea s{key, row.name, final_target(table, row_of, row), {}, {}};
            if (const auto t = row_of.find(s.target); t != row_of.end()) s.target_name = table.rows[t->second].name;
            group[s.target].push_back(fi);
            report.suppressed.push_back(std::move(s));
            suppressed_feature.push_back(fi);
        }
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const io::EstatCell& cell = row.cells[columns[c]];
            double v = 0.0;
            if (row.htksyori == 2) v = 0.0;  // these people are in row.htksaki's figures
            else if (cell.secret || !cell.value) {
                report.secret_cells.push_back(key + " " + table.column_codes[columns[c]]);
                f.values[out_fields[c]] = std::monostate{};
                continue;
            } else v = *cell.value;
            f.values[out_fields[c]] = v;
        }
    }
    if (options.suppression == Suppression::split) {
        for (std::size_t fi = 0; fi < areas.features.size(); ++fi) {  // the targets' own areas first in their groups
            const auto g = group.find(as_text(areas.features[fi].values[*key_index]));
            if (g != group.end()) g->second.insert(g->second.begin(), fi);
        }
        for (auto& [target, members] : group) {
            const auto t = row_of.find(target);
            std::vector<double> weights;
            for (const std::size_t fi : members) {
                const Feature& f = areas.features[fi];
                weights.push_back(split_field ? std::max(0.0, as_number(f.values[*split_field]).value_or(0.0))
                                              : geom::area(geom::as_multi_polygon(f.geometry)));
            }
            for (std::size_t c = 0; c < columns.size(); ++c) {
                const std::optional<double> total = t == row_of.end() ? std::nullopt : table.rows[t->second].cells[columns[c]].value;
                if (!total) {
                    for (const std::size_t fi : members) areas.features[fi].values[out_fields[c]] = std::monostate{};
                    continue;
                }
                const std::vector<double> shares = apportion(*total, weights);
                for (std::size_t m = 0; m < members.size(); ++m) areas.features[members[m]].values[out_fields[c]] = shares[m];
            }
        }
    }
    for (std::size_t s = 0; s < suppressed_feature.size(); ++s)
        for (std::size_t c = 0; c < columns.size(); ++c)
            report.suppressed[s].given.push_back(as_number(areas.features[suppressed_feature[s]].values[out_fields[c]]));
    for (const auto& f : areas.features)
        for (std::size_t c = 0; c < columns.size(); ++c) report.joined_totals[c] += as_number(f.values[out_fields[c]]).value_or(0.0);
    // Aggregate rows joined together with their own sub-areas would count people twice.
    for (const auto& key : joined_keys) {
        const io::EstatRow& row = table.rows[row_of.at(key)];
        if (row.hyosyo != 3) continue;
        for (const auto& other : joined_keys) {
            if (other != key && other.size() > key.size() && other.compare(0, key.size(), key) == 0)
                throw DataError("KEY_CODE " + key + " (" + row.name + ") is the total of sub-areas such as " + other +
                                    " that are also in the layer: its people would be counted twice",
                                Where{table.path, areas.name, {}, options.key_field});
        }
    }
    for (const auto& row : table.rows) {
        if (!is_leaf(row) || joined_keys.count(row.key_code)) continue;
        // A leaf row without polygon loses its people, unless they are counted in a row that is joined
        // (or, with split, shared out over its suppressed areas that are).
        if (row.htksyori == 2 && joined_keys.count(final_target(table, row_of, row))) continue;
        if (options.suppression == Suppression::split && group.count(row.key_code)) continue;
        report.table_keys_not_in_layer.push_back(row.key_code);
    }
    for (const auto c : columns) {
        if (table.total_row) report.table_totals.push_back(table.rows[*table.total_row].cells[c].value);
        else report.table_totals.push_back(std::nullopt);
    }
    return report;
}

}  // namespace keniki::analysis
