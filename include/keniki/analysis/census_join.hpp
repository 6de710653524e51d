#pragma once
// Joining an e-Stat statistics table to the small-area boundary layer on KEY_CODE, so that nobody is
// lost and nobody counted twice: rows whose people are counted in another row (HTKSYORI 2) get 0 and
// point to that row; merged rows (HTKSYORI 1) carry their merged areas' people; aggregate rows
// (HYOSYO 3) are never added on top of their own sub-areas.

#include <optional>
#include <string>
#include <vector>

#include "keniki/core/layer.hpp"
#include "keniki/io/estat_table.hpp"

namespace keniki::analysis {

struct CensusColumn {
    std::string source;  ///< column code ("T001082019") or exact Japanese label ("総数６５歳以上")
    std::string field;   ///< name of the field added to the layer ("pop_65plus")
};

struct CensusJoinOptions {
    std::string key_field = "KEY_CODE";  ///< the boundary layer's key field
    std::vector<CensusColumn> columns;   ///< what to join; each becomes a real-valued field
};

struct CensusJoinReport {
    std::size_t joined = 0;                              ///< features that found their row
    std::vector<std::string> layer_keys_not_in_table;    ///< features left without figures (null)
    std::vector<std::string> table_keys_not_in_layer;    ///< leaf rows with people but no polygon: those people are lost
    std::vector<std::pair<std::string, std::string>> counted_elsewhere;  ///< HTKSYORI 2: key -> key of the row counting them
    std::vector<std::string> secret_cells;               ///< "key column" of X cells in rows that are not HTKSYORI 2
    std::vector<double> joined_totals;                   ///< per column: sum over the layer's features
    std::vector<std::optional<double>> table_totals;     ///< per column: the table's own city-total row
};

/// Adds one real field per requested column to `areas` and fills it. Throws UsageError for unknown
/// columns or key field, DataError when an aggregate row and its own sub-areas are both in the layer
/// (double counting).
CensusJoinReport join_census(Layer& areas, const io::EstatTable& table, const CensusJoinOptions& options);

}  // namespace keniki::analysis
