#pragma once
// The outline of the fictional town and its nested areas, in local metres (x east, y north) around
// the town's centre. The outline is star-shaped: a radius r(θ) sampled at every whole degree.
// Welfare areas are angular sectors from the centre; neighbourhoods are sub-sectors and inner/outer
// rings of them. Every polygon is built from the same vertex table, and every ray between two areas
// carries the same three vertices (centre, inner ring, outline), so shared edges are identical and
// the areas nest exactly, without gaps or overlaps, also after the transform to lon/lat.

#include <string>
#include <vector>

#include "keniki/core/geometry.hpp"
#include "random.hpp"

namespace keniki::demo {

constexpr int outline_samples = 360;  ///< one vertex per whole degree
constexpr double inner_ring = 0.45;   ///< the inner rings end at this share of the outline radius

struct Area {
    std::string id;         ///< "W1", "N3"
    std::string name;       ///< Japanese
    std::string name_en;    ///< romaji
    std::string parent_id;  ///< neighbourhood -> welfare area; empty for welfare areas
    int first_degree = 0;   ///< sector [first, last] in whole degrees, counter-clockwise from east
    int last_degree = 0;
    double inner = 0;  ///< 0 or inner_ring
    double outer = 1;  ///< inner_ring or 1
    Polygon polygon;   ///< local metres, exterior ring counter-clockwise
};

class TownShape {
public:
    explicit TownShape(Random& random);

    /// Vertex `degree` (any integer, taken modulo 360) at `level` (0, inner_ring or 1) of the outline.
    Point vertex(int degree, double level) const;
    /// A point at `angle_deg` at `fraction` of the outline's distance from the centre there.
    Point polar(double angle_deg, double fraction) const;
    /// Distance from the centre to the outline (the chord between samples) in direction `angle_deg`.
    double outline_distance(double angle_deg) const;
    /// True when `p` lies inside the outline with at least `margin_m` metres to spare (radially).
    bool inside(const Point& p, double margin_m) const;

    const Polygon& city() const { return m_city; }
    const std::vector<Area>& welfare_areas() const { return m_welfare_areas; }
    const std::vector<Area>& neighbourhoods() const { return m_neighbourhoods; }
    /// Index of the neighbourhood containing `p` (by the polygons themselves), or -1.
    int neighbourhood_of(const Point& p) const;
    /// Index of the welfare area containing `p`, or -1.
    int welfare_area_of(const Point& p) const;

private:
    Polygon sector(int first_degree, int last_degree, double inner, double outer) const;

    std::vector<double> m_radius;  ///< metres, one per degree
    Polygon m_city;
    std::vector<Area> m_welfare_areas;
    std::vector<Area> m_neighbourhoods;
};

}  // namespace keniki::demo
