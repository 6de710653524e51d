#include "keniki/report/html_map_viewer.hpp"

#include <fstream>
#include <sstream>

#include "keniki/core/error.hpp"
#include "keniki/report/html_escape.hpp"

namespace keniki::report::html {

namespace fs = std::filesystem;

namespace {

// The viewer: layers from map_data.js (var data = {...}), styled by kind, toggled with Leaflet's
// layer control; pop-ups list a feature's fields and link a unit to its page. Residents are added
// to the map only when switched on (there may be tens of thousands).
constexpr std::string_view k_viewer_js = R"JS(
(function(){
  var ui = data.ui;
  var map = L.map('map', {preferCanvas: false, zoomSnap: 0.25});
  var canvas = L.canvas({padding: 0.3});
  var tierColours = ['#1f4e79', '#6a3d9a', '#b15928', '#33a02c', '#e31a1c'];
  var classColours = {'便利': '#4daf4a', '不便': '#f0c419', '空白': '#e4572e'};
  function esc(s){ var d=document.createElement('div'); d.textContent = s==null ? '' : String(s); return d.innerHTML; }
  function popup(layerInfo, props){
    var box = document.createElement('div'); box.className = 'pop';
    var h = document.createElement('div'); h.className = 'pop-title';
    h.textContent = props.hub_name || props.unit_name || props.name || props.unit_id || props.hub_id || props.stop_id || layerInfo.title;
    box.appendChild(h);
    if (layerInfo.tier && props.unit_id != null && data.pages[layerInfo.tier] && data.pages[layerInfo.tier][props.unit_id]) {
      var a = document.createElement('a'); a.href = data.pages[layerInfo.tier][props.unit_id]; a.textContent = ui.open_page;
      box.appendChild(a);
    }
    var t = document.createElement('table');
    Object.keys(props).forEach(function(k){
      var v = props[k]; if (v === null || v === undefined || v === '') return;
      if (typeof v === 'number' && !Number.isInteger(v)) v = Math.round(v * 1000) / 1000;
      var tr = document.createElement('tr'), th = document.createElement('th'), td = document.createElement('td');
      th.textContent = k; td.textContent = typeof v === 'number' ? v.toLocaleString(ui.locale) : v;
      tr.appendChild(th); tr.appendChild(td); t.appendChild(tr);
    });
    box.appendChild(t);
    return box;
  }
  function style(info){
    var k = info.kind, c = tierColours[info.tier_index % tierColours.length];
    if (k === 'units') return function(){ return {color: c, weight: info.tier_index === 0 ? 3 : 1.6, fill: true, fillColor: c, fillOpacity: 0.03}; };
    if (k === 'service_area') return function(){ return {color: '#2e7d32', weight: 2, dashArray: '6 4', fillColor: '#2e7d32', fillOpacity: 0.07}; };
    if (k === 'gaps') return function(){ return {color: '#d62728', weight: 0.8, fillColor: '#d62728', fillOpacity: 0.18}; };
    if (k === 'transport_zones') return function(f){ var col = classColours[f.properties['class']] || '#999'; return {color: col, weight: 0.5, fillColor: col, fillOpacity: 0.35}; };
    if (k === 'changes') return function(f){ var lost = /^lost/.test(f.properties.change || ''); return {color: lost ? '#b2182b' : '#1a9850', weight: 1, fillColor: lost ? '#b2182b' : '#1a9850', fillOpacity: 0.45}; };
    if (k === 'hubs' || k === 'hub_figures' || k === 'stops' || k === 'residents' || k === 'sites') return function(){ return {}; };  // point styles are set in point()
    return function(){ return {color: '#555', weight: 1.5, fillOpacity: 0.1}; };
  }
  function point(info){
    return function(f, latlng){
      var p = f.properties || {};
      if (info.kind === 'hubs') {
        var hub = p.hub_of_tiers && String(p.hub_of_tiers) !== '';
        return L.circleMarker(latlng, {radius: hub ? 6 : 4, color: '#fff', weight: 1.5, fillColor: hub ? '#c62828' : '#555', fillOpacity: 1});
      }
      if (info.kind === 'hub_figures') {  // a ring in the tier's colour, larger for a larger catchment
        var n = Number(p.nearest_pop_total) || 0;
        return L.circleMarker(latlng, {radius: Math.min(24, 6 + Math.sqrt(n) / 4), color: tierColours[info.tier_index % tierColours.length], weight: 2.5, fill: false});
      }
      if (info.kind === 'sites') {  // where to add: a large violet marker per chosen site
        return L.circleMarker(latlng, {radius: 9, color: '#fff', weight: 2, fillColor: '#6a1b9a', fillOpacity: 0.95});
      }
      if (info.kind === 'stops') {
        var st = p.kind === 'station' || info.name === 'stations';
        return L.circleMarker(latlng, {radius: st ? 5 : 3, color: '#fff', weight: 1, fillColor: st ? '#111' : '#1565c0', fillOpacity: 1});
      }
      var beyond = false;
      Object.keys(p).forEach(function(k){ if (/^beyond_reach/.test(k) && p[k] === 1) beyond = true; });
      return L.circleMarker(latlng, {renderer: canvas, radius: 2, stroke: false, fillColor: beyond ? '#d62728' : '#607d8b', fillOpacity: 0.75});
    };
  }
  var overlays = {}, bounds = null;
  data.layers.forEach(function(info){
    var layer = L.geoJSON(null, {style: style(info), pointToLayer: point(info),
      onEachFeature: function(f, l){ l.bindPopup(function(){ return popup(info, f.properties || {}); }, {maxWidth: 360}); }});
    var loaded = false;
    function load(){ if (!loaded) { loaded = true; layer.addData(info.geojson); } }
    if (info.lazy) layer.on('add', load); else load();
    if (info.kind === 'units' && layer.getLayers().length) {
      var b = layer.getBounds(); if (b.isValid()) bounds = bounds ? bounds.extend(b) : b;
    }
    overlays[esc(info.title)] = layer;  // Leaflet's layer control inserts names as HTML: a tier name is text
    if (info.visible) layer.addTo(map);
  });
  if (bounds) map.fitBounds(bounds, {padding: [12, 12]}); else map.setView([35, 135], 5);
  L.control.layers(null, overlays, {collapsed: false}).addTo(map);
  L.control.scale({imperial: false}).addTo(map);
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function(){
    var d = L.DomUtil.create('div', 'legend');
    d.innerHTML = ui.legend.map(function(e){ return '<div><i style="background:' + e[0] + '"></i>' + esc(e[1]) + '</div>'; }).join('');
    return d;
  };
  legend.addTo(map);
  document.documentElement.setAttribute('data-layers', String(data.layers.length));
})();
)JS";

/// A browser copes with a few tens of MB of GeoJSON; past this a layer stays out of the viewer.
constexpr std::uintmax_t k_max_embedded_bytes = 64u << 20;

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw DataError("cannot read " + p.string(), Where{p.string()});
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct LayerMeta {
    std::string kind;     ///< units, service_area, gaps, residents, hubs, hub_figures, stops, transport_zones, changes, other
    std::string tier;     ///< tier id for per-tier layers
    int tier_index = -1;
    std::string title;
    int order = 50;       ///< drawing order (lower = below)
    bool visible = false;
    bool lazy = false;
};

LayerMeta describe(const ReportContext& ctx, const std::string& name) {
    LayerMeta m;
    const auto tier_of = [&](const std::string& prefix) -> bool {
        if (name.rfind(prefix, 0) != 0) return false;
        const std::string id = name.substr(prefix.size());
        for (std::size_t i = 0; i < ctx.tiers.size(); ++i) {
            if (ctx.tiers[i].id == id) {
                m.tier = id;
                m.tier_index = static_cast<int>(i);
                return true;
            }
        }
        return false;
    };
    if (tier_of("units_")) {
        m.kind = "units";
        m.title = ctx.t("圏域: ", "Units: ") + ctx.tiers[static_cast<std::size_t>(m.tier_index)].name;
        m.order = 20 + m.tier_index;
        m.visible = true;
    } else if (tier_of("service_area_")) {
        m.kind = "service_area";
        m.title = ctx.t("到達圏: ", "Reach: ") + ctx.tiers[static_cast<std::size_t>(m.tier_index)].name;
        m.order = 30 + m.tier_index;
    } else if (tier_of("gaps_")) {
        m.kind = "gaps";
        m.title = ctx.t("到達圏外: ", "Beyond reach: ") + ctx.tiers[static_cast<std::size_t>(m.tier_index)].name;
        m.order = 40 + m.tier_index;
        m.visible = m.tier_index == static_cast<int>(ctx.tiers.size()) - 1;
    } else if (name == "residents" || tier_of("residents_")) {
        m.kind = "residents";
        m.title = ctx.t("住民", "Residents") + (m.tier.empty() ? std::string() : " (" + ctx.tiers[static_cast<std::size_t>(m.tier_index)].name + ")");
        m.order = 60;
        m.lazy = true;
    } else if (tier_of("hubs_")) {
        m.kind = "hub_figures";
        m.title = ctx.t("拠点の担当人口: ", "Hub catchments: ") + ctx.tiers[static_cast<std::size_t>(m.tier_index)].name;
        m.order = 85 + m.tier_index;
    } else if (name == "hubs") {
        m.kind = "hubs";
        m.title = ctx.t("施設 (赤: 拠点)", "Facilities (red: hubs)");
        m.order = 90;
        m.visible = true;
    } else if (name == "stops" || name == "stations") {
        m.kind = "stops";
        m.title = name == "stops" ? ctx.t("停留所・駅", "Stops and stations") : ctx.t("駅", "Stations");
        m.order = 80;
        m.visible = true;
    } else if (name == "transport_zones") {
        m.kind = "transport_zones";
        m.title = ctx.t("公共交通 (便利・不便・空白)", "Transport (convenient / inconvenient / none)");
        m.order = 10;
    } else if (tier_of("site_")) {
        m.kind = "sites";
        m.title = ctx.t("追加候補地: ", "Where to add: ") + ctx.tiers[static_cast<std::size_t>(m.tier_index)].name;
        m.order = 95;
        m.visible = true;
    } else if (name.rfind("scenario_", 0) == 0) {
        m.kind = "changes";
        m.title = ctx.t("シナリオの変化: ", "Scenario changes: ") + name.substr(9);
        m.order = 50;
    } else {
        m.kind = "other";
        m.title = name;
    }
    return m;
}

void copy_tree(const fs::path& from, const fs::path& to, const fs::path& report_dir, std::vector<std::string>& files) {
    fs::create_directories(to);
    for (const auto& e : fs::directory_iterator(from)) {
        if (e.is_directory()) {
            copy_tree(e.path(), to / e.path().filename(), report_dir, files);
        } else if (e.is_regular_file()) {
            fs::copy_file(e.path(), to / e.path().filename(), fs::copy_options::overwrite_existing);
            files.push_back(fs::relative(to / e.path().filename(), report_dir).string());
        }
    }
}

}  // namespace

bool write_map_viewer(const ReportContext& ctx, const fs::path& report_dir, std::vector<std::string>& files, std::vector<std::string>& warnings) {
    const fs::path leaflet(ctx.options.leaflet_dir);
    if (!fs::exists(leaflet / "leaflet.js") || !fs::exists(leaflet / "leaflet.css")) {
        warnings.push_back("Leaflet not found in " + leaflet.string() + " (Debian package libjs-leaflet): map.html not written");
        return false;
    }
    // Leaflet itself, its stylesheet and images, and its licence.
    const fs::path lib = report_dir / "lib" / "leaflet";
    fs::create_directories(lib);
    for (const char* f : {"leaflet.js", "leaflet.css"}) {
        fs::copy_file(leaflet / f, lib / f, fs::copy_options::overwrite_existing);
        files.push_back("lib/leaflet/" + std::string(f));
    }
    if (fs::is_directory(leaflet / "images")) copy_tree(leaflet / "images", lib / "images", report_dir, files);
    for (const char* licence : {"/usr/share/doc/libjs-leaflet/copyright"}) {
        if (fs::exists(licence)) {
            fs::copy_file(licence, lib / "LICENSE", fs::copy_options::overwrite_existing);
            files.push_back("lib/leaflet/LICENSE");
        }
    }

    // The data: every GeoJSON output, verbatim, in drawing order.
    std::vector<std::pair<LayerMeta, std::string>> layers;
    for (const auto& file : ctx.run.geojson_files) {
        const std::string name = fs::path(file).stem().string();
        layers.emplace_back(describe(ctx, name), file);
    }
    std::stable_sort(layers.begin(), layers.end(), [](const auto& a, const auto& b) { return a.first.order < b.first.order; });
    {
        std::ofstream out(report_dir / "map_data.js", std::ios::binary);
        json pages = json::object();
        for (const auto& tier : ctx.tiers) {
            json p = json::object();
            for (const auto& u : tier.units) p[u.id] = u.page;
            pages[tier.id] = p;
        }
        json ui = {{"open_page", ctx.t("地域カルテを開く", "Open the area profile")},
                   {"locale", ctx.t.lang() == Lang::ja ? "ja-JP" : "en-GB"},
                   {"legend", json::array({json::array({"#2e7d32", ctx.t("到達圏", "Reach")}), json::array({"#f4b6b6", ctx.t("到達圏外", "Beyond reach")}),
                                           json::array({"#c62828", ctx.t("拠点", "Hub")}), json::array({"#555555", ctx.t("その他の施設", "Other facility")}),
                                           json::array({"#111111", ctx.t("駅", "Station")}), json::array({"#1565c0", ctx.t("バス停", "Bus stop")})})}};
        // Every value below is JSON made script-safe: no name, id or GeoJSON property is ever written raw
        // (a study name with a newline in a comment would run as code when map.html opens).
        out << "// keniki: the layers of the study for map.html (generated; GeoJSON in EPSG:4326)\n";
        out << "var data = {\"study\": " << script_json(ctx.study_name) << ", \"ui\": " << script_json(ui) << ", \"pages\": " << script_json(pages)
            << ", \"layers\": [\n";
        bool first = true;
        for (const auto& [meta, file] : layers) {
            if (fs::file_size(ctx.run.dir / file) > k_max_embedded_bytes) {
                warnings.push_back(file + " is larger than " + std::to_string(k_max_embedded_bytes >> 20) +
                                   " MiB: left out of map.html (open it in QGIS)");
                continue;
            }
            const std::string text = read_file(ctx.run.dir / file);
            if (!first) out << ",\n";
            first = false;
            json head = {{"name", fs::path(file).stem().string()}, {"title", meta.title}, {"kind", meta.kind}, {"tier", meta.tier},
                         {"tier_index", meta.tier_index}, {"visible", meta.visible}, {"lazy", meta.lazy}};
            std::string h = script_json(head);
            h.pop_back();  // reopen the object to append the GeoJSON (its text, made script-safe)
            out << h << ", \"geojson\": " << script_safe(text) << "}";
        }
        out << "\n]};\n";
        if (!out) throw DataError("cannot write map_data.js", Where{(report_dir / "map_data.js").string()});
        files.push_back("map_data.js");
    }

    // The page.
    std::string page = page_open(ctx, ctx.t("地図 — ", "Map — ") + ctx.study_name, "viewer",
                                 "<link rel=\"stylesheet\" href=\"lib/leaflet/leaflet.css\">\n"
                                 "<style>html,body{height:100%}body.viewer{display:flex;flex-direction:column;margin:0}"
                                 ".topbar{flex:none;padding:6px 12px;background:#1f4e79;color:#fff;font-size:14px;display:flex;gap:16px;align-items:baseline}"
                                 ".topbar a{color:#fff}.topbar b{font-size:16px}#map{flex:1;min-height:400px}"
                                 ".pop-title{font-weight:700;margin-bottom:2px}.pop table{border-collapse:collapse;font-size:11px;margin-top:4px}"
                                 ".pop th{text-align:left;color:#666;font-weight:400;padding:1px 8px 1px 0;background:none;border:0}"
                                 ".pop td{padding:1px 0;border:0}.legend{background:#fff;padding:6px 8px;border-radius:4px;font-size:12px;line-height:1.6;box-shadow:0 1px 4px rgba(0,0,0,.3)}"
                                 ".legend i{display:inline-block;width:11px;height:11px;margin-right:6px;border-radius:2px;vertical-align:-1px}"
                                 ".leaflet-container{font:inherit}</style>\n");
    page += "<div class=\"topbar\"><b>" + escape(ctx.study_name) + "</b><span>" + ctx.t("圏域・到達圏・施設の地図", "Units, reach and facilities") +
            "</span><a href=\"index.html\">" + ctx.t("地域カルテ 一覧", "Area profiles") + "</a></div>\n<div id=\"map\"></div>\n";
    page += "<script src=\"lib/leaflet/leaflet.js\"></script>\n<script src=\"map_data.js\"></script>\n<script>";
    page += k_viewer_js;
    page += "</script>\n";
    page += page_close();
    std::ofstream out(report_dir / "map.html", std::ios::binary);
    out << page;
    if (!out) throw DataError("cannot write map.html", Where{(report_dir / "map.html").string()});
    files.push_back("map.html");
    return true;
}

}  // namespace keniki::report::html
