#include "settlements.hpp"

#include <cmath>
#include <numbers>

namespace keniki::demo {

namespace {

Point at_distance(double angle_deg, double metres) {
    const double a = angle_deg * std::numbers::pi / 180.0;
    return Point{metres * std::cos(a), metres * std::sin(a)};
}

}  // namespace

std::vector<Settlement> make_settlements(const TownShape& shape) {
    // Villages: name, romaji, direction (degrees from east), share of the outline distance,
    // population, spread, remoteness.
    struct Village {
        const char* name;
        const char* name_en;
        double angle;
        double fraction;
        int population;
        double spread;
        double remoteness;
    };
    static const Village villages[] = {
        // 中原 welfare area (south-west)
        {"平原", "Hirahara", 160, 0.35, 420, 250, 0.45},
        {"西野", "Nishino", 175, 0.68, 820, 300, 0.6},
        {"赤坂", "Akasaka", 195, 0.88, 300, 200, 0.9},
        {"南台", "Minamidai", 228, 0.72, 900, 330, 0.55},
        {"石田", "Ishida", 245, 0.90, 260, 200, 0.85},
        {"大田", "Ota", 272, 0.66, 700, 300, 0.6},
        {"市場", "Ichiba", 290, 0.86, 300, 200, 0.9},
        // 北台 welfare area (north)
        {"秋川", "Akigawa", 125, 0.75, 450, 250, 0.75},
        {"上野", "Uwano", 140, 0.90, 200, 180, 1.0},
        {"岩屋", "Iwaya", 55, 0.62, 600, 280, 0.7},
        {"台上", "Daijo", 40, 0.88, 200, 180, 1.0},
        {"小杉", "Kosugi", 75, 0.85, 250, 200, 0.9},
        // 東谷 welfare area (east)
        {"川上", "Kawakami", 10, 0.72, 500, 250, 0.75},
        {"滝口", "Takiguchi", 320, 0.80, 300, 200, 0.9},
        {"奥畑", "Okuhata", 350, 0.92, 180, 160, 1.0},
    };

    std::vector<Settlement> out;
    out.push_back({"中原", "Nakahara", at_distance(225, 3'500), 7'800, 800, 0.0, 7});  // city hall, station
    out.push_back({"北台", "Kitadai", at_distance(95, 6'000), 2'200, 480, 0.35, 3});
    out.push_back({"東谷", "Higashidani", at_distance(340, 4'000), 2'000, 450, 0.35, 3});
    for (const Village& v : villages)
        out.push_back({v.name, v.name_en, shape.polar(v.angle, v.fraction), v.population, v.spread, v.remoteness, 0});
    return out;
}

}  // namespace keniki::demo
