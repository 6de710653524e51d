#include "keniki/io/estat_table.hpp"

#include <cmath>

#include "keniki/core/error.hpp"
#include "keniki/io/read_layer.hpp"

namespace keniki::io {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

/// HTKSAKI / GASSAN give the small-area part of a key; the full KEY_CODE is the city code before it.
std::string expand_key(const std::string& city_code, const std::string& part) {
    const std::string p = trim(part);
    if (p.empty() || p.size() >= 9) return p;
    return city_code + p;
}

std::vector<std::string> split_keys(const std::string& city_code, const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find(';', start);
        const std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!trim(part).empty()) out.push_back(expand_key(city_code, part));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace

std::optional<std::size_t> EstatTable::column(const std::string& code_or_label) const {
    for (std::size_t i = 0; i < column_codes.size(); ++i) {
        if (column_codes[i] == code_or_label || column_labels[i] == code_or_label) return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> EstatTable::find_row(const std::string& key_code) const {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].key_code == key_code) return i;
    }
    return std::nullopt;
}

EstatTable read_estat_table(const std::string& path, const std::string& encoding) {
    ReadOptions options;
    options.encoding = encoding;
    ReadReport report;
    const Layer layer = read_layer(path, options, &report);  // CSV reader: encoding, quoting
    const Where where{path};
    const auto key = layer.field_index("KEY_CODE");
    const auto hyosyo = layer.field_index("HYOSYO");
    const auto name = layer.field_index("NAME");
    const auto htksyori = layer.field_index("HTKSYORI");
    const auto htksaki = layer.field_index("HTKSAKI");
    const auto gassan = layer.field_index("GASSAN");
    if (!key || !hyosyo || !htksyori || !htksaki || !gassan)
        throw DataError("not an e-Stat small-area table: the columns KEY_CODE, HYOSYO, HTKSYORI, HTKSAKI and GASSAN are expected",
                        where);
    if (layer.features.empty()) throw DataError("the table has no rows", where);

    EstatTable table;
    table.path = path;
    // Statistics columns: everything after GASSAN (and any other code column before it is skipped).
    std::vector<std::size_t> stat_fields;
    for (std::size_t i = *gassan + 1; i < layer.fields.size(); ++i) {
        stat_fields.push_back(i);
        table.column_codes.push_back(layer.fields[i].name);
    }
    // The second header row: labels, with an empty KEY_CODE.
    const Feature& labels = layer.features.front();
    if (!trim(as_text(labels.values[*key])).empty())
        throw DataError("the second header row (Japanese column labels) is missing: line 2 has a KEY_CODE", Where{path, {}, {}, {}, 2});
    for (auto i : stat_fields) table.column_labels.push_back(trim(as_text(labels.values[i])));

    for (std::size_t r = 1; r < layer.features.size(); ++r) {
        const Feature& f = layer.features[r];
        EstatRow row;
        row.line = f.id + 1;  // FID 1 = line 2 (the label row)
        const Where at{path, {}, {}, {}, row.line};
        row.key_code = trim(as_text(f.values[*key]));
        if (row.key_code.empty()) continue;  // blank trailing lines
        const auto level = as_number(f.values[*hyosyo]);
        if (!level) {
            Where w = at;
            w.field = "HYOSYO";
            throw DataError("HYOSYO is not a number: '" + as_text(f.values[*hyosyo]) + "'", w);
        }
        if (*level != std::floor(*level) || *level < 1 || *level > 9) {
            Where w = at;
            w.field = "HYOSYO";
            throw DataError("HYOSYO is not a level (a whole number, 1 for the city row to 4 for sub-areas): '" +
                                as_text(f.values[*hyosyo]) + "'", w);
        }
        row.hyosyo = static_cast<int>(*level);
        if (name) row.name = trim(as_text(f.values[*name]));
        if (row.hyosyo == 1) table.city_code = row.key_code.substr(0, 5);
        const auto s = as_number(f.values[*htksyori]);
        if (s && *s != 0 && *s != 1 && *s != 2) {
            Where w = at;
            w.field = "HTKSYORI";
            throw DataError("HTKSYORI must be 0, 1 (includes merged areas) or 2 (counted in HTKSAKI), not '" +
                                as_text(f.values[*htksyori]) + "'", w);
        }
        row.htksyori = s ? static_cast<int>(*s) : 0;
        row.htksaki = as_text(f.values[*htksaki]);
        row.gassan = {as_text(f.values[*gassan])};
        for (auto i : stat_fields) {
            const std::string text = trim(as_text(f.values[i]));
            EstatCell cell;
            if (text == "X" || text == "x") cell.secret = true;
            else if (text == "-") cell.value = 0.0;
            else if (!text.empty()) {
                cell.value = as_number(Value{text});
                if (!cell.value) {
                    Where w = at;
                    w.field = layer.fields[i].name;
                    throw DataError("not a count: '" + text + "'", w);
                }
            }
            row.cells.push_back(cell);
        }
        if (row.hyosyo == 1) table.total_row = table.rows.size();
        table.rows.push_back(std::move(row));
    }
    if (table.city_code.empty() && !table.rows.empty()) table.city_code = table.rows.front().key_code.substr(0, 5);
    // Suppression targets are written as the small-area part of the key: expand them now that the
    // city code is known.
    for (auto& row : table.rows) {
        row.htksaki = expand_key(table.city_code, row.htksaki);
        std::vector<std::string> merged;
        for (const auto& part : row.gassan) {
            for (auto& k : split_keys(table.city_code, part)) merged.push_back(std::move(k));
        }
        row.gassan = std::move(merged);
    }
    return table;
}

}  // namespace keniki::io
