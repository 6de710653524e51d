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

/// What becomes of areas whose people the table counts in another row (HTKSYORI 2, 秘匿処理).
enum class Suppression {
    keep,   ///< as published: the suppressed areas get 0, their people stay in the target row's area
    split,  ///< the target row's count is apportioned over the target and its suppressed areas
};

struct CensusJoinOptions {
    std::string key_field = "KEY_CODE";  ///< the boundary layer's key field
    std::vector<CensusColumn> columns;   ///< what to join; each becomes a real-valued field
    Suppression suppression = Suppression::keep;
    /// With split: the boundary layer's field that weights the shares (e-Stat boundaries carry the
    /// unsuppressed JINKO / SETAI); empty = by each polygon's area (in the layer's CRS units).
    std::string split_field = "JINKO";
};

/// One area whose people the table counts in another row.
struct SuppressedArea {
    std::string key, name;                 ///< the area (HTKSYORI 2)
    std::string target, target_name;       ///< the row that counts its people (HTKSAKI, followed to the end)
    std::vector<std::optional<double>> given;  ///< per column: what the area got (0 with keep; its share with split)
};

struct CensusJoinReport {
    std::size_t joined = 0;                              ///< features that found their row
    std::vector<std::string> layer_keys_not_in_table;    ///< features left without figures (null)
    std::vector<std::string> table_keys_not_in_layer;    ///< leaf rows with people but no polygon: those people are lost
    std::vector<SuppressedArea> suppressed;              ///< HTKSYORI 2 areas in the layer, in layer order
    std::string split_by;                                ///< with split: the weighting field, or "area"
    std::vector<std::string> secret_cells;               ///< "key column" of X cells in rows that are not HTKSYORI 2
    std::vector<double> joined_totals;                   ///< per column: sum over the layer's features
    std::vector<std::optional<double>> table_totals;     ///< per column: the table's own city-total row
};

/// Adds one real field per requested column to `areas` and fills it. With Suppression::split each
/// target row's count is shared out in whole people by largest remainders, so the column totals do not
/// change. Throws UsageError for unknown columns, key field or split field, DataError when an aggregate row and its own sub-areas are both in the layer
/// (double counting).
CensusJoinReport join_census(Layer& areas, const io::EstatTable& table, const CensusJoinOptions& options);

}  // namespace keniki::analysis
