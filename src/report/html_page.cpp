#include "keniki/report/html_page.hpp"

#include <set>

#include <boost/geometry/algorithms/covered_by.hpp>

#include "keniki/geom/overlay.hpp"
#include "keniki/report/html_escape.hpp"
#include "keniki/report/html_svg_map.hpp"

namespace keniki::report::html {

namespace {

// One style for every page: A4 portrait in print, a sheet of paper on screen.
constexpr std::string_view k_css = R"CSS(
:root{--ink:#1d2733;--muted:#5d6b7a;--line:#d5dbe1;--accent:#1f4e79;--accent-soft:#e8f0f8;--paper:#fff;--bg:#eef1f4;
--u65:#9ecae1;--a65:#fdae6b;--a75:#d9480f;}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:var(--bg);color:var(--ink);font-family:"Noto Sans CJK JP","Noto Sans JP","IPAexGothic","IPAPGothic","IPAGothic","Hiragino Kaku Gothic ProN","Hiragino Sans","Yu Gothic","Meiryo",system-ui,sans-serif;font-size:13px;line-height:1.55;font-feature-settings:"palt"}
.sheet{background:var(--paper);max-width:210mm;margin:12px auto;padding:12mm 12mm 10mm;box-shadow:0 1px 4px rgba(0,0,0,.12)}
.wide .sheet{max-width:1100px}
a{color:var(--accent)}
nav.crumbs{max-width:210mm;margin:10px auto 0;font-size:12px;color:var(--muted);padding:0 4px}
.wide nav.crumbs{max-width:1100px}
nav.crumbs a{text-decoration:none}
header.head{border-bottom:3px solid var(--accent);padding-bottom:6px;margin-bottom:10px}
.kicker{font-size:11.5px;color:var(--muted);letter-spacing:.04em}
h1{font-size:24px;line-height:1.25;margin:2px 0 4px;overflow-wrap:anywhere;word-break:normal;line-break:strict}
h2{font-size:15px;margin:14px 0 6px;padding-left:8px;border-left:4px solid var(--accent);line-height:1.3;break-after:avoid}
h3{font-size:13px;margin:10px 0 4px;color:var(--accent)}
.meta{font-size:11.5px;color:var(--muted);overflow-wrap:anywhere}
.meta b{color:var(--ink);font-weight:600}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:6px;margin:8px 0 10px}
.tile{background:var(--accent-soft);border-radius:4px;padding:6px 9px}
.tile .label{font-size:11px;color:var(--muted)}
.tile .big{font-size:21px;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
.tile .sub{font-size:11px;color:var(--muted)}
figure{margin:0}
.map svg{display:block;width:100%;height:auto;border:1px solid var(--line);background:#fbfbf9}
.map .sea{fill:#f7f7f4}
.legend{display:flex;flex-wrap:wrap;gap:3px 14px;font-size:11px;color:var(--muted);margin:4px 0 0;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:5px}
.legend svg{width:22px;height:13px;flex:none}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.cols>*{min-width:0}
table{border-collapse:collapse;width:100%;font-size:12px;font-variant-numeric:tabular-nums}
th,td{padding:3px 6px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:11px;background:#f6f8fa}
td.n,th.n{text-align:right;white-space:nowrap}
.note{font-size:11px;color:var(--muted)}
.bar{display:flex;height:22px;border-radius:3px;overflow:hidden;margin:4px 0 2px;background:#eee}
.bar span{display:block;height:100%}
.keys{display:flex;flex-wrap:wrap;gap:2px 12px;font-size:11.5px}
.keys i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.cmp{display:grid;grid-template-columns:10em 1fr 4.2em;gap:3px 6px;align-items:center;font-size:11.5px}
.cmp .track{background:#eef0f2;height:11px;border-radius:2px;position:relative}
.cmp .fill{position:absolute;left:0;top:0;bottom:0;border-radius:2px}
.cmp .v{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;font-size:10px;padding:0 5px;border-radius:8px;background:#c62828;color:#fff;margin-left:4px;vertical-align:1px}
.muted{color:var(--muted)}
footer.foot{margin-top:12px;border-top:1px solid var(--line);padding-top:5px;font-size:10.5px;color:var(--muted);overflow-wrap:anywhere}
.page-break{break-before:page;page-break-before:always;height:0}
section{break-inside:avoid}
.sortable th{cursor:pointer;user-select:none;white-space:nowrap}
.sortable th[aria-sort=ascending]::after{content:" ▲";font-size:9px}
.sortable th[aria-sort=descending]::after{content:" ▼";font-size:9px}
.sortable td.name{min-width:9em;overflow-wrap:anywhere}
@page{size:A4 portrait;margin:11mm 11mm 12mm}
@media print{
 body{background:#fff;font-size:11px;line-height:1.45}
 table{font-size:11px}th,td{padding:2px 5px}
 h2{font-size:14px;margin:10px 0 5px}h3{margin:7px 0 3px}
 .tiles{margin:6px 0 8px}.tile .big{font-size:19px}
 .sheet{box-shadow:none;margin:0;padding:0;max-width:none}
 .no-print,nav.crumbs{display:none}
 a{color:inherit;text-decoration:none}
 h1{font-size:21px}
}
)CSS";

// Reports a resource that failed to load on the console, where tests (and anyone) can see it.
constexpr std::string_view k_error_hook =
    "<script>window.addEventListener('error',function(e){var t=e.target;if(t&&t!==window&&(t.src||t.href))"
    "console.error('keniki: failed to load '+(t.src||t.href));},true);</script>";

}  // namespace

std::string display_name(const UnitInfo& u) { return u.name.empty() ? u.id : u.name; }

int cost_decimals(std::string_view unit) { return unit == "m" ? 0 : 1; }

std::string fig(const json& doc, const std::string& pointer, int decimals) {
    return "<span class=\"fig\" data-key=\"" + escape(pointer) + "\">" + format_number(number_at(doc, pointer), decimals) + "</span>";
}

std::string pct(const json& doc, const std::string& part, const std::string& whole, int decimals) {
    return "<span class=\"fig\" data-num=\"" + escape(part) + "\" data-den=\"" + escape(whole) + "\">" +
           format_percent(share_of(number_at(doc, part), number_at(doc, whole)), decimals) + "</span>";
}

std::string page_open(const ReportContext& ctx, std::string_view title, std::string_view body_class, std::string_view extra_head) {
    std::string out;
    out.reserve(8192);
    out += "<!DOCTYPE html>\n<html lang=\"";
    out += lang_code(ctx.t.lang());
    out += "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<meta name=\"generator\" content=\"keniki " + escape(ctx.run.summary.value("keniki_version", "")) + "\">\n";
    out += "<title>" + escape(title) + "</title>\n";
    out += k_error_hook;
    out += "\n<style>";
    out += k_css;
    out += "</style>\n";
    out += extra_head;
    out += "</head>\n<body class=\"" + std::string(body_class) + "\">\n";
    return out;
}

std::string page_close() { return "</body>\n</html>\n"; }

ReportContext::ReportContext(const RunData& run_, const HtmlOptions& options_)
    : run(run_), options(options_), t(parse_lang(options_.lang)) {
    const json& s = run.summary;
    if (s.contains("study") && s["study"].is_object()) study_name = s["study"].value("name", "");
    has_transport = s.contains("transport") && s["transport"].is_object();
    has_scenarios = s.contains("scenarios") && s["scenarios"].is_array() && !s["scenarios"].empty();

    std::set<std::string> used_pages;
    const json& jtiers = s["tiers"];
    for (std::size_t ti = 0; ti < jtiers.size(); ++ti) {
        const json& jt = jtiers[ti];
        TierInfo tier;
        tier.id = jt.value("id", "tier" + std::to_string(ti + 1));
        const std::string name_ja = jt.value("name", "");
        const std::string name_en = jt.contains("name_en") && jt["name_en"].is_string() ? jt["name_en"].get<std::string>() : "";
        tier.name = t.lang() == Lang::en && !name_en.empty() ? name_en : (name_ja.empty() ? tier.id : name_ja);
        tier.ptr = "/tiers/" + std::to_string(ti);
        tier.cost_unit = jt.value("cost_unit", "m");
        const std::string folder = "units/" + file_name_for(tier.id) + "/";
        const json& ju = jt.contains("units") && jt["units"].is_array() ? jt["units"] : json::array();
        for (std::size_t ui = 0; ui < ju.size(); ++ui) {
            UnitInfo u;
            u.id = as_text(ju[ui].value("unit_id", json()));
            u.name = ju[ui].contains("unit_name") ? as_text(ju[ui]["unit_name"]) : "";
            u.ptr = tier.ptr + "/units/" + std::to_string(ui);
            std::string page = folder + file_name_for(u.id);
            std::string candidate = page + ".html";
            for (int n = 2; used_pages.count(candidate); ++n) candidate = page + "~" + std::to_string(n) + ".html";
            used_pages.insert(candidate);
            u.page = candidate;
            u.box = Box(Point(1, 1), Point(0, 0));
            if (ti < run.tiers.size() && ui < run.tiers[ti].unit_feature.size()) u.feature = run.tiers[ti].unit_feature[ui];
            if (u.feature) {
                const Geometry& g = run.tiers[ti].units.features[*u.feature].geometry;
                u.box = bounds_of(g);
                try {
                    const MultiPolygon mp = geom::as_multi_polygon(g);
                    if (!mp.empty()) u.label_at = geom::interior_point(mp);
                } catch (const std::exception&) {
                    // A label is a nicety: without an interior point the unit is drawn unlabelled.
                }
            }
            tier.by_id.emplace(u.id, tier.units.size());
            tier.units.push_back(std::move(u));
        }
        tiers.push_back(std::move(tier));
    }

    // Parents and children.
    for (std::size_t ti = 1; ti < tiers.size(); ++ti) {
        if (!jtiers[ti].contains("units")) continue;
        const json& ju = jtiers[ti]["units"];
        for (std::size_t ui = 0; ui < tiers[ti].units.size(); ++ui) {
            const json& p = ju[ui].contains("parent_id") ? ju[ui]["parent_id"] : json();
            if (!p.is_string()) continue;
            const auto it = tiers[ti - 1].by_id.find(p.get<std::string>());
            if (it == tiers[ti - 1].by_id.end()) continue;
            tiers[ti].units[ui].parent = it->second;
            tiers[ti - 1].units[it->second].children.push_back(ui);
        }
    }

    // Facilities inside each unit.
    for (std::size_t ti = 0; ti < tiers.size() && ti < run.tiers.size(); ++ti) {
        auto& tier = tiers[ti];
        for (std::size_t h = 0; h < run.hubs.features.size(); ++h) {
            const auto* p = std::get_if<Point>(&run.hubs.features[h].geometry);
            if (!p) continue;
            for (auto& u : tier.units) {
                if (!u.feature || box_empty(u.box)) continue;
                if (p->x() < u.box.min_corner().x() || p->x() > u.box.max_corner().x() || p->y() < u.box.min_corner().y() ||
                    p->y() > u.box.max_corner().y())
                    continue;
                const Geometry& g = run.tiers[ti].units.features[*u.feature].geometry;
                bool inside = false;
                if (const auto* poly = std::get_if<Polygon>(&g)) inside = boost::geometry::covered_by(*p, *poly);
                else if (const auto* mp = std::get_if<MultiPolygon>(&g)) inside = boost::geometry::covered_by(*p, *mp);
                if (inside) {
                    u.facilities.push_back(h);
                    break;  // units of a tier do not overlap (beyond slivers): count each facility once
                }
            }
        }
    }

    // Transport figures and stops per unit.
    if (has_transport) {
        const json& tr = s["transport"];
        if (tr.contains("tiers") && tr["tiers"].is_array()) {
            for (std::size_t k = 0; k < tr["tiers"].size(); ++k) {
                const json& jt = tr["tiers"][k];
                for (auto& tier : tiers) {
                    if (tier.id != jt.value("id", "")) continue;
                    if (!jt.contains("units") || !jt["units"].is_array()) continue;
                    for (std::size_t j = 0; j < jt["units"].size(); ++j) {
                        const auto it = tier.by_id.find(as_text(jt["units"][j].value("unit_id", json())));
                        if (it != tier.by_id.end())
                            tier.units[it->second].transport_ptr = "/transport/tiers/" + std::to_string(k) + "/units/" + std::to_string(j);
                    }
                }
            }
        }
        if (tr.contains("stops") && tr["stops"].is_array()) {
            for (std::size_t i = 0; i < tr["stops"].size(); ++i) {
                const json& st = tr["stops"][i];
                if (!st.contains("unit_ids") || !st["unit_ids"].is_object()) continue;
                for (auto& tier : tiers) {
                    const auto v = st["unit_ids"].find(tier.id);
                    if (v == st["unit_ids"].end() || !v->is_string()) continue;
                    const auto it = tier.by_id.find(v->get<std::string>());
                    if (it != tier.by_id.end()) tier.units[it->second].stops.push_back(i);
                }
            }
        }
    }
}

}  // namespace keniki::report::html
