#pragma once
// Maps drawn by keniki itself as inline SVG, in the working CRS (metres, x east, y north), for pages
// that open from file:// and print on A4 without any map library or network. Polygons are clipped to
// the view and thinned to the pixel grid, so a page stays small whatever the source detail.

#include <string>
#include <string_view>

#include "keniki/core/geometry.hpp"

namespace keniki::report::html {

class SvgMap {
public:
    /// A map of `width` × `height` user units (pixels) showing at least `content` (metres), with a
    /// margin of `margin` (share of the larger side) around it; the view is widened on one axis to
    /// keep the scale the same in x and y. `id` prefixes the ids of patterns inside the SVG.
    SvgMap(const Box& content, double width, double height, std::string id, double margin = 0.06);

    /// The area shown, in metres.
    const Box& view() const { return m_view; }
    double metres_per_pixel() const { return 1.0 / m_scale; }
    const std::string& id() const { return m_id; }

    /// A polygonal geometry (Polygon or MultiPolygon; other kinds are ignored) as one <path> with the
    /// given attributes (already escaped), e.g. `class="unit"`. Returns false when nothing of it is in
    /// view. `inner` is placed inside the element (a <title>, say).
    bool polygon(const Geometry& g, std::string_view attributes, std::string_view inner = {});
    /// A point symbol: `shape` is "circle", "square", "diamond" or "triangle", of `size` pixels.
    bool point(const Point& p, std::string_view shape, double size, std::string_view attributes, std::string_view inner = {});
    /// Text centred on a point, moved sideways as little as needed to stay inside the map (its width
    /// estimated from `font_size`: a full em for CJK characters, about half for Latin ones).
    void label_inside(const Point& p, std::string_view text, double font_size, std::string_view attributes);
    /// Any SVG markup, in pixel coordinates.
    void raw(std::string_view markup) { m_body += markup; }
    /// Starts and ends a <g> group with the given attributes.
    void open_group(std::string_view attributes);
    void close_group() { m_body += "</g>"; }

    /// A scale bar at the lower left and a north arrow at the upper right (grid north: the
    /// plane-rectangular zones are close enough to true north for a town map).
    void scale_bar_and_north_arrow();

    /// Pixel coordinates of a point.
    double px(double x) const { return (x - m_view.min_corner().x()) * m_scale; }
    double py(double y) const { return (m_view.max_corner().y() - y) * m_scale; }
    bool in_view(const Point& p) const;

    /// The finished <svg> element. `defs` goes into <defs> (patterns); `attributes` onto <svg>.
    std::string finish(std::string_view attributes, std::string_view defs = {}) const;

private:
    void ring_path(const auto& ring, bool close);

    Box m_view;
    Box m_clip;  ///< the view with a margin: geometry is cut to this
    double m_width, m_height, m_scale;
    std::string m_id;
    std::string m_body;
    std::string m_path;  ///< scratch for the path being built
};

/// Bounds of a geometry (an empty box is returned inverted: min > max).
Box bounds_of(const Geometry& g);
/// Grows `box` to include `other` (either may be inverted/empty).
void extend(Box& box, const Box& other);
bool box_empty(const Box& box);

}  // namespace keniki::report::html
