#include "keniki/report/html_svg_map.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <vector>

#include "keniki/report/html_escape.hpp"

namespace keniki::report::html {

namespace {

constexpr double k_min_step_px = 0.7;  ///< vertices closer than this to the previous one are dropped

void append_number(std::string& out, double v) {
    char buf[32];
    const double r = std::round(v * 10.0) / 10.0;
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, r == 0.0 ? 0.0 : r, std::chars_format::fixed, 1);
    if (ec != std::errc{}) return;
    std::string_view s(buf, static_cast<std::size_t>(ptr - buf));
    if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.remove_suffix(2);
    out += s;
}

std::string num(double v) {
    std::string s;
    append_number(s, v);
    return s;
}

/// Sutherland–Hodgman: the ring cut to an axis-aligned box (the box is convex, so a simple polygon
/// stays one polygon; pieces joined along the box edge lie outside the visible view).
std::vector<Point> clip_ring(const std::vector<Point>& ring, const Box& box) {
    std::vector<Point> in = ring, out;
    const double bounds[4] = {box.min_corner().x(), box.max_corner().x(), box.min_corner().y(), box.max_corner().y()};
    for (int edge = 0; edge < 4 && !in.empty(); ++edge) {
        out.clear();
        const auto inside = [&](const Point& p) {
            switch (edge) {
                case 0: return p.x() >= bounds[0];
                case 1: return p.x() <= bounds[1];
                case 2: return p.y() >= bounds[2];
                default: return p.y() <= bounds[3];
            }
        };
        const auto cut = [&](const Point& a, const Point& b) {
            if (edge < 2) {
                const double x = bounds[edge];
                const double t = (x - a.x()) / (b.x() - a.x());
                return Point(x, a.y() + t * (b.y() - a.y()));
            }
            const double y = bounds[edge];
            const double t = (y - a.y()) / (b.y() - a.y());
            return Point(a.x() + t * (b.x() - a.x()), y);
        };
        for (std::size_t i = 0; i < in.size(); ++i) {
            const Point& cur = in[i];
            const Point& prev = in[(i + in.size() - 1) % in.size()];
            const bool ci = inside(cur), pi = inside(prev);
            if (ci) {
                if (!pi) out.push_back(cut(prev, cur));
                out.push_back(cur);
            } else if (pi) {
                out.push_back(cut(prev, cur));
            }
        }
        std::swap(in, out);
    }
    return in;
}

bool boxes_meet(const Box& a, const Box& b) {
    return !(a.max_corner().x() < b.min_corner().x() || b.max_corner().x() < a.min_corner().x() || a.max_corner().y() < b.min_corner().y() ||
             b.max_corner().y() < a.min_corner().y());
}

template <typename Ring>
Box ring_box(const Ring& ring) {
    Box b(Point(std::numeric_limits<double>::max(), std::numeric_limits<double>::max()),
          Point(std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()));
    for (const auto& p : ring) {
        b.min_corner().x(std::min(b.min_corner().x(), p.x()));
        b.min_corner().y(std::min(b.min_corner().y(), p.y()));
        b.max_corner().x(std::max(b.max_corner().x(), p.x()));
        b.max_corner().y(std::max(b.max_corner().y(), p.y()));
    }
    return b;
}

}  // namespace

bool box_empty(const Box& box) { return !(box.min_corner().x() <= box.max_corner().x() && box.min_corner().y() <= box.max_corner().y()); }

void extend(Box& box, const Box& other) {
    if (box_empty(other)) return;
    if (box_empty(box)) {
        box = other;
        return;
    }
    box.min_corner().x(std::min(box.min_corner().x(), other.min_corner().x()));
    box.min_corner().y(std::min(box.min_corner().y(), other.min_corner().y()));
    box.max_corner().x(std::max(box.max_corner().x(), other.max_corner().x()));
    box.max_corner().y(std::max(box.max_corner().y(), other.max_corner().y()));
}

Box bounds_of(const Geometry& g) {
    Box b(Point(std::numeric_limits<double>::max(), std::numeric_limits<double>::max()),
          Point(std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()));
    const auto add = [&b](const Point& p) { extend(b, Box(p, p)); };
    std::visit(
        [&](const auto& geom) {
            using T = std::decay_t<decltype(geom)>;
            if constexpr (std::is_same_v<T, Point>) {
                add(geom);
            } else if constexpr (std::is_same_v<T, MultiPoint> || std::is_same_v<T, LineString>) {
                for (const auto& p : geom) add(p);
            } else if constexpr (std::is_same_v<T, MultiLineString>) {
                for (const auto& l : geom)
                    for (const auto& p : l) add(p);
            } else if constexpr (std::is_same_v<T, Polygon>) {
                extend(b, ring_box(geom.outer()));
            } else if constexpr (std::is_same_v<T, MultiPolygon>) {
                for (const auto& poly : geom) extend(b, ring_box(poly.outer()));
            }
        },
        g);
    return b;
}

SvgMap::SvgMap(const Box& content, double width, double height, std::string id, double margin)
    : m_width(width), m_height(height), m_scale(1.0), m_id(std::move(id)) {
    Box c = content;
    if (box_empty(c)) c = Box(Point(0, 0), Point(1000, 1000));
    double w = c.max_corner().x() - c.min_corner().x();
    double h = c.max_corner().y() - c.min_corner().y();
    const double side = std::max({w, h, 200.0});  // at least 200 m across
    w = std::max(w, 1.0) + 2 * margin * side;
    h = std::max(h, 1.0) + 2 * margin * side;
    const double cx = (c.min_corner().x() + c.max_corner().x()) / 2, cy = (c.min_corner().y() + c.max_corner().y()) / 2;
    if (w / h > width / height) h = w * height / width;
    else w = h * width / height;
    if (w < 200.0) {
        h *= 200.0 / w;
        w = 200.0;
    }
    m_view = Box(Point(cx - w / 2, cy - h / 2), Point(cx + w / 2, cy + h / 2));
    m_scale = width / w;
    const double pad = 0.05 * std::max(w, h);
    m_clip = Box(Point(m_view.min_corner().x() - pad, m_view.min_corner().y() - pad),
                 Point(m_view.max_corner().x() + pad, m_view.max_corner().y() + pad));
}

bool SvgMap::in_view(const Point& p) const {
    return p.x() >= m_view.min_corner().x() && p.x() <= m_view.max_corner().x() && p.y() >= m_view.min_corner().y() &&
           p.y() <= m_view.max_corner().y();
}

void SvgMap::ring_path(const auto& ring, bool close) {
    if (ring.size() < 2) return;
    const Box rb = ring_box(ring);
    if (!boxes_meet(rb, m_clip)) return;
    std::vector<Point> pts(ring.begin(), ring.end());
    if (close) {
        if (pts.size() > 1 && pts.front().x() == pts.back().x() && pts.front().y() == pts.back().y()) pts.pop_back();
        const bool inside = rb.min_corner().x() >= m_clip.min_corner().x() && rb.max_corner().x() <= m_clip.max_corner().x() &&
                            rb.min_corner().y() >= m_clip.min_corner().y() && rb.max_corner().y() <= m_clip.max_corner().y();
        if (!inside) pts = clip_ring(pts, m_clip);
        if (pts.size() < 3) return;
    }
    // To pixels, thinning vertices closer than k_min_step_px to the last one kept.
    std::vector<Point> keep;
    keep.reserve(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const Point q(px(pts[i].x()), py(pts[i].y()));
        if (!keep.empty() && i + 1 < pts.size()) {
            const double dx = q.x() - keep.back().x(), dy = q.y() - keep.back().y();
            if (dx * dx + dy * dy < k_min_step_px * k_min_step_px) continue;
        }
        keep.push_back(q);
    }
    if (keep.size() < (close ? 3u : 2u)) return;
    for (std::size_t i = 0; i < keep.size(); ++i) {
        m_path += i == 0 ? 'M' : 'L';
        append_number(m_path, keep[i].x());
        m_path += ' ';
        append_number(m_path, keep[i].y());
    }
    if (close) m_path += 'Z';
}

bool SvgMap::polygon(const Geometry& g, std::string_view attributes, std::string_view inner) {
    m_path.clear();
    if (const auto* p = std::get_if<Polygon>(&g)) {
        ring_path(p->outer(), true);
        for (const auto& r : p->inners()) ring_path(r, true);
    } else if (const auto* mp = std::get_if<MultiPolygon>(&g)) {
        for (const auto& poly : *mp) {
            ring_path(poly.outer(), true);
            for (const auto& r : poly.inners()) ring_path(r, true);
        }
    }
    if (m_path.empty()) return false;
    m_body += "<path d=\"";
    m_body += m_path;
    m_body += "\" ";
    m_body += attributes;
    if (inner.empty()) {
        m_body += "/>";
    } else {
        m_body += ">";
        m_body += inner;
        m_body += "</path>";
    }
    return true;
}

bool SvgMap::point(const Point& p, std::string_view shape, double size, std::string_view attributes, std::string_view inner) {
    if (!in_view(p)) return false;
    const double x = px(p.x()), y = py(p.y()), r = size / 2;
    std::string el;
    if (shape == "square") {
        el = "<rect x=\"" + num(x - r) + "\" y=\"" + num(y - r) + "\" width=\"" + num(size) + "\" height=\"" + num(size) + "\" ";
    } else if (shape == "diamond") {
        el = "<path d=\"M" + num(x) + " " + num(y - r * 1.3) + "L" + num(x + r * 1.3) + " " + num(y) + "L" + num(x) + " " + num(y + r * 1.3) + "L" +
             num(x - r * 1.3) + " " + num(y) + "Z\" ";
    } else if (shape == "triangle") {
        el = "<path d=\"M" + num(x) + " " + num(y - r * 1.2) + "L" + num(x + r * 1.1) + " " + num(y + r * 0.8) + "L" + num(x - r * 1.1) + " " +
             num(y + r * 0.8) + "Z\" ";
    } else {
        el = "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"" + num(r) + "\" ";
    }
    m_body += el;
    m_body += attributes;
    if (inner.empty()) {
        m_body += "/>";
    } else {
        const std::string tag = shape == "square" ? "rect" : (shape == "circle" || shape.empty() ? "circle" : "path");
        m_body += ">";
        m_body += inner;
        m_body += "</" + tag + ">";
    }
    return true;
}

void SvgMap::label_inside(const Point& p, std::string_view text, double font_size, std::string_view attributes) {
    double width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) == 0x80) continue;  // continuation byte
        width += c >= 0xE0 ? font_size : 0.58 * font_size;
    }
    const double half = width / 2 + 4;
    double x = px(p.x());
    if (2 * half < m_width) x = std::clamp(x, half, m_width - half);
    const double y = std::clamp(py(p.y()), font_size + 2, m_height - 4);
    m_body += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"middle\" " + std::string(attributes) + ">" + escape(text) + "</text>";
}

void SvgMap::open_group(std::string_view attributes) {
    m_body += "<g ";
    m_body += attributes;
    m_body += ">";
}

void SvgMap::scale_bar_and_north_arrow() {
    // Scale bar: a round length near a fifth of the width.
    const double target = (m_view.max_corner().x() - m_view.min_corner().x()) / 5.0;
    const double mag = std::pow(10.0, std::floor(std::log10(target)));
    double length = mag;
    for (const double f : {1.0, 2.0, 5.0}) {
        if (f * mag <= target) length = f * mag;
    }
    const double bar = length * m_scale;
    const double x0 = 16, y0 = m_height - 18;
    std::string text = length >= 1000 ? num(length / 1000.0) + " km" : num(length) + " m";
    std::string s = "<g class=\"scale\" aria-label=\"scale\">";
    s += "<rect x=\"" + num(x0 - 6) + "\" y=\"" + num(y0 - 24) + "\" width=\"" + num(bar + 12) + "\" height=\"34\" fill=\"#fff\" fill-opacity=\"0.8\"/>";
    s += "<rect x=\"" + num(x0) + "\" y=\"" + num(y0) + "\" width=\"" + num(bar / 2) + "\" height=\"5\" fill=\"#222\"/>";
    s += "<rect x=\"" + num(x0 + bar / 2) + "\" y=\"" + num(y0) + "\" width=\"" + num(bar / 2) + "\" height=\"5\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"1\"/>";
    s += "<text x=\"" + num(x0) + "\" y=\"" + num(y0 - 6) + "\" font-size=\"14\" fill=\"#222\">0</text>";
    s += "<text x=\"" + num(x0 + bar) + "\" y=\"" + num(y0 - 6) + "\" font-size=\"14\" fill=\"#222\" text-anchor=\"middle\">" + text + "</text>";
    s += "</g>";
    // North arrow.
    const double nx = m_width - 30, ny = 18;
    s += "<g class=\"north\" aria-label=\"north\">";
    s += "<circle cx=\"" + num(nx) + "\" cy=\"" + num(ny + 20) + "\" r=\"20\" fill=\"#fff\" fill-opacity=\"0.8\"/>";
    s += "<path d=\"M" + num(nx) + " " + num(ny + 4) + "L" + num(nx + 9) + " " + num(ny + 34) + "L" + num(nx) + " " + num(ny + 27) + "Z\" fill=\"#222\"/>";
    s += "<path d=\"M" + num(nx) + " " + num(ny + 4) + "L" + num(nx - 9) + " " + num(ny + 34) + "L" + num(nx) + " " + num(ny + 27) +
         "Z\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"1\"/>";
    s += "<text x=\"" + num(nx) + "\" y=\"" + num(ny + 2) + "\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#222\">N</text>";
    s += "</g>";
    m_body += s;
}

std::string SvgMap::finish(std::string_view attributes, std::string_view defs) const {
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(m_width) + " " + num(m_height) + "\" " + std::string(attributes) + ">";
    if (!defs.empty()) out += "<defs>" + std::string(defs) + "</defs>";
    out += "<rect class=\"sea\" x=\"0\" y=\"0\" width=\"" + num(m_width) + "\" height=\"" + num(m_height) + "\"/>";
    out += m_body;
    out += "</svg>";
    return out;
}

}  // namespace keniki::report::html
