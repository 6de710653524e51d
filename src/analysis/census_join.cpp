#include "keniki/analysis/census_join.hpp"

#include <set>
#include <unordered_map>

#include "keniki/core/error.hpp"

namespace keniki::analysis {

namespace {
bool is_leaf(const io::EstatRow& row) { return row.hyosyo == 2 || row.hyosyo == 4; }
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
    for (const auto& c : options.columns) out_fields.push_back(areas.add_field(Field{c.field, FieldType::real}));
    report.joined_totals.assign(columns.size(), 0.0);

    std::set<std::string> joined_keys;
    for (auto& f : areas.features) {
        const std::string key = as_text(f.values[*key_index]);
        const auto it = row_of.find(key);
        if (it == row_of.end()) {
            report.layer_keys_not_in_table.push_back(key);
            continue;
        }
        const io::EstatRow& row = table.rows[it->second];
        joined_keys.insert(key);
        ++report.joined;
        if (row.htksyori == 2) report.counted_elsewhere.emplace_back(key, row.htksaki);
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
            report.joined_totals[c] += v;
        }
    }
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
        // A leaf row without polygon loses its people, unless they are counted in a row that is joined.
        if (row.htksyori == 2 && joined_keys.count(row.htksaki)) continue;
        report.table_keys_not_in_layer.push_back(row.key_code);
    }
    for (const auto c : columns) {
        if (table.total_row) report.table_totals.push_back(table.rows[*table.total_row].cells[c].value);
        else report.table_totals.push_back(std::nullopt);
    }
    return report;
}

}  // namespace keniki::analysis
