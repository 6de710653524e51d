#pragma once
// Helpers the serve model's tier and access recomputations share (internal to src/serve).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "keniki/core/geometry.hpp"

namespace keniki::serve::detail {

/// Items grouped by a key (CSR): the items of group g are members[first[g] .. first[g + 1]),
/// ascending within each group; keys < 0 are left out.
inline void group(const std::vector<std::int32_t>& key, std::size_t groups, std::vector<std::int32_t>& first, std::vector<std::int32_t>& members) {
    first.assign(groups + 1, 0);
    for (const auto k : key)
        if (k >= 0) ++first[static_cast<std::size_t>(k) + 1];
    for (std::size_t g = 0; g < groups; ++g) first[g + 1] += first[g];
    members.resize(static_cast<std::size_t>(first[groups]));
    std::vector<std::int32_t> next(first.begin(), first.end() - 1);
    for (std::size_t i = 0; i < key.size(); ++i)
        if (key[i] >= 0) members[static_cast<std::size_t>(next[static_cast<std::size_t>(key[i])]++)] = static_cast<std::int32_t>(i);
}

/// Whether two points are the same place to the last bit (costs depend on places only).
inline bool same_place(const Point& a, const Point& b) { return a.x() == b.x() && a.y() == b.y(); }

}  // namespace keniki::serve::detail
