#pragma once
// The fictional town's residents: households placed in the settlements and along the roads, with
// ages drawn per household type. Remote villages have more elderly singles and couples, the main
// town more families, so the old-age share rises from under 40% in the centre to over 50% at the
// edges (about 45% overall, 25% aged 75+, 11% under 15, ~2 people per household).

#include <cstdint>
#include <string>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "network.hpp"
#include "random.hpp"
#include "settlements.hpp"
#include "town_shape.hpp"

namespace keniki::demo {

struct Resident {
    std::int64_t id = 0;
    std::int64_t household = 0;
    Point at;  ///< local metres; a household's members share their house's point
    int age = 0;
};

std::vector<Resident> make_residents(const TownShape& shape, const std::vector<Settlement>& settlements,
                                     const Network& net, Random& random);

/// "0-14", "15-64", "65-74", "75-84", "85+".
std::string age_band(int age);

}  // namespace keniki::demo
