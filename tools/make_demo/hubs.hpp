#pragma once
// The fictional town's welfare hubs, one tier each: the city's consultation centre
// (自立相談支援機関), a community welfare centre (地域福祉センター) per welfare area, a community hall
// (公民館) per neighbourhood, and the residents' salons (ふれあいいきいきサロン) in the villages.

#include <string>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "random.hpp"
#include "settlements.hpp"
#include "town_shape.hpp"

namespace keniki::demo {

struct Hub {
    std::string id;    ///< CC1, WC1.., CH1.., SA01..
    std::string kind;  ///< consultation_center, welfare_center, community_hall, salon
    std::string name;
    std::string name_en;
    Point at;  ///< local metres
    int staff = 1;     ///< people who serve there (the supply of the demo's access index)
};

std::vector<Hub> make_hubs(const TownShape& shape, const std::vector<Settlement>& settlements, Random& random);

}  // namespace keniki::demo
