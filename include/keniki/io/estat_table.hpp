#pragma once
// e-Stat statistics tables (国勢調査 小地域集計, e.g. T001082) read as published: CP932, two header
// rows (column codes, then Japanese labels), a city-total row, suppression columns HTKSYORI /
// HTKSAKI / GASSAN, and "X" (秘匿, secret) / "-" (zero) cells.

#include <optional>
#include <string>
#include <vector>

namespace keniki::io {

/// One cell: a count, or secret ("X": the people are counted in another row, see HTKSAKI).
struct EstatCell {
    std::optional<double> value;  ///< "-" reads as 0; "X" and blanks as nullopt
    bool secret = false;          ///< the cell was "X"
};

struct EstatRow {
    std::string key_code;          ///< KEY_CODE: municipality code + small-area code (9 or 11 digits), or the city code
    int hyosyo = 0;                ///< HYOSYO level: 1 city total, 2 area without sub-areas, 3 area with sub-areas, 4 sub-area
    std::string name;              ///< NAME (empty for the city row)
    int htksyori = 0;              ///< 0 normal, 1 this row includes the merged areas in GASSAN, 2 counted in HTKSAKI
    std::string htksaki;           ///< KEY_CODE (expanded to full length) of the row that counts this area's people
    std::vector<std::string> gassan;  ///< KEY_CODEs (expanded) of the areas merged into this row
    std::vector<EstatCell> cells;  ///< one per statistics column, in table order
    std::int64_t line = 0;         ///< line in the file, for messages
};

struct EstatTable {
    std::string path;
    std::string city_code;                 ///< 5-digit municipality code (from the total row)
    std::vector<std::string> column_codes; ///< statistics columns: "T001082001", ...
    std::vector<std::string> column_labels;///< their Japanese labels: "総数、年齢「不詳」含む", ...
    std::vector<EstatRow> rows;            ///< every row but the label row, in file order
    std::optional<std::size_t> total_row;  ///< index in rows of the HYOSYO 1 (city total) row

    /// Column index by code ("T001082019") or exact label ("総数６５歳以上"); nullopt when absent.
    std::optional<std::size_t> column(const std::string& code_or_label) const;
    /// Index in rows of a KEY_CODE; nullopt when absent.
    std::optional<std::size_t> find_row(const std::string& key_code) const;
};

/// Reads a table. `encoding` as for read_layer ("" = detect). Throws DataError naming the file and
/// line when the layout is not an e-Stat table (no KEY_CODE/HTKSYORI columns, bad numbers).
EstatTable read_estat_table(const std::string& path, const std::string& encoding = "");

}  // namespace keniki::io
