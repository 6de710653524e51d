#include "keniki/report/html_unit_page.hpp"

#include <algorithm>
#include <map>

#include "keniki/report/html_escape.hpp"
#include "keniki/report/html_svg_map.hpp"

namespace keniki::report::html {

namespace {

constexpr double k_map_w = 1000, k_map_h = 560;      ///< the reach map (page 1)
constexpr double k_small_w = 1000, k_small_h = 720;  ///< the transport map (page 2, half width)
constexpr std::size_t k_max_children = 10;           ///< child units listed on a page
constexpr std::size_t k_max_stops = 6;               ///< stops listed on a page
constexpr std::size_t k_max_kinds = 8;               ///< facility kinds listed on a page
constexpr std::size_t k_max_names = 5;               ///< facility names listed per kind

// Colours of the transport classes (便利, 不便, 空白) on the maps and in the tables.
constexpr const char* k_class_colour[3] = {"#a6d49a", "#f6d77c", "#ef9f8f"};

std::string swatch_polygon(std::string_view attrs) {
    return "<svg viewBox=\"0 0 22 13\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"20\" height=\"11\" " + std::string(attrs) + "/></svg>";
}

std::string swatch_point(std::string_view shape, std::string_view attrs, double radius = 4.5) {
    if (shape == "square") return "<svg viewBox=\"0 0 22 13\" aria-hidden=\"true\"><rect x=\"6.5\" y=\"2\" width=\"9\" height=\"9\" " + std::string(attrs) + "/></svg>";
    return "<svg viewBox=\"0 0 22 13\" aria-hidden=\"true\"><circle cx=\"11\" cy=\"6.5\" r=\"" + format_number(radius, 1) + "\" " + std::string(attrs) + "/></svg>";
}

std::string legend_item(const std::string& swatch, const std::string& text) { return "<li>" + swatch + "<span>" + escape(text) + "</span></li>"; }

bool contains_token(const std::string& list, const std::string& token) {
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t end = std::min(list.find(';', start), list.size());
        if (list.compare(start, end - start, token) == 0) return true;
        start = end + 1;
    }
    return false;
}

/// One reference token of a JSON pointer (RFC 6901: "~" → "~0", "/" → "~1").
std::string pointer_token(std::string_view key) {
    std::string out;
    for (const char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

const json& at_or_null(const json& doc, const std::string& pointer) {
    static const json null_value;
    try {
        const json::json_pointer p(pointer);
        return doc.contains(p) ? doc.at(p) : null_value;
    } catch (const nlohmann::json::exception&) {
        return null_value;
    }
}

struct PageParts {
    const ReportContext& ctx;
    const TierInfo& tier;
    const UnitInfo& unit;
    std::size_t ti;
    std::string root;  ///< from the page to the report folder
    const json& s;
    const Labels& t;
};

std::string link_to(const PageParts& p, const UnitInfo& other) {
    return "<a href=\"" + escape(p.root + other.page) + "\">" + escape(display_name(other)) + "</a>";
}

/// Facilities, stops and stations drawn on a map, with a legend entry for each kind drawn.
void draw_points(const PageParts& p, SvgMap& map, std::string& legend, bool facilities) {
    const RunData& run = p.ctx.run;
    bool tier_hub = false, other = false, bus = false, station = false;
    if (facilities) {
        const auto hub_tiers = run.hubs.field_index("hub_of_tiers");
        // Other facilities first, the tier's hubs on top.
        for (int pass = 0; pass < 2; ++pass) {
            for (const auto& f : run.hubs.features) {
                const auto* pt = std::get_if<Point>(&f.geometry);
                if (!pt) continue;
                const bool is_hub = hub_tiers && contains_token(keniki::as_text(f.values[*hub_tiers]), p.tier.id);
                if (is_hub != (pass == 1)) continue;
                const std::string title = "<title>" + escape(text_of(run.hubs, f, "name")) + " (" +
                                          escape(p.t.facility_kind(text_of(run.hubs, f, "kind"))) + ")</title>";
                if (is_hub) tier_hub |= map.point(*pt, "circle", 15, "class=\"hub\"", title);
                else other |= map.point(*pt, "circle", 8, "class=\"fac\"", title);
            }
        }
    }
    const auto draw_stops = [&](const Layer& layer, bool all_stations) {
        const auto kind = layer.field_index("kind");
        for (const auto& f : layer.features) {
            const auto* pt = std::get_if<Point>(&f.geometry);
            if (!pt) continue;
            const bool is_station = all_stations || (kind && keniki::as_text(f.values[*kind]) == "station");
            const std::string title = "<title>" + escape(text_of(layer, f, "name")) + "</title>";
            if (is_station) station |= map.point(*pt, "square", 11, "class=\"stn\"", title);
            else bus |= map.point(*pt, "circle", 6, "class=\"bus\"", title);
        }
    };
    if (run.stops) draw_stops(*run.stops, false);
    if (run.stations) draw_stops(*run.stations, true);
    if (tier_hub) legend += legend_item(swatch_point("circle", "fill=\"#c62828\" stroke=\"#fff\""), p.t("この圏域の拠点", "Hub of this tier"));
    if (other) legend += legend_item(swatch_point("circle", "fill=\"#666\" stroke=\"#fff\"", 3), p.t("その他の施設", "Other facility"));
    if (station) legend += legend_item(swatch_point("square", "fill=\"#111\" stroke=\"#fff\""), p.t("駅", "Station"));
    if (bus) legend += legend_item(swatch_point("circle", "fill=\"#1565c0\" stroke=\"#fff\"", 3), p.t("バス停", "Bus stop"));
}

void draw_neighbours(const PageParts& p, SvgMap& map, bool labels) {
    const auto& layer = p.ctx.run.tiers[p.ti].units;
    map.open_group("class=\"nbs\"");
    for (const auto& other : p.tier.units) {
        if (&other == &p.unit || !other.feature) continue;
        map.polygon(layer.features[*other.feature].geometry, "class=\"nb\"", "<title>" + escape(display_name(other)) + "</title>");
    }
    map.close_group();
    if (!labels) return;
    map.open_group("class=\"nbl\"");
    for (const auto& other : p.tier.units) {
        if (&other == &p.unit || !other.label_at || !map.in_view(*other.label_at)) continue;
        map.label_inside(*other.label_at, display_name(other), 15, "");
    }
    map.close_group();
}

std::string reach_map(const PageParts& p) {
    const RunData& run = p.ctx.run;
    const TierLayers& layers = run.tiers[p.ti];
    const std::string id = "m1";
    SvgMap map(p.unit.box, k_map_w, k_map_h, id);
    std::string legend;
    draw_neighbours(p, map, true);
    const Geometry& g = layers.units.features[*p.unit.feature].geometry;
    map.polygon(g, "class=\"unit\"");
    legend += legend_item(swatch_polygon("fill=\"#cfe0f1\" stroke=\"#1f4e79\" stroke-width=\"2\""), p.t("この圏域 (到達圏内)", "This unit (within reach)"));
    legend += legend_item(swatch_polygon("fill=\"#ecebe6\" stroke=\"#a9a9a3\""), p.t("隣接する圏域", "Neighbouring units"));
    bool gap = false;
    if (const auto col = layers.gaps.field_index("unit_id")) {
        for (const auto& f : layers.gaps.features) {
            if (keniki::as_text(f.values[*col]) == p.unit.id) gap |= map.polygon(f.geometry, "class=\"gap\" fill=\"url(#" + id + "-hatch)\"");
        }
    }
    if (gap) legend += legend_item(swatch_polygon("fill=\"url(#" + id + "-hatch)\" stroke=\"#d62728\" stroke-width=\"0.8\""), p.t("到達圏外 (空白地)", "Beyond reach (gap)"));
    bool sa = false;
    for (const auto& f : layers.service_area.features) sa |= map.polygon(f.geometry, "class=\"sa\"");
    if (sa) legend += legend_item(swatch_polygon("fill=\"none\" stroke=\"#2e7d32\" stroke-width=\"2\" stroke-dasharray=\"4 2\""), p.t("到達圏の境界", "Edge of the reach"));
    map.polygon(g, "class=\"unit-edge\"");
    draw_points(p, map, legend, true);
    map.scale_bar_and_north_arrow();
    const std::string defs = map_defs(id);
    return "<figure class=\"map\">" +
           map.finish("role=\"img\" aria-label=\"" + escape(p.t("地図: ", "Map: ") + display_name(p.unit)) + "\" data-map=\"reach\"", defs) +
           "<ul class=\"legend\">" + legend + "</ul></figure>";
}

std::string transport_map(const PageParts& p) {
    const RunData& run = p.ctx.run;
    const TierLayers& layers = run.tiers[p.ti];
    SvgMap map(p.unit.box, k_small_w, k_small_h, "m2");
    std::string legend;
    draw_neighbours(p, map, false);
    if (run.transport_zones) {
        const auto col = run.transport_zones->field_index("class");
        const auto& keys = transport_class_keys();
        for (std::size_t c = 0; c < keys.size(); ++c) {
            bool drawn = false;
            for (const auto& f : run.transport_zones->features) {
                if (!col || keniki::as_text(f.values[*col]) != keys[c]) continue;
                drawn |= map.polygon(f.geometry, "class=\"tz\" fill=\"" + std::string(k_class_colour[c]) + "\"");
            }
            if (drawn)
                legend += legend_item(swatch_polygon("fill=\"" + std::string(k_class_colour[c]) + "\""), p.t.transport_class(keys[c]));
        }
    }
    map.polygon(layers.units.features[*p.unit.feature].geometry, "class=\"unit-edge\"");
    draw_points(p, map, legend, false);
    map.scale_bar_and_north_arrow();
    return "<figure class=\"map\">" + map.finish("role=\"img\" data-map=\"transport\" aria-label=\"" + escape(p.t("公共交通の地図", "Transport map")) + "\"") +
           "<ul class=\"legend\">" + legend + "</ul></figure>";
}

std::string tiles(const PageParts& p) {
    const std::string u = p.unit.ptr;
    std::string out = "<section class=\"tiles\">";
    out += "<div class=\"tile\"><div class=\"label\">" + p.t("人口", "Population") + "</div><div class=\"big\">" + fig(p.s, u + "/people/pop_total") +
           "</div><div class=\"sub\">" + p.t("面積 ", "Area ") + fig(p.s, u + "/area_km2", 2) + " km²</div></div>";
    out += "<div class=\"tile\"><div class=\"label\">" + p.t("65歳以上", "Aged 65+") + "</div><div class=\"big\">" + fig(p.s, u + "/people/pop_65plus") +
           "</div><div class=\"sub\">" + p.t("高齢化率 ", "Share ") + pct(p.s, u + "/people/pop_65plus", u + "/people/pop_total") + "</div></div>";
    out += "<div class=\"tile\"><div class=\"label\">" + p.t("75歳以上", "Aged 75+") + "</div><div class=\"big\">" + fig(p.s, u + "/people/pop_75plus") +
           "</div><div class=\"sub\">" + p.t("割合 ", "Share ") + pct(p.s, u + "/people/pop_75plus", u + "/people/pop_total") + "</div></div>";
    out += "<div class=\"tile\"><div class=\"label\">" + p.t("到達圏外の65歳以上", "Aged 65+ beyond reach") + "</div><div class=\"big\">" +
           fig(p.s, u + "/beyond_reach/pop_65plus") + "</div><div class=\"sub\">" + p.t("65歳以上の ", "of those 65+: ") +
           pct(p.s, u + "/beyond_reach/pop_65plus", u + "/people/pop_65plus") + "</div></div>";
    out += "</section>";
    return out;
}

std::string population(const PageParts& p) {
    const std::string u = p.unit.ptr + "/people";
    const auto total = number_at(p.s, u + "/pop_total"), a65 = number_at(p.s, u + "/pop_65plus"), a75 = number_at(p.s, u + "/pop_75plus");
    std::string out = "<section class=\"cols\"><div><h2>" + p.t("年齢別の人口", "Population by age") + "</h2>";
    const auto band = [&](std::optional<double> v) { return share_of(v, total); };
    std::optional<double> under65, mid;
    if (total && a65) under65 = *total - *a65;
    if (a65 && a75) mid = *a65 - *a75;
    out += "<div class=\"bar\" role=\"img\" aria-label=\"" + escape(p.t("年齢3区分の構成", "Age bands")) + "\">";
    const std::pair<std::optional<double>, const char*> bands[] = {{under65, "var(--u65)"}, {mid, "var(--a65)"}, {a75, "var(--a75)"}};
    for (const auto& [v, colour] : bands) {
        const auto sh = band(v);
        if (sh && *sh > 0) out += "<span style=\"width:" + format_number(*sh * 100, 2) + "%;background:" + colour + "\"></span>";
    }
    out += "</div>";
    out += "<table><thead><tr><th>" + p.t("年齢", "Age") + "</th><th class=\"n\">" + p.t("人", "People") + "</th><th class=\"n\">" + p.t("構成比", "Share") +
           "</th></tr></thead><tbody>";
    const auto diff = [&](const std::string& a, const std::string& b) {
        std::optional<double> v;
        const auto x = number_at(p.s, a), y = number_at(p.s, b);
        if (x && y) v = *x - *y;
        return std::pair{v, "<span class=\"fig\" data-diff=\"" + escape(a) + " " + escape(b) + "\">" + format_number(v) + "</span>"};
    };
    const auto [v1, under] = diff(u + "/pop_total", u + "/pop_65plus");
    const auto [v2, middle] = diff(u + "/pop_65plus", u + "/pop_75plus");
    out += "<tr><td><i class=\"sw\" style=\"background:var(--u65)\"></i>" + p.t("65歳未満", "Under 65") + "</td><td class=\"n\">" + under +
           "</td><td class=\"n\">" + format_percent(band(v1)) + "</td></tr>";
    out += "<tr><td><i class=\"sw\" style=\"background:var(--a65)\"></i>" + p.t("65〜74歳", "65–74") + "</td><td class=\"n\">" + middle +
           "</td><td class=\"n\">" + format_percent(band(v2)) + "</td></tr>";
    out += "<tr><td><i class=\"sw\" style=\"background:var(--a75)\"></i>" + p.t("75歳以上", "75 and over") + "</td><td class=\"n\">" +
           fig(p.s, u + "/pop_75plus") + "</td><td class=\"n\">" + pct(p.s, u + "/pop_75plus", u + "/pop_total") + "</td></tr>";
    out += "<tr><th>" + p.t("計", "Total") + "</th><th class=\"n\">" + fig(p.s, u + "/pop_total") + "</th><th class=\"n\">100%</th></tr>";
    if (p.s.contains(json::json_pointer(u + "/households")))
        out += "<tr><td>" + p.t("世帯数", "Households") + "</td><td class=\"n\">" + fig(p.s, u + "/households") + "</td><td></td></tr>";
    out += "</tbody></table></div>";

    // Old-age shares against the tier and the city.
    out += "<div><h2>" + p.t("高齢化率の比較", "Older residents compared") + "</h2>";
    const std::string tier_people = p.tier.ptr + "/in_units";
    const std::pair<std::string, std::string> rows[] = {{display_name(p.unit), p.unit.ptr + "/people"},
                                                        {p.tier.name + p.t("全体", " (all)"), tier_people},
                                                        {p.ctx.study_name.empty() ? p.t("市全体", "Whole city") : p.ctx.study_name + p.t("全体", " (all)"), "/total"}};
    for (const auto& [key, label_ja, label_en] : {std::tuple{"/pop_65plus", "65歳以上の割合", "Share aged 65+"},
                                                  std::tuple{"/pop_75plus", "75歳以上の割合", "Share aged 75+"}}) {
        out += "<h3>" + p.t(label_ja, label_en) + "</h3><div class=\"cmp\">";
        for (std::size_t r = 0; r < 3; ++r) {
            const auto& [name, ptr] = rows[r];
            const auto sh = share_of(number_at(p.s, ptr + key), number_at(p.s, ptr + "/pop_total"));
            const std::string colour = r == 0 ? "var(--accent)" : "#9aa7b4";
            out += "<div class=\"nm\" title=\"" + escape(name) + "\" style=\"overflow:hidden;text-overflow:ellipsis;white-space:nowrap\">" + escape(name) +
                   "</div><div class=\"track\"><div class=\"fill\" style=\"width:" + (sh ? format_number(std::clamp(*sh, 0.0, 1.0) * 100, 2) : "0") +
                   "%;background:" + colour + "\"></div></div><div class=\"v\">" + pct(p.s, ptr + key, ptr + "/pop_total") + "</div>";
        }
        out += "</div>";
    }
    out += "</div></section>";
    return out;
}

/// " (担当 35人、うち到達圏内 15人)": the hub's catchment, the people whose nearest hub of the tier it is, and
/// those of them within reach, from the tier's hub_figures; "" when the run has none for the hub.
std::string catchment_of(const PageParts& p, const json& id) {
    const json& figures = at_or_null(p.s, p.tier.ptr + "/hub_figures");
    if (!figures.is_array()) return {};
    for (std::size_t k = 0; k < figures.size(); ++k) {
        if (!figures[k].is_object() || figures[k].value("hub_id", json()) != id) continue;
        const std::string h = p.tier.ptr + "/hub_figures/" + std::to_string(k);
        return p.t(" (担当 ", " (catchment ") + fig(p.s, h + "/nearest/pop_total") + p.t("人、うち到達圏内 ", ", within reach ") +
               fig(p.s, h + "/within_reach/pop_total") + p.t("人)", ")");
    }
    return {};
}

/// Hub names (with ids) for a list of hub ids; past `limit` names, how many more. With
/// `catchments`, each hub's catchment follows its name.
std::string hub_names(const PageParts& p, const json& ids, std::size_t limit, bool catchments = false) {
    if (!ids.is_array() || ids.empty()) return p.t("なし", "none");
    const RunData& run = p.ctx.run;
    const auto id_col = run.hubs.field_index("hub_id");
    std::string out;
    std::size_t n = 0;
    for (const auto& id : ids) {
        if (n++ == limit) {
            out += p.t(" ほか ", " and ") + format_number(static_cast<double>(ids.size() - limit)) + p.t(" か所", " more");
            break;
        }
        const std::string hid = as_text(id);
        std::string name;
        if (id_col) {
            for (const auto& f : run.hubs.features) {
                if (keniki::as_text(f.values[*id_col]) == hid) {
                    name = text_of(run.hubs, f, "name");
                    break;
                }
            }
        }
        if (!out.empty()) out += p.t("、", ", ");
        out += escape(name.empty() ? hid : name + " (" + hid + ")");
        if (catchments) out += catchment_of(p, id);
    }
    return out;
}

std::string reach(const PageParts& p) {
    const std::string u = p.unit.ptr;
    const json& jt = at_or_null(p.s, p.tier.ptr);
    const std::string unit = p.t.cost_unit(p.tier.cost_unit);
    const int dec = cost_decimals(p.tier.cost_unit);
    std::string out = "<section><h2>" + p.t("拠点への到達", "Reaching the hub") + "</h2>";
    const json& tier_hubs = jt.contains("hubs") ? jt["hubs"] : json();
    out += "<p class=\"note\">" + p.t("拠点: ", "Hubs: ") +
           (tier_hubs.is_array() && tier_hubs.size() > 4 ? p.t("この階層に ", "") + format_number(static_cast<double>(tier_hubs.size())) + p.t(" か所", " in this tier")
                                                          : hub_names(p, tier_hubs, 4)) +
           p.t("。到達圏: ", ". Reach: ") +
           fig(p.s, p.tier.ptr + "/reach", dec) + " " + escape(unit) + " (" + escape(p.t.phrase(jt.value("cost", ""))) + ")" + p.t("。圏域内の拠点: ", ". Hubs inside: ") +
           hub_names(p, at_or_null(p.s, u + "/hubs_inside"), 4, true) + "</p>";
    out += "<div class=\"cols\"><div><h3>" + (p.tier.cost_unit == "m" ? p.t("最寄りの拠点までの距離 (人口加重)", "Distance to the nearest hub (per person)")
                                                         : p.t("最寄りの拠点までの所要時間 (人口加重)", "Time to the nearest hub (per person)")) + "</h3>";
    out += "<table><thead><tr><th class=\"n\">" + p.t("平均", "Mean") + "</th><th class=\"n\">" + p.t("中央値", "Median") + "</th><th class=\"n\">" +
           p.t("90%値", "90th pct") + "</th><th class=\"n\">" + p.t("最大", "Max") + "</th></tr></thead><tbody><tr>";
    for (const char* k : {"mean", "median", "p90", "max"}) out += "<td class=\"n\">" + fig(p.s, u + "/cost/" + k, dec) + " " + escape(unit) + "</td>";
    out += "</tr></tbody></table></div>";
    out += "<div><h3>" + p.t("到達圏外の人", "People beyond reach") + "</h3>";
    out += "<table><thead><tr><th></th><th class=\"n\">" + p.t("人", "People") + "</th><th class=\"n\">" + p.t("各年齢層の", "Share of group") +
           "</th></tr></thead><tbody>";
    for (const auto& [k, ja, en] : {std::tuple{"pop_total", "総数", "All ages"}, std::tuple{"pop_65plus", "65歳以上", "Aged 65+"},
                                    std::tuple{"pop_75plus", "75歳以上", "Aged 75+"}}) {
        out += "<tr><td>" + p.t(ja, en) + "</td><td class=\"n\">" + fig(p.s, u + "/beyond_reach/" + k) + "</td><td class=\"n\">" +
               pct(p.s, u + "/beyond_reach/" + k, u + "/people/" + k) + "</td></tr>";
    }
    out += "<tr><td>" + p.t("到達圏外の面積", "Area beyond reach") + "</td><td class=\"n\">" + fig(p.s, u + "/gap_area_km2", 2) + " km²</td><td class=\"n\">" +
           pct(p.s, u + "/gap_area_km2", u + "/area_km2") + "</td></tr>";
    out += "</tbody></table></div></div></section>";
    return out;
}

std::string elsewhere_and_below(const PageParts& p) {
    const std::string u = p.unit.ptr;
    // Whose nearest hub lies in another unit.
    std::string out = "<section class=\"cols\"><div><h3>" + p.t("最寄りの拠点が他の圏域にある人", "Nearest hub in another unit") + "</h3>";
    out += "<table><tbody><tr>";
    for (const auto& [k, ja, en] : {std::tuple{"pop_total", "総数", "All ages"}, std::tuple{"pop_65plus", "65歳以上", "65+"},
                                    std::tuple{"pop_75plus", "75歳以上", "75+"}})
        out += "<td>" + p.t(ja, en) + "</td><td class=\"n\">" + fig(p.s, u + "/nearest_hub_elsewhere/" + k) + "</td>";
    out += "</tr></tbody></table>";
    const json& by_unit = at_or_null(p.s, u + "/nearest_hub_elsewhere_by_unit");
    if (by_unit.is_object() && !by_unit.empty()) {
        std::vector<std::pair<double, std::string>> rows;
        for (auto it = by_unit.begin(); it != by_unit.end(); ++it) rows.emplace_back(as_number(it.value()).value_or(0), it.key());
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        out += "<p class=\"note\">" + p.t("最寄りの拠点がある圏域: ", "Units of their nearest hub: ");
        for (std::size_t i = 0; i < rows.size() && i < 6; ++i) {
            const auto& [n, id] = rows[i];
            const auto it = p.tier.by_id.find(id);
            if (i) out += p.t("、", ", ");
            out += it != p.tier.by_id.end() ? link_to(p, p.tier.units[it->second]) : escape(id == "(outside all units)" ? p.t("圏域外", "outside all units") : id);
            out += " " + fig(p.s, u + "/nearest_hub_elsewhere_by_unit/" + pointer_token(id)) + p.t("人", "");
        }
        if (rows.size() > 6) out += p.t(" ほか", " and more");
        out += "</p>";
    }
    out += "</div>";

    // The units below.
    out += "<div><h3>" + p.t("下位の圏域", "Units within") + "</h3>";
    if (p.ti + 1 < p.ctx.tiers.size() && !p.unit.children.empty()) {
        const TierInfo& below = p.ctx.tiers[p.ti + 1];
        out += "<table><thead><tr><th>" + escape(below.name) + "</th><th class=\"n\">" + p.t("人口", "Pop.") + "</th><th class=\"n\">" +
               p.t("高齢化率", "65+ share") + "</th><th class=\"n\">" + p.t("圏外65+", "65+ beyond") + "</th></tr></thead><tbody>";
        for (std::size_t i = 0; i < p.unit.children.size() && i < k_max_children; ++i) {
            const UnitInfo& c = below.units[p.unit.children[i]];
            out += "<tr><td>" + link_to(p, c) + "</td><td class=\"n\">" + fig(p.s, c.ptr + "/people/pop_total") + "</td><td class=\"n\">" +
                   pct(p.s, c.ptr + "/people/pop_65plus", c.ptr + "/people/pop_total") + "</td><td class=\"n\">" + fig(p.s, c.ptr + "/beyond_reach/pop_65plus") +
                   "</td></tr>";
        }
        out += "</tbody></table>";
        if (p.unit.children.size() > k_max_children)
            out += "<p class=\"note\">" + p.t("ほか ", "and ") + format_number(static_cast<double>(p.unit.children.size() - k_max_children)) +
                   p.t(" 圏域 (一覧ページを参照)", " more (see the index)") + "</p>";
    } else {
        out += "<p class=\"note\">" + p.t("なし", "none") + "</p>";
    }
    out += "</div></section>";
    return out;
}

std::string transport(const PageParts& p) {
    std::string out = "<section><h2>" + p.t("公共交通", "Public transport") + "</h2>";
    if (!p.ctx.has_transport) {
        out += "<p class=\"note\">" +
               p.t("この実行には公共交通の分析が含まれていません (計画に [transport] を加えると、便利・不便・空白の地域と停留所の運行本数が表示されます)。",
                   "This run has no transport analysis (add [transport] to the plan to see convenient, inconvenient and unserved zones and "
                   "the departures at each stop).") +
               "</p></section>";
        return out;
    }
    const json& tr = p.s["transport"];
    out += "<p class=\"note\">" + p.t("基準: ", "Standard: ") + escape(as_text(tr.value("preset", json()))) + p.t(" (駅 ", " (station ") +
           fig(p.s, "/transport/radii_m/station") + " m" + p.t("、バス停 ", ", bus stop ") + fig(p.s, "/transport/radii_m/bus_stop") + " m" +
           p.t("、1日 ", ", at least ") + fig(p.s, "/transport/min_departures_per_day") + p.t(" 便以上", " departures a day") + ")";
    if (tr.contains("service_day") && tr["service_day"].is_string()) out += p.t("。運行日: ", ". Service day: ") + escape(tr["service_day"].get<std::string>());
    out += "</p><div class=\"cols\"><div>" + transport_map(p) + "</div><div>";
    const auto& keys = transport_class_keys();
    if (!p.unit.transport_ptr.empty()) {
        out += "<table><thead><tr><th></th><th class=\"n\">" + p.t("人口", "Pop.") + "</th><th class=\"n\">65+</th><th class=\"n\">75+</th><th class=\"n\">km²</th></tr></thead><tbody>";
        for (std::size_t c = 0; c < keys.size(); ++c) {
            const std::string cp = p.unit.transport_ptr + "/classes/" + keys[c];
            out += "<tr><td><i class=\"sw\" style=\"background:" + std::string(k_class_colour[c]) + "\"></i>" + escape(p.t.transport_class(keys[c])) +
                   "</td><td class=\"n\">" + fig(p.s, cp + "/pop_total") + "</td><td class=\"n\">" + fig(p.s, cp + "/pop_65plus") + "</td><td class=\"n\">" +
                   fig(p.s, cp + "/pop_75plus") + "</td><td class=\"n\">" + fig(p.s, cp + "/area_km2", 2) + "</td></tr>";
        }
        out += "</tbody></table>";
        const std::string blank = p.unit.transport_ptr + "/classes/空白/pop_65plus";
        out += "<p class=\"note\">" + p.t("空白地域に住む65歳以上: ", "Aged 65+ in unserved zones: ") + pct(p.s, blank, p.unit.ptr + "/people/pop_65plus") + "</p>";
    } else {
        out += "<p class=\"note\">" + p.t("この圏域の交通区分の集計はありません。", "No transport figures for this unit.") + "</p>";
    }
    // Stops in the unit, busiest first.
    const json& stops = tr.contains("stops") && tr["stops"].is_array() ? tr["stops"] : json::array();
    std::vector<std::size_t> order = p.unit.stops;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return as_number(stops[a].value("departures_per_day", json())).value_or(-1) > as_number(stops[b].value("departures_per_day", json())).value_or(-1);
    });
    std::size_t stations = 0;
    double departures = 0;
    for (const auto i : order) {
        stations += stops[i].value("kind", "") == "station";
        departures += as_number(stops[i].value("departures_per_day", json())).value_or(0);
    }
    out += "<h3>" + p.t("停留所と1日の運行本数", "Stops and departures a day") + "</h3>";
    out += "<p class=\"note\">" + p.t("駅 ", "Stations ") + format_number(static_cast<double>(stations)) + p.t("、バス停 ", ", bus stops ") +
           format_number(static_cast<double>(order.size() - stations)) + p.t("、発車 計 ", ", departures in all ") + format_number(departures) +
           p.t(" 本/日", " a day") + "</p>";
    if (!order.empty()) {
        out += "<table><thead><tr><th>" + p.t("名称", "Name") + "</th><th>" + p.t("種別", "Kind") + "</th><th class=\"n\">" + p.t("本/日", "Per day") +
               "</th></tr></thead><tbody>";
        for (std::size_t k = 0; k < order.size() && k < k_max_stops; ++k) {
            const std::string sp = "/transport/stops/" + std::to_string(order[k]);
            out += "<tr><td>" + escape(as_text(stops[order[k]].value("name", json()))) + "</td><td>" + escape(p.t.stop_kind(stops[order[k]].value("kind", ""))) +
                   "</td><td class=\"n\">" + fig(p.s, sp + "/departures_per_day", 0) + "</td></tr>";
        }
        out += "</tbody></table>";
        if (order.size() > k_max_stops)
            out += "<p class=\"note\">" + p.t("ほか ", "and ") + format_number(static_cast<double>(order.size() - k_max_stops)) + p.t(" か所", " more") + "</p>";
    }
    out += "</div></div></section>";
    return out;
}

std::string facilities(const PageParts& p) {
    const RunData& run = p.ctx.run;
    std::string out = "<section><h2>" + p.t("圏域内の施設", "Facilities in the unit") + "</h2>";
    if (p.unit.facilities.empty()) return out + "<p class=\"note\">" + p.t("この圏域内に施設はありません。", "No facility lies in this unit.") + "</p></section>";
    std::map<std::string, std::vector<std::size_t>> by_kind;
    for (const auto h : p.unit.facilities) by_kind[text_of(run.hubs, run.hubs.features[h], "kind")].push_back(h);
    std::vector<std::pair<std::string, std::vector<std::size_t>>> kinds(by_kind.begin(), by_kind.end());
    std::stable_sort(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
    out += "<table><thead><tr><th>" + p.t("種別", "Kind") + "</th><th class=\"n\">" + p.t("数", "Count") + "</th><th>" + p.t("名称", "Names") +
           "</th></tr></thead><tbody>";
    const auto hub_tiers = run.hubs.field_index("hub_of_tiers");
    for (std::size_t k = 0; k < kinds.size() && k < k_max_kinds; ++k) {
        const auto& [kind, list] = kinds[k];
        out += "<tr><td class=\"kind\">" + escape(p.t.facility_kind(kind)) + "</td><td class=\"n\" data-count=\"facilities\">" + format_number(static_cast<double>(list.size())) +
               "</td><td>";
        for (std::size_t i = 0; i < list.size() && i < k_max_names; ++i) {
            const Feature& f = run.hubs.features[list[i]];
            if (i) out += p.t("、", ", ");
            std::string name = text_of(run.hubs, f, "name");
            if (name.empty()) name = text_of(run.hubs, f, "hub_id");
            out += escape(name);
            if (hub_tiers && contains_token(keniki::as_text(f.values[*hub_tiers]), p.tier.id)) out += "<span class=\"badge\">" + p.t("拠点", "hub") + "</span>";
        }
        if (list.size() > k_max_names) out += p.t(" ほか", " and ") + format_number(static_cast<double>(list.size() - k_max_names)) + p.t("件", " more");
        out += "</td></tr>";
    }
    out += "</tbody></table>";
    if (kinds.size() > k_max_kinds)
        out += "<p class=\"note\">" + p.t("ほか ", "and ") + format_number(static_cast<double>(kinds.size() - k_max_kinds)) + p.t(" 種別", " more kinds") + "</p>";
    out += "</section>";
    return out;
}

/// Capacity-aware access ([[access]]): this unit's population-weighted scores, per 1,000 people of
/// each group, beside the study area's, and whether the unit is below the plan's threshold.
std::string access(const PageParts& p) {
    if (!p.s.contains("access") || !p.s["access"].is_array() || p.s["access"].empty()) return {};
    std::string rows;
    const json& list = p.s["access"];
    for (std::size_t ai = 0; ai < list.size(); ++ai) {
        const json& a = list[ai];
        if (!a.contains("tiers") || !a["tiers"].is_array()) continue;
        for (std::size_t k = 0; k < a["tiers"].size(); ++k) {
            const json& jt = a["tiers"][k];
            if (jt.value("id", "") != p.tier.id || !jt.contains("units") || !jt["units"].is_array()) continue;
            for (std::size_t j = 0; j < jt["units"].size(); ++j) {
                if (as_text(jt["units"][j].value("unit_id", json())) != p.unit.id) continue;
                const std::string up = "/access/" + std::to_string(ai) + "/tiers/" + std::to_string(k) + "/units/" + std::to_string(j);
                const std::string ap = "/access/" + std::to_string(ai);
                const bool low = jt["units"][j].value("below", false);
                rows += "<tr><td title=\"" + escape(as_text(a.value("decay", json()))) + "\">" + escape(as_text(a.value("name", json()))) + "<br><span class=\"note\">" +
                        escape(as_text(a.value("method", json()))) + " · " + escape(as_text(a.value("catchment", json()))) + " · " +
                        escape(as_text(a.value("score_unit", json()))) + "</span></td>";
                for (const char* g : {"pop_total", "pop_65plus", "pop_75plus"}) rows += "<td class=\"n\">" + fig(p.s, up + "/per1000/" + g, 3) + "</td>";
                rows += "<td class=\"n\">" + fig(p.s, ap + "/study/mean_per1000", 3) + "</td><td>" +
                        (low ? p.t("基準未満", "below threshold") + std::string(" (") + fig(p.s, ap + "/threshold_per_1000", 3) + ")" : std::string()) + "</td></tr>";
            }
        }
    }
    if (rows.empty()) return {};
    return "<section><h2>" + p.t("容量を考慮したアクセス（2SFCA）", "Capacity-aware access (2SFCA)") + "</h2><table><thead><tr><th>" +
           p.t("指標", "Index") + "</th><th class=\"n\">" + p.t("総人口で加重", "weighted by all") + "</th><th class=\"n\">" + p.t("65歳以上で加重", "by 65+") +
           "</th><th class=\"n\">" + p.t("75歳以上で加重", "by 75+") + "</th><th class=\"n\">" + p.t("市全体", "Study area") + "</th><th></th></tr></thead><tbody>" + rows +
           "</tbody></table><p class=\"note\">" +
           p.t("拠点の定員（職員数など）を、集水域内の需要で分け合った値（需要1,000人あたり）。近くても利用者が多い拠点は小さく数えます。",
               "Each hub's capacity (staff and the like) shared by the demand within its catchment, per 1,000 people of demand: a near hub shared by many counts for less.") +
           "</p></section>";
}

/// Reach by timetable (tiers with reach mode "transit"): who can make the round trip to this tier's
/// hub by the bus that runs, who cannot, the window's door-to-door minutes, and per scenario who
/// loses or gains the trip.
std::string transit_reach(const PageParts& p) {
    if (!p.s.contains("transit") || !p.s["transit"].is_array()) return {};
    const json& list = p.s["transit"];
    for (std::size_t k = 0; k < list.size(); ++k) {
        const json& t = list[k];
        if (t.value("tier", "") != p.tier.id || !t.contains("units") || !t["units"].is_array()) continue;
        for (std::size_t j = 0; j < t["units"].size(); ++j) {
            if (as_text(t["units"][j].value("unit_id", json())) != p.unit.id) continue;
            const std::string up = "/transit/" + std::to_string(k) + "/units/" + std::to_string(j);
            std::string rows;
            const std::pair<const char*, std::pair<const char*, const char*>> groups[] = {
                {"served", {"往復できる", "Can make the round trip"}}, {"not_served", {"往復できない", "Cannot"}}, {"walk_faster", {"歩く方が速い", "Faster on foot"}}};
            for (const auto& [key, label] : groups) {
                rows += "<tr><td>" + p.t(label.first, label.second) + "</td>";
                for (const char* g : {"pop_total", "pop_65plus", "pop_75plus"}) rows += "<td class=\"n\">" + fig(p.s, up + "/" + key + "/" + g, 0) + "</td>";
                rows += "</tr>";
            }
            std::string scen;
            if (t.contains("scenarios") && t["scenarios"].is_array()) {
                for (std::size_t s = 0; s < t["scenarios"].size(); ++s) {
                    const std::string sp = "/transit/" + std::to_string(k) + "/scenarios/" + std::to_string(s) + "/units/" + std::to_string(j);
                    scen += "<tr><td>" + escape(as_text(t["scenarios"][s].value("name", json()))) + " (" + escape(as_text(t["scenarios"][s].value("id", json()))) +
                            ")</td><td class=\"n\">" + fig(p.s, sp + "/lost/pop_total", 0) + "</td><td class=\"n\">" + fig(p.s, sp + "/lost/pop_65plus", 0) +
                            "</td><td class=\"n\">" + fig(p.s, sp + "/gained/pop_total", 0) + "</td></tr>";
                }
            }
            const std::string tp = "/transit/" + std::to_string(k);
            std::string out = "<section><h2>" + p.t("路線バス・鉄道で往復できるか（時刻表）", "Round trip by the bus that runs (timetable)") + "</h2><p class=\"note\">" +
                              escape(as_text(t.value("method", json()))) + p.t("。片道 ", ". Each way at most ") + fig(p.s, tp + "/limit_min", 0) +
                              p.t(" 分以内、出発 ", " min, leaving ") + escape(as_text(t.value("window", json()))) + p.t("、帰宅 ", ", home by ") +
                              escape(as_text(t.value("home_by", json()))) + p.t("。", ".") + "</p><table><thead><tr><th></th><th class=\"n\">" + p.t("人口", "People") +
                              "</th><th class=\"n\">65+</th><th class=\"n\">75+</th></tr></thead><tbody>" + rows + "</tbody></table><p>" +
                              p.t("出発時刻ごとの所要時間（分）: 中央値 ", "Door-to-door minutes over the window: median ") + fig(p.s, up + "/window_median_min", 1) +
                              p.t("、90パーセンタイル ", ", 90th percentile ") + fig(p.s, up + "/window_p90_min", 1) + "</p>";
            if (!scen.empty())
                out += "<table><thead><tr><th>" + p.t("シナリオ", "Scenario") + "</th><th class=\"n\">" + p.t("往復できなくなる人", "Lose the round trip") +
                       "</th><th class=\"n\">" + p.t("うち65歳以上", "of them 65+") + "</th><th class=\"n\">" + p.t("往復できるようになる人", "Gain it") +
                       "</th></tr></thead><tbody>" + scen + "</tbody></table>";
            return out + "</section>";
        }
    }
    return {};
}

/// `keniki site` for this unit's tier: the people within reach now and with the chosen sites, and
/// the sites that stand in this unit.
std::string siting(const PageParts& p) {
    if (!p.s.contains("siting") || !p.s["siting"].is_object()) return {};
    const json& st = p.s["siting"];
    if (st.value("tier", "") != p.tier.id || !st.contains("units") || !st["units"].is_array()) return {};
    std::string out;
    for (std::size_t u = 0; u < st["units"].size(); ++u) {
        if (as_text(st["units"][u].value("unit_id", json())) != p.unit.id) continue;
        const std::string up = "/siting/units/" + std::to_string(u);
        out += "<section><h2>" + p.t("拠点の追加候補地", "Where to add hubs") + "</h2><table><thead><tr><th></th><th class=\"n\">" + p.t("総数", "All") +
               "</th><th class=\"n\">65+</th><th class=\"n\">75+</th></tr></thead><tbody>";
        out += "<tr><td>" + p.t("到達圏内（現在）", "Within reach now") + "</td><td class=\"n\">" + fig(p.s, up + "/before/pop_total") + "</td><td class=\"n\">" +
               fig(p.s, up + "/before/pop_65plus") + "</td><td class=\"n\">" + fig(p.s, up + "/before/pop_75plus") + "</td></tr>";
        out += "<tr><td>" + p.t("到達圏内（追加後）", "Within reach with the new sites") + "</td><td class=\"n\">" + fig(p.s, up + "/after/pop_total") +
               "</td><td class=\"n\">" + fig(p.s, up + "/after/pop_65plus") + "</td><td class=\"n\">" + fig(p.s, up + "/after/pop_75plus") + "</td></tr></tbody></table>";
        std::string here;
        for (std::size_t i = 0; st.contains("sites") && i < st["sites"].size(); ++i) {
            if (as_text(st["sites"][i].value("unit_id", json())) != p.unit.id) continue;
            const std::string sp = "/siting/sites/" + std::to_string(i);
            here += "<li>#" + fig(p.s, sp + "/rank") + " " + escape(as_text(st["sites"][i].value("name", json()))) + ": +" + fig(p.s, sp + "/gained/pop_total") +
                    p.t(" 人（65歳以上 +", " people (65+: +") + fig(p.s, sp + "/gained/pop_65plus") + ")</li>";
        }
        if (!here.empty()) out += "<p>" + p.t("この圏域内の候補地:", "Sites in this unit:") + "</p><ul>" + here + "</ul>";
        out += "<p class=\"note\">" + escape(as_text(st.value("objective", json()))) + " · " + escape(as_text(st.value("method", json()))) + "</p></section>";
    }
    return out;
}

std::string scenarios(const PageParts& p) {
    if (!p.ctx.has_scenarios) return {};
    const json& list = p.s["scenarios"];
    std::string rows;
    for (std::size_t si = 0; si < list.size(); ++si) {
        const json& sc = list[si];
        if (!sc.contains("tiers") || !sc["tiers"].is_array()) continue;
        for (std::size_t k = 0; k < sc["tiers"].size(); ++k) {
            const json& jt = sc["tiers"][k];
            if (jt.value("id", "") != p.tier.id || !jt.contains("units") || !jt["units"].is_array()) continue;
            for (std::size_t j = 0; j < jt["units"].size(); ++j) {
                if (as_text(jt["units"][j].value("unit_id", json())) != p.unit.id) continue;
                const std::string up = "/scenarios/" + std::to_string(si) + "/tiers/" + std::to_string(k) + "/units/" + std::to_string(j);
                std::string name = as_text(sc.value("name", json()));
                if (name.empty()) name = as_text(sc.value("id", json()));
                rows += "<tr><td title=\"" + escape(as_text(sc.value("description", json()))) + "\">" + escape(name) + "</td>";
                rows += "<td class=\"n\">" + fig(p.s, up + "/lost/pop_total") + "</td><td class=\"n\">" + fig(p.s, up + "/lost/pop_65plus") + "</td>";
                rows += "<td class=\"n\">" + fig(p.s, up + "/gained/pop_total") + "</td><td class=\"n\">" + fig(p.s, up + "/gained/pop_65plus") + "</td>";
                rows += "<td class=\"n\">" + fig(p.s, up + "/worse_area_km2") + "</td><td class=\"n\">" + fig(p.s, up + "/lost_by_area/pop_total") + "</td>";
                const std::string before = p.unit.transport_ptr.empty() ? std::string() : p.unit.transport_ptr + "/classes/空白/pop_65plus";
                rows += "<td class=\"n\">" + (before.empty() ? std::string(k_missing) : fig(p.s, before)) + " → " + fig(p.s, up + "/classes/空白/pop_65plus") +
                        "</td></tr>";
            }
        }
    }
    std::string out = "<section><h2>" + p.t("シナリオ別の変化", "Scenarios") + "</h2>";
    if (rows.empty()) return out + "<p class=\"note\">" + p.t("この圏域に関わるシナリオの結果はありません。", "No scenario results for this unit.") + "</p></section>";
    out += "<table><thead><tr><th rowspan=\"2\">" + p.t("シナリオ", "Scenario") + "</th><th class=\"n\" colspan=\"2\">" +
           p.t("交通圏から外れる人", "Lose coverage") + "</th><th class=\"n\" colspan=\"2\">" + p.t("交通圏に入る人", "Gain coverage") + "</th><th class=\"n\" colspan=\"2\">" +
           p.t("悪化する区域（面積按分）", "Area made worse (by area)") + "</th><th class=\"n\">" +
           p.t("空白地域の65歳以上", "65+ in unserved zones") + "</th></tr><tr><th class=\"n\">" + p.t("総数", "All") + "</th><th class=\"n\">65+</th><th class=\"n\">" +
           p.t("総数", "All") + "</th><th class=\"n\">65+</th><th class=\"n\">km²</th><th class=\"n\">" + p.t("そこに住む人", "People there") +
           "</th><th class=\"n\">" + p.t("現況 → シナリオ", "now → scenario") + "</th></tr></thead><tbody>" + rows +
           "</tbody></table></section>";
    return out;
}

std::string footer(const PageParts& p) {
    std::string out = "<footer class=\"foot\">";
    out += p.t("作成: keniki ", "Made by keniki ") + escape(p.s.value("keniki_version", "")) + p.t("。作業座標系: ", ". Working CRS: ") +
           escape(p.ctx.run.working_crs) + p.t("。人口の数え方: ", ". Residents counted as: ") +
           escape(p.t.phrase(as_text(at_or_null(p.s, "/residents/counted_as")))) + p.t("。出典: ", ". Sources: ");
    const json& inputs = p.s.contains("inputs") && p.s["inputs"].is_array() ? p.s["inputs"] : json::array();
    std::size_t n = 0;
    for (const auto& in : inputs) {
        if (n++) out += p.t("、", "; ");
        std::string path = as_text(in.value("path", json()));
        if (const auto slash = path.find_last_of('/'); slash != std::string::npos) path = path.substr(slash + 1);
        out += escape(p.t.input_role(in.value("role", ""))) + " " + escape(path);
        for (const char* k : {"credit", "attribution", "license"}) {
            if (in.contains(k) && in[k].is_string() && !in[k].get<std::string>().empty()) out += " (" + escape(in[k].get<std::string>()) + ")";
        }
    }
    out += p.t("。詳細は一覧ページ。", ". Details on the index page.") + "</footer>";
    return out;
}

}  // namespace

std::string map_defs(const std::string& id) {
    return "<pattern id=\"" + id + "-hatch\" width=\"9\" height=\"9\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
           "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"9\" stroke=\"#d62728\" stroke-width=\"2.6\"/></pattern>"
           "<style>.nb{fill:#ecebe6;stroke:#a9a9a3;stroke-width:1}.unit{fill:#cfe0f1;stroke:none}"
           ".unit-edge{fill:none;stroke:#1f4e79;stroke-width:3;stroke-linejoin:round}"
           ".gap{stroke:#d62728;stroke-width:1;stroke-opacity:.7}.sa{fill:none;stroke:#2e7d32;stroke-width:2.2;stroke-dasharray:9 5}"
           ".tz{stroke:none;fill-opacity:.85}.hub{fill:#c62828;stroke:#fff;stroke-width:2}.fac{fill:#666;stroke:#fff;stroke-width:1.2}"
           ".bus{fill:#1565c0;stroke:#fff;stroke-width:1}.stn{fill:#111;stroke:#fff;stroke-width:1.5}"
           ".nbl text{font-size:15px;fill:#77776f;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}</style>";
}

std::string unit_page(const ReportContext& ctx, std::size_t ti, std::size_t ui) {
    const TierInfo& tier = ctx.tiers[ti];
    const UnitInfo& unit = tier.units[ui];
    std::string root;
    for (const char c : unit.page) {
        if (c == '/') root += "../";
    }
    const PageParts p{ctx, tier, unit, ti, root, ctx.run.summary, ctx.t};
    const std::string name = display_name(unit);
    std::string out = page_open(ctx, p.t("地域カルテ: ", "Area profile: ") + name + " (" + tier.name + ") — " + ctx.study_name, "karte",
                                "<style>.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}"
                                "h3+.cmp{margin-bottom:6px}td.kind{white-space:nowrap}</style>\n");
    out += "<nav class=\"crumbs\"><a href=\"" + root + "index.html\">" + p.t("一覧", "Index") + "</a> › " + escape(tier.name) + " › " + escape(name);
    if (ctx.options.map_viewer) out += " · <a href=\"" + root + "map.html\">" + p.t("操作できる地図", "Interactive map") + "</a>";
    out += "</nav>\n<main class=\"sheet\">\n<header class=\"head\"><div class=\"kicker\">" + p.t("地域カルテ", "Area profile") + " · " + escape(ctx.study_name) +
           " · " + escape(tier.name) + "</div><h1 data-unit-name>" + escape(name) + "</h1><div class=\"meta\">ID <b>" + escape(unit.id) + "</b>";
    if (unit.parent && ti > 0) out += p.t(" · 上位の圏域: ", " · Part of: ") + escape(ctx.tiers[ti - 1].name) + " " + link_to(p, ctx.tiers[ti - 1].units[*unit.parent]);
    out += p.t(" · 拠点: ", " · Hubs inside: ") + format_number(static_cast<double>(at_or_null(p.s, unit.ptr + "/hubs_inside").size())) + "</div></header>\n";
    out += tiles(p);
    if (unit.feature) out += reach_map(p);
    else out += "<p class=\"note\">" + p.t("この圏域の形状が出力にないため、地図は描けません。", "The unit's shape is not in the outputs: no map.") + "</p>";
    out += population(p);
    out += reach(p);
    out += elsewhere_and_below(p);
    if (unit.feature || !ctx.has_transport) out += transport(p);
    out += facilities(p);
    out += access(p);
    out += transit_reach(p);
    out += siting(p);
    out += scenarios(p);
    out += footer(p);
    out += "\n</main>\n";
    out += page_close();
    return out;
}

}  // namespace keniki::report::html
