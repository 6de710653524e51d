#pragma once
// Where the fictional town's people live: a main town around the city hall, the centres of the two
// other former towns, and villages (集落) in the valleys, each with a population and how remote it
// is (remote villages are older).

#include <string>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "town_shape.hpp"

namespace keniki::demo {

struct Settlement {
    std::string name;     ///< Japanese
    std::string name_en;  ///< romaji
    Point centre;         ///< local metres
    int population = 0;   ///< residents to place around it
    double spread_m = 0;  ///< standard deviation of the houses around the centre
    double remoteness = 0;  ///< 0 = the main town .. 1 = the most remote village (older households)
    int grid = 0;           ///< > 0: a town with a street grid of grid x grid junctions
};

/// The main town first, then the two former-town centres, then the villages.
std::vector<Settlement> make_settlements(const TownShape& shape);

/// People living along the roads between settlements (farmhouses), not in any settlement.
constexpr int scattered_population = 1'600;

}  // namespace keniki::demo
