#include "keniki/report/html_index_page.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "keniki/report/html_escape.hpp"
#include "keniki/report/html_svg_map.hpp"

namespace keniki::report::html {

namespace {

constexpr std::size_t k_label_units_up_to = 40;  ///< units labelled by name on an index map
// Five classes, light to dark (ColorBrewer YlOrRd), and the colour of a unit without a figure.
constexpr const char* k_ramp[5] = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};
constexpr const char* k_no_data = "#d9d9d9";

constexpr std::string_view k_sort_js = R"JS(<script>
(function(){
  function key(td,num){var v=td.getAttribute('data-sort');if(v===null)v=td.textContent;if(!num)return v;return v===''?NaN:parseFloat(v);}
  document.querySelectorAll('table.sortable').forEach(function(table){
    var heads=table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads,function(th,col){
      th.tabIndex=0;
      function sort(){
        var asc=th.getAttribute('aria-sort')!=='ascending',num=th.getAttribute('data-type')==='num';
        Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});
        th.setAttribute('aria-sort',asc?'ascending':'descending');
        var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
        rows.sort(function(a,b){
          var x=key(a.cells[col],num),y=key(b.cells[col],num);
          if(num){var xn=isNaN(x),yn=isNaN(y);if(xn||yn)return xn===yn?0:(xn?1:-1);return asc?x-y:y-x;}
          return asc?x.localeCompare(y,'ja'):y.localeCompare(x,'ja');
        });
        rows.forEach(function(r){body.appendChild(r);});
      }
      th.addEventListener('click',sort);
      th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort();}});
    });
  });
})();
</script>
)JS";

std::optional<double> num(const ReportContext& ctx, const std::string& pointer) { return number_at(ctx.run.summary, pointer); }

double nice_step(double raw) {
    if (!(raw > 0)) return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double f : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (f * mag >= raw * (1 - 1e-9)) return f * mag;
    }
    return 10 * mag;
}

std::string format_value(const Indicator& ind, std::optional<double> v) {
    return ind.share ? format_percent(v) : format_number(v);
}

std::string th(const std::string& text, bool numeric, const std::string& title = {}) {
    return "<th" + std::string(numeric ? " class=\"n\" data-type=\"num\"" : "") + (title.empty() ? "" : " title=\"" + escape(title) + "\"") + ">" + escape(text) +
           "</th>";
}

/// The raw number a sortable column sorts by ("" sorts last).
std::string sort_value(std::optional<double> v) {
    if (!v) return {};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.6f", *v);
    return buf;
}

std::string td_fig(const ReportContext& ctx, const std::string& pointer, int decimals = 0) {
    return "<td class=\"n\" data-sort=\"" + sort_value(num(ctx, pointer)) + "\">" + fig(ctx.run.summary, pointer, decimals) + "</td>";
}

std::string td_pct(const ReportContext& ctx, const std::string& part, const std::string& whole) {
    return "<td class=\"n\" data-sort=\"" + sort_value(share_of(num(ctx, part), num(ctx, whole))) + "\">" + pct(ctx.run.summary, part, whole) + "</td>";
}

std::string tier_map(const ReportContext& ctx, std::size_t ti, const Indicator& ind, std::string& legend_out) {
    const TierInfo& tier = ctx.tiers[ti];
    const Layer& layer = ctx.run.tiers[ti].units;
    Box all(Point(1, 1), Point(0, 0));
    for (const auto& u : tier.units) extend(all, u.box);
    if (box_empty(all)) return {};
    SvgMap map(all, 1000, 760, "ix" + std::to_string(ti), 0.03);

    std::vector<std::optional<double>> values;
    double max = 0;
    for (const auto& u : tier.units) {
        values.push_back(indicator_value(ctx, ind, u));
        if (values.back()) max = std::max(max, *values.back());
    }
    const double step = nice_step(max / 5.0);
    const auto class_of = [&](double v) { return std::clamp(static_cast<int>(std::floor(v / step)), 0, 4); };
    std::vector<bool> used(5, false);
    bool missing = false;
    for (std::size_t i = 0; i < tier.units.size(); ++i) {
        const UnitInfo& u = tier.units[i];
        if (!u.feature) continue;
        const auto& v = values[i];
        const std::string colour = v ? k_ramp[class_of(*v)] : k_no_data;
        if (v) used[static_cast<std::size_t>(class_of(*v))] = true;
        else missing = true;
        map.raw("<a href=\"" + escape(u.page) + "\">");
        map.polygon(layer.features[*u.feature].geometry, "class=\"ch\" fill=\"" + colour + "\" data-unit=\"" + escape(u.id) + "\"",
                    "<title>" + escape(display_name(u)) + ": " + escape(format_value(ind, v)) + "</title>");
        map.raw("</a>");
    }
    if (tier.units.size() <= k_label_units_up_to) {
        map.open_group("class=\"nbl\"");
        for (const auto& u : tier.units) {
            if (u.label_at) map.label_inside(*u.label_at, display_name(u), 14, "");
        }
        map.close_group();
    }
    map.scale_bar_and_north_arrow();
    // Legend: the classes that occur.
    legend_out = "<ul class=\"legend vertical\">";
    for (int c = 0; c < 5; ++c) {
        if (!used[static_cast<std::size_t>(c)]) continue;
        const double lo = c * step, hi = (c + 1) * step;
        const std::string range = c == 4 ? format_value(ind, lo) + ctx.t(" 以上", " and over") : format_value(ind, lo) + " – " + format_value(ind, hi);
        legend_out += "<li><svg viewBox=\"0 0 22 13\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"20\" height=\"11\" fill=\"" + std::string(k_ramp[c]) +
                      "\" stroke=\"#888\" stroke-width=\".6\"/></svg><span>" + escape(range) + "</span></li>";
    }
    if (missing)
        legend_out += "<li><svg viewBox=\"0 0 22 13\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"20\" height=\"11\" fill=\"" + std::string(k_no_data) +
                      "\"/></svg><span>" + ctx.t("数値なし", "no figure") + "</span></li>";
    legend_out += "</ul>";
    return "<figure class=\"map\">" +
           map.finish("role=\"img\" data-map=\"index\" aria-label=\"" + escape(tier.name + ": " + ctx.t(ind.ja, ind.en)) + "\"",
                      "<style>.ch{stroke:#fff;stroke-width:1.2}.ch:hover{stroke:#1f4e79;stroke-width:3}"
                      ".nbl text{font-size:14px;fill:#333;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}</style>") +
           "</figure>";
}

std::string tier_section(const ReportContext& ctx, std::size_t ti, const Indicator& ind) {
    const TierInfo& tier = ctx.tiers[ti];
    const json& s = ctx.run.summary;
    const std::string tp = tier.ptr;
    const std::string unit = ctx.t.cost_unit(tier.cost_unit);
    const int dec = cost_decimals(tier.cost_unit);
    std::string out = "<section class=\"tier\" id=\"tier-" + escape(tier.id) + "\"><h2>" + escape(tier.name) + " <span class=\"muted\">(" +
                      format_number(static_cast<double>(tier.units.size())) + ctx.t(" 圏域)", " units)") + "</span></h2>";
    out += "<p class=\"note\">" + ctx.t("到達圏: ", "Reach: ") + fig(s, tp + "/reach", dec) + " " + escape(unit) + " (" + escape(ctx.t.phrase(s.value(json::json_pointer(tp + "/cost"), ""))) +
           ")" + ctx.t("。到達圏外: ", ". Beyond reach: ") + fig(s, tp + "/beyond_reach/pop_total") + ctx.t(" 人 (うち65歳以上 ", " people (aged 65+: ") +
           fig(s, tp + "/beyond_reach/pop_65plus") + ", " + pct(s, tp + "/beyond_reach/pop_65plus", tp + "/in_units/pop_65plus") +
           ctx.t(")。どの圏域にも入らない人: ", "). Outside all units: ") + fig(s, tp + "/outside_all_units/pop_total") + ctx.t(" 人。", " people.") + "</p>";
    std::string legend;
    // A tier of one unit (the whole city) needs no map of its own: the finer tiers show it.
    const std::string map = tier.units.size() > 1 ? tier_map(ctx, ti, ind, legend) : std::string();
    if (!map.empty()) {
        out += "<div class=\"maprow\"><div>" + map + "</div><div><h3>" + escape(ctx.t(ind.ja, ind.en)) + "</h3>" + legend + "<p class=\"note\">" +
               ctx.t("圏域をクリックするとその地域カルテを開きます。", "Click a unit to open its profile.") + "</p></div></div>";
    }
    // The table of every unit.
    out += "<div class=\"tablewrap\"><table class=\"sortable units\"><thead><tr>";
    out += th(ctx.t("圏域", "Unit"), false) + th("ID", false);
    if (ti > 0) out += th(ctx.t("上位", "Part of"), false);
    out += th(ctx.t("人口", "Pop."), true) + th("65+", true) + th(ctx.t("高齢化率", "65+ %"), true) + th("75+", true) + th(ctx.t("拠点", "Hubs"), true) +
           th((tier.cost_unit == "m" ? ctx.t("距離90%値", "Dist. p90") : ctx.t("時間90%値", "Time p90")) + " (" + unit + ")", true) + th(ctx.t("圏外", "Beyond"), true, ctx.t("到達圏外の人", "People beyond reach")) +
           th(ctx.t("圏外65+", "Beyond 65+"), true) + th(ctx.t("圏外65+率", "Beyond 65+ %"), true, ctx.t("65歳以上のうち到達圏外の割合", "Share of 65+ beyond reach")) +
           th(ctx.t("他圏域の拠点", "Hub elsewhere"), true, ctx.t("最寄りの拠点が他の圏域にある人", "People whose nearest hub is in another unit"));
    if (ctx.has_transport) out += th(ctx.t("交通空白65+", "65+ unserved"), true, ctx.t("公共交通空白地域に住む65歳以上", "Aged 65+ in unserved zones"));
    out += "</tr></thead><tbody>";
    for (const auto& u : tier.units) {
        const std::string up = u.ptr;
        out += "<tr><td class=\"name\" data-sort=\"" + escape(display_name(u)) + "\"><a href=\"" + escape(u.page) + "\">" + escape(display_name(u)) + "</a></td>";
        out += "<td>" + escape(u.id) + "</td>";
        if (ti > 0) {
            const std::string parent = u.parent ? display_name(ctx.tiers[ti - 1].units[*u.parent]) : std::string();
            out += "<td>" + escape(parent) + "</td>";
        }
        out += td_fig(ctx, up + "/people/pop_total") + td_fig(ctx, up + "/people/pop_65plus") + td_pct(ctx, up + "/people/pop_65plus", up + "/people/pop_total") +
               td_fig(ctx, up + "/people/pop_75plus");
        const json& hubs = s.contains(json::json_pointer(up + "/hubs_inside")) ? s.at(json::json_pointer(up + "/hubs_inside")) : json::array();
        out += "<td class=\"n\" data-sort=\"" + std::to_string(hubs.size()) + "\">" + format_number(static_cast<double>(hubs.size())) + "</td>";
        out += td_fig(ctx, up + "/cost/p90", dec) + td_fig(ctx, up + "/beyond_reach/pop_total") + td_fig(ctx, up + "/beyond_reach/pop_65plus") +
               td_pct(ctx, up + "/beyond_reach/pop_65plus", up + "/people/pop_65plus") + td_fig(ctx, up + "/nearest_hub_elsewhere/pop_total");
        if (ctx.has_transport) {
            if (u.transport_ptr.empty()) out += "<td class=\"n\" data-sort=\"\">" + std::string(k_missing) + "</td>";
            else out += td_fig(ctx, u.transport_ptr + "/classes/空白/pop_65plus");
        }
        out += "</tr>";
    }
    out += "</tbody></table></div></section>";
    return out;
}

std::string transport_section(const ReportContext& ctx) {
    if (!ctx.has_transport) return {};
    const json& s = ctx.run.summary;
    std::string out = "<section><h2>" + ctx.t("公共交通 (市全体)", "Public transport (whole study area)") + "</h2>";
    out += "<p class=\"note\">" + ctx.t("基準: ", "Standard: ") + escape(as_text(s["transport"].value("preset", json()))) + ctx.t(" (駅 ", " (station ") +
           fig(s, "/transport/radii_m/station") + " m" + ctx.t("、バス停 ", ", bus stop ") + fig(s, "/transport/radii_m/bus_stop") + " m" +
           ctx.t("、1日 ", ", at least ") + fig(s, "/transport/min_departures_per_day") + ctx.t(" 便以上)", " departures a day)");
    if (s["transport"].contains("circles") && s["transport"]["circles"].is_object())  // older summaries do not state it
        out += ctx.t("。円は四分円あたり ", "; circles of ") + fig(s, "/transport/circles/segments_per_quadrant") +
               ctx.t(" 分割 (面積は円より ", " segments per quarter circle (area ") + fig(s, "/transport/circles/area_error_pct", 3) +
               ctx.t(" % 小さい)", " % short of the circle)");
    out += "</p>";
    out += "<table class=\"narrow\"><thead><tr><th></th><th class=\"n\">" + ctx.t("人口", "Pop.") +
           "</th><th class=\"n\">65+</th><th class=\"n\">75+</th><th class=\"n\">km²</th></tr></thead><tbody>";
    for (const auto& key : transport_class_keys()) {
        const std::string cp = "/transport/study/" + key;
        out += "<tr><td>" + escape(ctx.t.transport_class(key)) + "</td><td class=\"n\">" + fig(s, cp + "/pop_total") + "</td><td class=\"n\">" +
               fig(s, cp + "/pop_65plus") + "</td><td class=\"n\">" + fig(s, cp + "/pop_75plus") + "</td><td class=\"n\">" + fig(s, cp + "/area_km2", 2) +
               "</td></tr>";
    }
    out += "</tbody></table>";
    if (ctx.has_scenarios) {
        out += "<h3>" + ctx.t("シナリオ", "Scenarios") + "</h3><table class=\"narrow\"><thead><tr><th>" + ctx.t("シナリオ", "Scenario") + "</th><th>" +
               ctx.t("内容", "Description") + "</th><th class=\"n\">" + ctx.t("交通圏から外れる人", "Lose coverage") + "</th><th class=\"n\">" +
               ctx.t("交通圏に入る人", "Gain coverage") + "</th></tr></thead><tbody>";
        for (std::size_t i = 0; i < s["scenarios"].size(); ++i) {
            const json& sc = s["scenarios"][i];
            const std::string sp = "/scenarios/" + std::to_string(i) + "/study";
            std::string name = as_text(sc.value("name", json()));
            if (name.empty()) name = as_text(sc.value("id", json()));
            out += "<tr><td>" + escape(name) + "</td><td>" + escape(as_text(sc.value("description", json()))) + "</td><td class=\"n\">" +
                   fig(s, sp + "/lost/pop_total") + "</td><td class=\"n\">" + fig(s, sp + "/gained/pop_total") + "</td></tr>";
        }
        out += "</tbody></table>";
    }
    out += "</section>";
    return out;
}

/// `keniki site`: the chosen sites in order, with the people each adds (the map viewer shows them).
std::string siting_section(const ReportContext& ctx) {
    const json& s = ctx.run.summary;
    if (!s.contains("siting") || !s["siting"].is_object()) return {};
    const json& st = s["siting"];
    std::string out = "<section id=\"siting\"><h2>" + ctx.t("拠点の追加候補地", "Where to add hubs") + "</h2><p class=\"note\">" +
                      escape(as_text(st.value("tier", json()))) + " · " + escape(as_text(st.value("objective", json()))) + " · " +
                      escape(as_text(st.value("demand", json()))) + " · " + escape(as_text(st.value("reach", json()))) + "<br>" +
                      escape(as_text(st.value("method", json()))) + "<br>" + ctx.t("候補: ", "Candidates: ") + escape(as_text(st.value("candidates", json()))) +
                      ctx.t("。需要: ", ". Demand: ") + escape(as_text(st.value("demand_points", json()))) + "</p>";
    out += "<table class=\"narrow\"><thead><tr><th>#</th><th>" + ctx.t("候補地", "Site") + "</th><th>" + ctx.t("圏域", "Unit") + "</th><th class=\"n\">" +
           ctx.t("新たに到達圏に入る人", "People newly within reach") + "</th><th class=\"n\">65+</th><th class=\"n\">75+</th><th class=\"n\">" +
           ctx.t("到達圏内の人（累計）", "Within reach (cumulative)") + "</th></tr></thead><tbody>";
    out += "<tr><td></td><td>" + ctx.t("現在の拠点のみ", "Current hubs only") + "</td><td></td><td></td><td></td><td></td><td class=\"n\">" +
           fig(s, "/siting/covered_before/pop_total") + "</td></tr>";
    for (std::size_t i = 0; st.contains("sites") && i < st["sites"].size(); ++i) {
        const std::string sp = "/siting/sites/" + std::to_string(i);
        out += "<tr><td>" + fig(s, sp + "/rank") + "</td><td>" + escape(as_text(st["sites"][i].value("name", json()))) + "</td><td>" +
               escape(as_text(st["sites"][i].value("unit_id", json()))) + "</td><td class=\"n\">" + fig(s, sp + "/gained/pop_total") + "</td><td class=\"n\">" +
               fig(s, sp + "/gained/pop_65plus") + "</td><td class=\"n\">" + fig(s, sp + "/gained/pop_75plus") + "</td><td class=\"n\">" +
               fig(s, sp + "/covered_after/pop_total") + "</td></tr>";
    }
    out += "</tbody></table></section>";
    return out;
}

std::string sources_section(const ReportContext& ctx) {
    const json& s = ctx.run.summary;
    std::string out = "<section id=\"sources\"><h2>" + ctx.t("計画と出典", "Plan and sources") + "</h2>";
    out += "<p class=\"note\">" + ctx.t("計画ファイル: ", "Plan file: ") + escape(as_text(s.value("plan", json()))) + ctx.t("。作業座標系: ", ". Working CRS: ") +
           escape(ctx.run.working_crs) + " — " + escape(as_text(s.value(json::json_pointer("/working_crs/reason"), json()))) +
           ctx.t("。人口の数え方: ", ". Residents counted as: ") + escape(ctx.t.phrase(as_text(s.value(json::json_pointer("/residents/counted_as"), json())))) + "</p>";
    out += "<table><thead><tr><th>" + ctx.t("役割", "Role") + "</th><th>" + ctx.t("ファイル", "File") + "</th><th>" + ctx.t("レイヤ", "Layer") + "</th><th>" +
           ctx.t("座標系", "CRS") + "</th><th>" + ctx.t("文字コード", "Encoding") + "</th><th class=\"n\">" + ctx.t("読込", "Read") + "</th><th class=\"n\">" +
           ctx.t("使用", "Used") + "</th><th>" + ctx.t("出典・注記", "Credit and notes") + "</th></tr></thead><tbody>";
    const json& inputs = s.contains("inputs") && s["inputs"].is_array() ? s["inputs"] : json::array();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const json& in = inputs[i];
        const std::string path = as_text(in.value("path", json()));
        std::string file = path;
        if (const auto slash = file.find_last_of('/'); slash != std::string::npos) file = file.substr(slash + 1);
        std::string notes;
        for (const char* k : {"credit", "attribution", "license", "source"}) {
            if (in.contains(k) && in[k].is_string() && !in[k].get<std::string>().empty()) notes += (notes.empty() ? "" : " · ") + escape(in[k].get<std::string>());
        }
        if (!as_text(in.value("where", json())).empty()) notes += (notes.empty() ? "" : " · ") + ctx.t("条件: ", "filter: ") + escape(as_text(in["where"]));
        if (in.contains("notes") && in["notes"].is_array()) {
            for (const auto& n : in["notes"]) notes += (notes.empty() ? "" : " · ") + escape(as_text(n));
        }
        const std::string ip = "/inputs/" + std::to_string(i);
        out += "<tr><td>" + escape(ctx.t.input_role(as_text(in.value("role", json())))) + "</td><td title=\"" + escape(path) + "\">" + escape(file) + "</td><td>" +
               escape(as_text(in.value("layer", json()))) + "</td><td>" + escape(as_text(in.value("source_crs", json()))) + "</td><td>" +
               escape(as_text(in.value("encoding", json()))) + "</td><td class=\"n\">" + fig(s, ip + "/features_read") + "</td><td class=\"n\">" +
               fig(s, ip + "/features_used") + "</td><td>" + (notes.empty() ? std::string(k_missing) : notes) + "</td></tr>";
    }
    out += "</tbody></table>";
    const json& warnings = s.contains("warnings") && s["warnings"].is_array() ? s["warnings"] : json::array();
    if (!warnings.empty()) {
        out += "<details><summary>" + ctx.t("警告 ", "Warnings ") + "(" + format_number(static_cast<double>(warnings.size())) + ")</summary><ul class=\"note\">";
        for (const auto& w : warnings) out += "<li>" + escape(as_text(w)) + "</li>";
        out += "</ul></details>";
    }
    out += "</section>";
    return out;
}

}  // namespace

const std::vector<Indicator>& indicators() {
    static const std::vector<Indicator> all = {
        {"beyond_reach_65plus_share", "65歳以上のうち到達圏外の割合", "Share of 65+ beyond reach", true, false},
        {"beyond_reach_share", "到達圏外の人の割合", "Share of people beyond reach", true, false},
        {"beyond_reach_65plus", "到達圏外の65歳以上 (人)", "Aged 65+ beyond reach (people)", false, false},
        {"beyond_reach_total", "到達圏外の人 (人)", "People beyond reach", false, false},
        {"share_65plus", "高齢化率 (65歳以上の割合)", "Share aged 65+", true, false},
        {"share_75plus", "75歳以上の割合", "Share aged 75+", true, false},
        {"pop_total", "人口", "Population", false, false},
        {"pop_65plus", "65歳以上の人口", "Population aged 65+", false, false},
        {"pop_75plus", "75歳以上の人口", "Population aged 75+", false, false},
        {"cost_p90", "拠点までの距離・所要時間 90%値", "Distance or time to the hub, 90th percentile", false, false},
        {"nearest_hub_elsewhere_share", "最寄りの拠点が他の圏域にある人の割合", "Share whose nearest hub is in another unit", true, false},
        {"transport_blank_65plus", "公共交通空白地域の65歳以上 (人)", "Aged 65+ in unserved zones", false, true},
        {"transport_blank_65plus_share", "65歳以上のうち公共交通空白地域に住む割合", "Share of 65+ in unserved zones", true, true},
        {"transport_poor_65plus_share", "65歳以上のうち交通不便・空白地域に住む割合", "Share of 65+ in inconvenient or unserved zones", true, true},
    };
    return all;
}

std::optional<double> indicator_value(const ReportContext& ctx, const Indicator& ind, const UnitInfo& u) {
    const std::string p = u.ptr;
    const auto n = [&](const std::string& rel) { return num(ctx, p + rel); };
    const std::string& name = ind.name;
    if (name == "beyond_reach_65plus_share") return share_of(n("/beyond_reach/pop_65plus"), n("/people/pop_65plus"));
    if (name == "beyond_reach_share") return share_of(n("/beyond_reach/pop_total"), n("/people/pop_total"));
    if (name == "beyond_reach_65plus") return n("/beyond_reach/pop_65plus");
    if (name == "beyond_reach_total") return n("/beyond_reach/pop_total");
    if (name == "share_65plus") return share_of(n("/people/pop_65plus"), n("/people/pop_total"));
    if (name == "share_75plus") return share_of(n("/people/pop_75plus"), n("/people/pop_total"));
    if (name == "pop_total") return n("/people/pop_total");
    if (name == "pop_65plus") return n("/people/pop_65plus");
    if (name == "pop_75plus") return n("/people/pop_75plus");
    if (name == "cost_p90") return n("/cost/p90");
    if (name == "nearest_hub_elsewhere_share") return share_of(n("/nearest_hub_elsewhere/pop_total"), n("/people/pop_total"));
    if (u.transport_ptr.empty()) return std::nullopt;
    const auto blank = num(ctx, u.transport_ptr + "/classes/空白/pop_65plus");
    if (name == "transport_blank_65plus") return blank;
    if (name == "transport_blank_65plus_share") return share_of(blank, n("/people/pop_65plus"));
    if (name == "transport_poor_65plus_share") {
        const auto poor = num(ctx, u.transport_ptr + "/classes/不便/pop_65plus");
        if (!blank || !poor) return std::nullopt;
        return share_of(*blank + *poor, n("/people/pop_65plus"));
    }
    return std::nullopt;
}

std::string index_page(const ReportContext& ctx) {
    const json& s = ctx.run.summary;
    const Indicator* ind = &indicators().front();
    for (const auto& i : indicators()) {
        if (i.name == ctx.options.indicator) ind = &i;
    }
    std::string out = page_open(ctx, ctx.t("地域カルテ 一覧 — ", "Area profiles — ") + ctx.study_name, "wide index",
                                "<style>.maprow{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,1.2fr);gap:16px;align-items:start}"
                                ".legend.vertical{flex-direction:column;gap:4px;font-size:12px;color:var(--ink)}"
                                "table.units td,table.units th{padding:3px 5px}table.units thead th{position:sticky;top:0;z-index:1}table.narrow{width:auto;min-width:50%}"
                                "section.tier{break-inside:auto}details{margin-top:8px;font-size:12px}"
                                "@media print{.maprow{grid-template-columns:3fr 1.2fr}section.tier{break-before:page}}</style>\n");
    out += "<nav class=\"crumbs\">" + ctx.t("地域カルテ 一覧", "Area profiles");
    if (ctx.options.map_viewer) out += " · <a href=\"map.html\">" + ctx.t("操作できる地図", "Interactive map") + "</a>";
    out += " · <a href=\"#sources\">" + ctx.t("出典", "Sources") + "</a></nav>\n<main class=\"sheet\">\n";
    out += "<header class=\"head\"><div class=\"kicker\">" + ctx.t("地域カルテ 一覧", "Area profiles") + "</div><h1>" + escape(ctx.study_name) + "</h1><div class=\"meta\">";
    for (std::size_t ti = 0; ti < ctx.tiers.size(); ++ti) {
        out += (ti ? " · " : "") + std::string("<a href=\"#tier-") + escape(ctx.tiers[ti].id) + "\">" + escape(ctx.tiers[ti].name) + "</a> " +
               format_number(static_cast<double>(ctx.tiers[ti].units.size()));
    }
    out += "</div></header>\n";
    out += "<section class=\"tiles\">";
    out += "<div class=\"tile\"><div class=\"label\">" + ctx.t("人口", "Population") + "</div><div class=\"big\">" + fig(s, "/total/pop_total") + "</div></div>";
    out += "<div class=\"tile\"><div class=\"label\">" + ctx.t("65歳以上", "Aged 65+") + "</div><div class=\"big\">" + fig(s, "/total/pop_65plus") + "</div><div class=\"sub\">" +
           ctx.t("高齢化率 ", "Share ") + pct(s, "/total/pop_65plus", "/total/pop_total") + "</div></div>";
    out += "<div class=\"tile\"><div class=\"label\">" + ctx.t("75歳以上", "Aged 75+") + "</div><div class=\"big\">" + fig(s, "/total/pop_75plus") + "</div><div class=\"sub\">" +
           ctx.t("割合 ", "Share ") + pct(s, "/total/pop_75plus", "/total/pop_total") + "</div></div>";
    out += "<div class=\"tile\"><div class=\"label\">" + ctx.t("面積", "Area") + "</div><div class=\"big\">" + fig(s, "/study/area_km2", 1) + " km²</div></div>";
    out += "</section>\n";
    if (ind->transport && !ctx.has_transport)
        out += "<p class=\"note\">" + ctx.t("この実行には公共交通の分析がないため、地図の指標は表示できません。", "This run has no transport analysis: the map indicator has no figures.") + "</p>";
    for (std::size_t ti = 0; ti < ctx.tiers.size(); ++ti) out += tier_section(ctx, ti, *ind) + "\n";
    out += transport_section(ctx);
    out += siting_section(ctx);
    out += sources_section(ctx);
    out += "<footer class=\"foot\">" + ctx.t("作成: keniki ", "Made by keniki ") + escape(as_text(s.value("keniki_version", json()))) +
           ctx.t("。数値はすべて summary.json のとおりです。", ". Every figure is as in summary.json.") + "</footer>\n</main>\n";
    out += k_sort_js;
    out += page_close();
    return out;
}

}  // namespace keniki::report::html
