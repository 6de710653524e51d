#include "town_shape.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/within.hpp>

namespace keniki::demo {

namespace {

constexpr double semi_axis_east_m = 12'500;   // the town is about 25 km east-west
constexpr double semi_axis_north_m = 10'000;  // and 20 km north-south

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

int wrap(int degree) { return ((degree % outline_samples) + outline_samples) % outline_samples; }

/// Radius of the ellipse with the town's semi-axes in direction `theta`.
double ellipse_radius(double theta) {
    const double c = std::cos(theta) * semi_axis_north_m, s = std::sin(theta) * semi_axis_east_m;
    return semi_axis_east_m * semi_axis_north_m / std::sqrt(c * c + s * s);
}

}  // namespace

TownShape::TownShape(Random& random) {
    // Irregular outline: an ellipse bent by a few waves of random phase (ridges and valleys at the
    // town's edge), plus a little smoothed roughness from degree to degree.
    struct Wave {
        int frequency;
        double amplitude;
        double phase;
    };
    std::vector<Wave> waves;
    for (auto [frequency, amplitude] : {std::pair{2, 0.05}, {3, 0.07}, {5, 0.05}, {8, 0.03}, {13, 0.02}})
        waves.push_back({frequency, amplitude, random.uniform(0, 2 * std::numbers::pi)});
    std::vector<double> rough(outline_samples);
    for (double& v : rough) v = random.uniform(-0.03, 0.03);

    m_radius.resize(outline_samples);
    for (int k = 0; k < outline_samples; ++k) {
        const double theta = radians(k);
        double factor = 1.0;
        for (const Wave& w : waves) factor += w.amplitude * std::sin(w.frequency * theta + w.phase);
        double smooth = 0;
        for (int j = -2; j <= 2; ++j) smooth += rough[static_cast<std::size_t>(wrap(k + j))] / 5.0;
        m_radius[static_cast<std::size_t>(k)] = ellipse_radius(theta) * (factor + smooth);
    }

    for (int k = 0; k < outline_samples; ++k) m_city.outer().push_back(vertex(k, 1.0));
    m_city.outer().push_back(m_city.outer().front());

    // Three welfare areas, the former towns: 中原 (the city hall, south-west), 北台 (north), 東谷 (east).
    m_welfare_areas = {
        {"W1", "中原", "Nakahara", "", 150, 300, 0, 1, {}},
        {"W2", "北台", "Kitadai", "", 30, 150, 0, 1, {}},
        {"W3", "東谷", "Higashidani", "", 300, 390, 0, 1, {}},
    };
    // Eight neighbourhood (地区社協) areas, each inside one welfare area.
    m_neighbourhoods = {
        {"N1", "中原中央", "Nakahara-chuo", "W1", 150, 300, 0, inner_ring, {}},
        {"N2", "西野", "Nishino", "W1", 150, 200, inner_ring, 1, {}},
        {"N3", "南台", "Minamidai", "W1", 200, 250, inner_ring, 1, {}},
        {"N4", "大田", "Ota", "W1", 250, 300, inner_ring, 1, {}},
        {"N5", "岩屋", "Iwaya", "W2", 30, 90, 0, 1, {}},
        {"N6", "北台", "Kitadai", "W2", 90, 150, 0, 1, {}},
        {"N7", "東谷", "Higashidani", "W3", 300, 390, 0, inner_ring, {}},
        {"N8", "川上", "Kawakami", "W3", 300, 390, inner_ring, 1, {}},
    };
    for (auto* areas : {&m_welfare_areas, &m_neighbourhoods})
        for (Area& a : *areas) a.polygon = sector(a.first_degree, a.last_degree, a.inner, a.outer);

    // The pieces must tile the town: a cheap guard against a typo in the tables above.
    double sum = 0;
    for (const Area& a : m_neighbourhoods) sum += boost::geometry::area(a.polygon);
    const double city_area = boost::geometry::area(m_city);
    if (std::abs(sum - city_area) > 1e-6 * city_area) throw std::logic_error("demo neighbourhoods do not tile the town");
}

Point TownShape::vertex(int degree, double level) const {
    const int k = wrap(degree);
    if (level == 0.0) return Point{0.0, 0.0};
    const double r = level * m_radius[static_cast<std::size_t>(k)];
    const double theta = radians(k);
    return Point{r * std::cos(theta), r * std::sin(theta)};
}

Polygon TownShape::sector(int first, int last, double inner, double outer) const {
    // Counter-clockwise: up the first ray, along the outer arc, down the last ray, back along the
    // inner arc. Rays carry every level (0, inner_ring, 1) between `inner` and `outer`.
    std::vector<double> levels;
    for (double level : {0.0, inner_ring, 1.0})
        if (level >= inner && level <= outer) levels.push_back(level);
    Polygon p;
    auto& ring = p.outer();
    for (double level : levels) {
        if (level == 0.0) ring.push_back(vertex(first, 0.0));
        else ring.push_back(vertex(first, level));
    }
    for (int k = first + 1; k < last; ++k) ring.push_back(vertex(k, outer));
    for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
        if (*it == 0.0) break;  // the centre is already the first vertex
        ring.push_back(vertex(last, *it));
    }
    if (inner > 0.0)
        for (int k = last - 1; k > first; --k) ring.push_back(vertex(k, inner));
    ring.push_back(ring.front());
    return p;
}

double TownShape::outline_distance(double angle_deg) const {
    double a = std::fmod(angle_deg, 360.0);
    if (a < 0) a += 360.0;
    const int k = static_cast<int>(std::floor(a));
    const Point p = vertex(k, 1.0), q = vertex(k + 1, 1.0);
    // Where the ray from the centre in direction a meets the chord p-q.
    const double dx = std::cos(radians(a)), dy = std::sin(radians(a));
    const double ex = q.x() - p.x(), ey = q.y() - p.y();
    const double denominator = dx * ey - dy * ex;
    return (p.x() * ey - p.y() * ex) / denominator;
}

Point TownShape::polar(double angle_deg, double fraction) const {
    const double d = fraction * outline_distance(angle_deg);
    return Point{d * std::cos(radians(angle_deg)), d * std::sin(radians(angle_deg))};
}

bool TownShape::inside(const Point& p, double margin_m) const {
    const double d = std::hypot(p.x(), p.y());
    if (d == 0.0) return true;
    const double angle = std::atan2(p.y(), p.x()) * 180.0 / std::numbers::pi;
    return d <= outline_distance(angle) - margin_m;
}

int TownShape::neighbourhood_of(const Point& p) const {
    for (std::size_t i = 0; i < m_neighbourhoods.size(); ++i)
        if (boost::geometry::within(p, m_neighbourhoods[i].polygon)) return static_cast<int>(i);
    return -1;
}

int TownShape::welfare_area_of(const Point& p) const {
    for (std::size_t i = 0; i < m_welfare_areas.size(); ++i)
        if (boost::geometry::within(p, m_welfare_areas[i].polygon)) return static_cast<int>(i);
    return -1;
}

}  // namespace keniki::demo
