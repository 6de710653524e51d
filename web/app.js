// keniki serve: the page. Units of a tier shaded by a figure, hubs draggable, hubs added and
// removed; every change is sent to POST /api/scenario and the table, totals and shading show the
// answer (before -> after, difference). No basemap tiles: the units themselves are the map.
"use strict";

const TEXT = {
  ja: {
    title: "圏域シナリオ", scenario: "シナリオ名", tier: "圏域", indicator: "指標", add: "拠点を追加", delete: "選択を削除",
    undo: "元に戻す", reset: "リセット", save: "シナリオとして保存", lang: "English", unit: "単位", people: "人口", p65: "65歳以上",
    beyond: "圏外人口", beyond65: "65歳以上の圏外", before: "変更前", after: "変更後", diff: "差", total: "合計",
    ind_beyond: "圏外人口", ind_beyond65: "65歳以上の圏外人口", ind_pop: "人口", ind_p65: "65歳以上人口", ind_diff: "圏外人口の増減",
    ind_blank65: "公共交通空白の65歳以上",
    click_to_add: "地図をクリックして新しい拠点の位置を指定", computing: "計算中…", computed: "再計算 {ms} ms（{n} 圏域が変化）",
    saved: "保存しました: {path}", default_name: "ワークショップ案", new_hub: "新しい拠点", no_save: "保存先（--out）が指定されていません",
    access: "アクセス指標", access_mean: "全域平均", below_units: "基準未満の単位", new_supply: "新拠点の供給量", median: "中央値",
    tiers: "全圏域の合計", hubs_of: "拠点", add_stop: "バス停を追加", new_stop: "新しいバス停", click_to_add_stop: "地図をクリックして新しいバス停の位置を指定", lines: "運行", blank_study: "公共交通空白（全域）", ind_blank: "公共交通空白の人口",
  },
  en: {
    title: "service-area scenario", scenario: "Scenario", tier: "Tier", indicator: "Figure", add: "Add hub", delete: "Delete selected",
    undo: "Undo", reset: "Reset", save: "Save as scenario", lang: "日本語", unit: "Unit", people: "People", p65: "65+",
    beyond: "Beyond reach", beyond65: "65+ beyond reach", before: "before", after: "after", diff: "change", total: "Total",
    ind_beyond: "People beyond reach", ind_beyond65: "65+ beyond reach", ind_pop: "People", ind_p65: "People 65+", ind_diff: "Change in people beyond reach",
    ind_blank65: "65+ in transport-blank zones",
    click_to_add: "Click the map where the new hub goes", computing: "computing…", computed: "recomputed in {ms} ms ({n} units changed)",
    saved: "saved: {path}", default_name: "Workshop idea", new_hub: "New hub", no_save: "keniki serve has no --out directory to save into",
    access: "Access index", access_mean: "whole-area mean", below_units: "units below threshold", new_supply: "New hub's supply", median: "median",
    tiers: "Totals of every tier", hubs_of: "hubs", add_stop: "Add bus stop", new_stop: "New bus stop", click_to_add_stop: "Click the map where the new bus stop goes", lines: "Running", blank_study: "Transport-blank (whole area)", ind_blank: "People in transport-blank zones",
  },
};

const state = {
  lang: "ja", plan: null, tier: null, indicator: "beyond_reach_total",
  units: {},            // tier id -> GeoJSON
  edits: { move: {}, add: [], remove: [], stopsOff: [], stopIdsOff: [], stopsAdded: [], routesOff: [], feedsOff: [] },
  selectedStop: null, addingStop: false,
  history: [], result: null, selected: null, adding: false, seq: 1,
};
window.keniki = { ready: false, lastResponse: null, requests: 0 };

const $ = (id) => document.getElementById(id);
const t = (k, vars) => {
  let s = TEXT[state.lang][k] || k;
  for (const [n, v] of Object.entries(vars || {})) s = s.replace("{" + n + "}", v);
  return s;
};
const fmt = (v) => (v === null || v === undefined ? "–" : Math.round(v).toLocaleString(state.lang === "ja" ? "ja-JP" : "en-GB"));
// Access scores (supply per 1,000 people of the demand group): three decimals.
const fmt3 = (v) => (v === null || v === undefined ? "–" : v.toLocaleString(state.lang === "ja" ? "ja-JP" : "en-GB", { minimumFractionDigits: 3, maximumFractionDigits: 3 }));
const signed3 = (v) => (v > 0.0005 ? "+" : "") + fmt3(v);
const clsGood = (v) => (v > 0.0005 ? "better" : v < -0.0005 ? "worse" : "");
const signed = (v) => (Math.round(v) > 0 ? "+" : "") + fmt(v);
const cls = (v) => (Math.round(v) > 0 ? "up" : Math.round(v) < 0 ? "down" : "");

async function api(method, path, body) {
  const r = await fetch(path, { method, headers: body ? { "Content-Type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  const j = await r.json();
  if (!r.ok) throw new Error(j.error || "HTTP " + r.status);
  return j;
}

function status(msg, error) {
  $("status").textContent = msg;
  $("status").className = error ? "error" : "";
}

// ---- the scenario sent to the API -------------------------------------------------------------

function scenarioBody() {
  return {
    name: $("scenario-name").value || t("default_name"),
    move_hubs: Object.entries(state.edits.move).map(([hub, p]) => ({ hub, lon: p.lon, lat: p.lat })),
    add_hubs: state.edits.add.map((a) => ({ ...a })),
    remove_hubs: [...state.edits.remove],
    remove_stops: [...state.edits.stopsOff],
    remove_stop_ids: [...state.edits.stopIdsOff],
    add_stop_points: state.edits.stopsAdded.map((a) => ({ ...a })),
    ...((state.edits.routesOff || []).length ? { remove_routes: [...state.edits.routesOff] } : {}),
    ...((state.edits.feedsOff || []).length ? { remove_gtfs: [...state.edits.feedsOff] } : {}),
  };
}

function edited() {
  const e = state.edits;
  return Object.keys(e.move).length + e.add.length + e.remove.length + e.stopsOff.length + e.stopIdsOff.length + e.stopsAdded.length +
    (e.routesOff || []).length + (e.feedsOff || []).length > 0;
}

function remember() {
  state.history.push(JSON.stringify(state.edits));
  $("undo").disabled = false;
}

async function recompute() {
  status(t("computing"));
  const body = scenarioBody();
  try {
    const r = await api("POST", "/api/scenario", body);
    state.result = r;
    window.keniki.lastResponse = r;
    window.keniki.requests++;
    const tier = r.tiers.find((x) => x.id === state.tier);
    const notes = (r.access || []).flatMap((a) => a.notes);
    status(t("computed", { ms: r.elapsed_ms.toFixed(1), n: tier ? tier.changed_units.length : 0 }) + (notes.length ? " — " + notes.join("; ") : ""));
  } catch (e) {
    // Refused (a place outside the study area, ...): back to the last accepted edits.
    status(e.message, true);
    if (state.history.length) state.edits = JSON.parse(state.history.pop());
    $("undo").disabled = state.history.length === 0;
  }
  $("reset").disabled = !edited();
  render();
}

// ---- map --------------------------------------------------------------------------------------

const map = L.map("map", { zoomSnap: 0.25, attributionControl: false });
let unitLayer = null, hubLayer = L.layerGroup().addTo(map), legend = null;
const PALETTE = ["#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"];
const DIVERGING = ["#1b7837", "#a6dba0", "#f7f7f7", "#f4a582", "#b2182b"];

function unitFigures(tierId) {
  // unit id -> {before, after, diff} (after = before without a scenario)
  const out = {};
  const gj = state.units[tierId];
  if (!gj) return out;
  for (const f of gj.features) out[f.properties.unit_id] = { before: f.properties, after: f.properties, diff: null, props: f.properties };
  const tr = state.result && state.result.tiers.find((x) => x.id === tierId);
  if (tr) for (const u of tr.units) Object.assign(out[u.unit_id], { before: u.before, after: u.after, diff: u.diff, transport: u.transport, access: u.access });
  return out;
}

// An access index's figures of a unit: {before, after} per 1,000 of its demand group.
function accessOf(fig, a) {
  const x = fig.access && fig.access[a.id];
  if (x) return { before: x.before.per1000_demand, after: x.after.per1000_demand, belowBefore: x.before.below, below: x.after.below };
  const v = fig.props["access_" + a.id + "_per1000_" + a.demand], b = !!fig.props["access_" + a.id + "_below"];
  return { before: v, after: v, belowBefore: b, below: b };
}
const accessIndex = (k = state.indicator) => (k.startsWith("access:") ? (state.plan.access || []).find((a) => "access:" + a.id === k) : null);

function indicatorValue(fig) {
  const a = accessIndex();
  if (a) return accessOf(fig, a).after;
  switch (state.indicator) {
    case "diff": return fig.diff ? fig.diff.beyond_reach_total : 0;
    case "transport_blank_65plus": return fig.transport ? fig.transport.after.blank_65plus : fig.props.transport_blank_65plus;
    case "transport_blank_total": return fig.transport ? fig.transport.after.blank_total : fig.props.transport_blank_total;
    default: return fig.after[state.indicator];
  }
}

function shade() {
  if (!unitLayer) return;
  const figs = unitFigures(state.tier);
  const values = Object.values(figs).map(indicatorValue).filter((v) => v !== undefined && v !== null);
  const diverging = state.indicator === "diff";
  const access = accessIndex();
  // Access: a low score is the worry, so the darkest shade is the lowest; units below the index's
  // threshold get a dashed red outline.
  const max = access ? Math.max(1e-9, ...values) : Math.max(1, ...values.map((v) => Math.abs(v)));
  const colour = (v) => {
    if (v === undefined || v === null) return "#ddd";
    if (diverging) return DIVERGING[Math.max(0, Math.min(4, Math.round((v / max) * 2) + 2))];
    if (access) return PALETTE[4 - Math.min(4, Math.floor((v / max) * 4.999))];
    return PALETTE[Math.min(4, Math.floor((v / max) * 4.999))];
  };
  const show = access ? fmt3 : fmt;
  unitLayer.eachLayer((l) => {
    const f = figs[l.feature.properties.unit_id];
    const below = access && accessOf(f, access).below;
    l.setStyle({ fillColor: colour(indicatorValue(f)), fillOpacity: state.plan.tiles ? 0.55 : 0.75, color: below ? "#b71c1c" : "#333", weight: below ? 4 : 1.5, dashArray: below ? "8 6" : null });
    l.bindTooltip(`${l.feature.properties.unit_name}: ${show(indicatorValue(f))}`);
  });
  if (legend) legend.remove();
  legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const d = L.DomUtil.create("div", "legend");
    d.innerHTML = `<b>${indicatorLabel()}</b><br>` + (diverging
      ? [-max, -max / 2, 0, max / 2, max].map((v, i) => `<i style="background:${DIVERGING[i]}"></i>${signed(v)}`).join("<br>")
      : access
      ? PALETTE.map((c, i) => `<i style="background:${PALETTE[4 - i]}"></i>${fmt3((max * i) / 5)}–${fmt3((max * (i + 1)) / 5)}`).join("<br>") +
        (access.threshold_per_1000 !== null ? `<br><i style="border:2px dashed #b71c1c"></i>${t("below_units")} (&lt; ${access.threshold_per_1000})` : "")
      : PALETTE.map((c, i) => `<i style="background:${c}"></i>${fmt((max * i) / 5)}–${fmt((max * (i + 1)) / 5)}`).join("<br>"));
    return d;
  };
  legend.addTo(map);
}

function indicatorLabel(k = state.indicator) {
  const a = accessIndex(k);
  if (a) return `${a.name}（${state.lang === "ja" ? a.score_unit_ja : a.score_unit}）`;
  return t(indicatorKey(k));
}

function indicatorKey(k = state.indicator) {
  return { beyond_reach_total: "ind_beyond", beyond_reach_65plus: "ind_beyond65", pop_total: "ind_pop", pop_65plus: "ind_p65", diff: "ind_diff",
           transport_blank_65plus: "ind_blank65", transport_blank_total: "ind_blank" }[k];
}

function currentHubs() {
  return (state.result ? state.result.hubs : state.plan.hubs).filter((h) => h.tiers.includes(state.tier));
}

let stopLayer = L.layerGroup().addTo(map);
function drawStops() {
  stopLayer.clearLayers();
  for (const l of state.plan.stop_layers || []) {
    if (state.edits.stopsOff.includes(l.id)) continue;
    for (const s of l.stops) {
      if (state.edits.stopIdsOff.includes(s.id)) continue;
      drawStop(s, s.kind || l.kind, false);
    }
  }
  for (const s of state.edits.stopsAdded) drawStop(s, s.kind, true);
}

function drawStop(s, kind, added) {
  const sel = state.selectedStop === s.id;
  const m = L.circleMarker([s.lat, s.lon], { radius: kind === "station" ? 7 : 5, color: sel ? "#ffb300" : kind === "station" ? "#000" : "#444",
    weight: sel ? 4 : 1, fillColor: added ? "#2e7d32" : kind === "station" ? "#fff" : "#888", fillOpacity: 1 });
  m.bindTooltip(s.name || s.id);
  m.on("click", (e) => {
    L.DomEvent.stopPropagation(e);
    state.selectedStop = s.id;
    state.selected = null;
    $("delete").disabled = false;
    drawStops();
    drawHubs();
  });
  m.on("add", () => { const el = m.getElement(); if (el) el.dataset.stop = s.id; });
  m.addTo(stopLayer);
  // The selected stop can be dragged: a stop of the plan moves as "removed + added at the new place"
  // (remove_stop_ids, add_stop_points with its kind and departures), an added one just moves.
  if (sel) {
    const handle = L.marker([s.lat, s.lon], { draggable: true, keyboard: false, title: s.name || s.id,
      icon: L.divIcon({ className: "", html: '<div class="stop-handle"></div>', iconSize: [22, 22], iconAnchor: [11, 11] }) });
    handle.on("add", () => { const el = handle.getElement(); if (el) el.dataset.stopHandle = s.id; });
    handle.on("dragend", () => {
      const p = handle.getLatLng();
      remember();
      const added = state.edits.stopsAdded.find((a) => a.id === s.id);
      if (added) { added.lon = p.lng; added.lat = p.lat; }
      else {
        const id = s.id + "_moved";
        state.edits.stopIdsOff.push(s.id);
        state.edits.stopsAdded.push({ id, name: s.name || s.id, kind: kind === "station" ? "station" : "bus_stop",
          ...(s.departures_per_day !== null && s.departures_per_day !== undefined ? { departures_per_day: s.departures_per_day } : {}), lon: p.lng, lat: p.lat });
        state.selectedStop = id;
      }
      recompute();
    });
    handle.addTo(stopLayer);
  }
}

function drawSwitches() {
  const box = $("lines");
  box.innerHTML = (state.plan.stop_layers || []).length || (state.plan.feeds || []).length ? `<span>${t("lines")}:</span> ` + (state.plan.stop_layers || []).map((l) =>
    `<label><input type="checkbox" data-layer="${l.id}" ${state.edits.stopsOff.includes(l.id) ? "" : "checked"}> ${l.id}</label>`).join(" ") : "";
  // GTFS feeds and their routes: each can be switched off (remove_gtfs, remove_routes).
  for (const f of state.plan.feeds || []) {
    const feedOff = (state.edits.feedsOff || []).includes(f.file);
    box.insertAdjacentHTML("beforeend", ` <span class="feed"><label><input type="checkbox" data-feed="${f.file}" ${feedOff ? "" : "checked"}> ${f.file}</label>: ` +
      f.routes.map((r) => `<label><input type="checkbox" data-route="${r.id}" ${feedOff ? "disabled" : ""} ${(state.edits.routesOff || []).includes(r.id) ? "" : "checked"}> ${r.short_name || r.long_name || r.id}</label>`).join(" ") + "</span>");
  }
  const toggle = (list, id, on) => (on ? (list || []).filter((x) => x !== id) : (list || []).concat([id]));
  for (const cb of box.querySelectorAll("input")) cb.addEventListener("change", () => {
    remember();
    if (cb.dataset.layer) state.edits.stopsOff = toggle(state.edits.stopsOff, cb.dataset.layer, cb.checked);
    else if (cb.dataset.feed) state.edits.feedsOff = toggle(state.edits.feedsOff, cb.dataset.feed, cb.checked);
    else if (cb.dataset.route) state.edits.routesOff = toggle(state.edits.routesOff, cb.dataset.route, cb.checked);
    drawSwitches();
    recompute();
  });
}

function drawHubs() {
  hubLayer.clearLayers();
  for (const h of currentHubs()) {
    const icon = L.divIcon({ className: "", html: `<div class="hub ${h.added ? "added" : h.moved ? "moved" : ""} ${state.selected === h.id ? "selected" : ""}"></div>`,
                             iconSize: [24, 24], iconAnchor: [12, 12] });
    const m = L.marker([h.lat, h.lon], { draggable: true, icon, title: h.name, keyboard: false });
    m.hubId = h.id;
    m.on("add", () => { const el = m.getElement(); if (el) el.dataset.hub = h.id; });
    m.bindTooltip(h.name);
    m.on("click", () => { state.selected = h.id; state.selectedStop = null; $("delete").disabled = false; drawStops(); drawHubs(); });
    m.on("dragend", () => {
      const p = m.getLatLng();
      remember();
      const added = state.edits.add.find((a) => a.id === h.id);
      if (added) { added.lon = p.lng; added.lat = p.lat; } else state.edits.move[h.id] = { lon: p.lng, lat: p.lat };
      recompute();
    });
    m.addTo(hubLayer);
  }
}

map.on("click", (e) => {
  if (state.addingStop) {
    state.addingStop = false;
    $("add-stop").classList.remove("active");
    remember();
    const id = "new_stop_" + state.seq++;
    state.edits.stopsAdded.push({ id, name: t("new_stop") + " " + (state.seq - 1), kind: "bus_stop", departures_per_day: 10, lon: e.latlng.lng, lat: e.latlng.lat });
    recompute();
    return;
  }
  if (!state.adding) return;
  state.adding = false;
  $("add").classList.remove("active");
  remember();
  const id = "new_" + state.tier + "_" + state.seq++;
  const supply = parseFloat($("new-supply").value);
  state.edits.add.push({ id, name: t("new_hub") + " " + (state.seq - 1), tier: state.tier, lon: e.latlng.lng, lat: e.latlng.lat,
                         ...(Number.isFinite(supply) && supply >= 0 ? { supply } : {}) });
  recompute();
});

// ---- table ------------------------------------------------------------------------------------

function render() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  $("lang").textContent = t("lang");
  const tierName = (x) => (state.lang === "en" && x.name_en ? x.name_en : x.name);
  $("tier").innerHTML = state.plan.tiers.map((x) => `<option value="${x.id}" ${x.id === state.tier ? "selected" : ""}>${tierName(x)}</option>`).join("");
  const inds = ["beyond_reach_total", "beyond_reach_65plus", "diff", "pop_total", "pop_65plus"].concat(state.plan.transport ? ["transport_blank_total", "transport_blank_65plus"] : [])
    .concat((state.plan.access || []).map((a) => "access:" + a.id));
  $("indicator").innerHTML = inds.map((k) => `<option value="${k}" ${k === state.indicator ? "selected" : ""}>${indicatorLabel(k)}</option>`).join("");

  // Totals of every tier.
  const th = `<tr><th>${t("tiers")}</th><th>${t("beyond")} ${t("before")}</th><th>${t("after")}</th><th>${t("diff")}</th><th>${t("beyond65")} ${t("after")}</th><th>${t("diff")}</th></tr>`;
  $("totals").querySelector("thead").innerHTML = th;
  $("totals").querySelector("tbody").innerHTML = state.plan.tiers.map((x) => {
    const r = state.result && state.result.tiers.find((y) => y.id === x.id);
    const b = r ? r.totals.before : x.totals, a = r ? r.totals.after : x.totals, d = r ? r.totals.diff : { beyond_reach_total: 0, beyond_reach_65plus: 0 };
    return `<tr data-tier="${x.id}"><td>${tierName(x)}</td><td>${fmt(b.beyond_reach_total)}</td><td class="after-beyond">${fmt(a.beyond_reach_total)}</td>` +
      `<td class="${cls(d.beyond_reach_total)}">${signed(d.beyond_reach_total)}</td><td>${fmt(a.beyond_reach_65plus)}</td><td class="${cls(d.beyond_reach_65plus)}">${signed(d.beyond_reach_65plus)}</td></tr>`;
  }).join("");

  // Units of the chosen tier.
  const indices = state.plan.access || [];
  $("units").querySelector("thead").innerHTML = `<tr><th>${t("unit")}</th><th>${t("people")}</th><th>${t("p65")}</th><th>${t("beyond")} ${t("before")}</th>` +
    `<th>${t("after")}</th><th>${t("diff")}</th><th>${t("beyond65")} ${t("after")}</th><th>${t("diff")}</th>` +
    indices.map((a) => `<th title="${a.name}: ${indicatorLabel("access:" + a.id)}">${a.id.toUpperCase()} ${t("after")}</th><th>${t("diff")}</th>`).join("") + "</tr>";
  const figs = unitFigures(state.tier);
  const tr = state.result && state.result.tiers.find((x) => x.id === state.tier);
  const changed = new Set(tr ? tr.changed_units : []);
  $("units").querySelector("tbody").innerHTML = (state.units[state.tier] ? state.units[state.tier].features : []).map((f) => {
    const id = f.properties.unit_id, g = figs[id], d = g.diff || { beyond_reach_total: 0, beyond_reach_65plus: 0 };
    return `<tr data-unit="${id}" class="${changed.has(id) ? "changed" : ""}"><td>${f.properties.unit_name}</td><td>${fmt(g.after.pop_total)}</td><td>${fmt(g.after.pop_65plus)}</td>` +
      `<td>${fmt(g.before.beyond_reach_total)}</td><td class="after-beyond" data-value="${g.after.beyond_reach_total}">${fmt(g.after.beyond_reach_total)}</td>` +
      `<td class="${cls(d.beyond_reach_total)}">${signed(d.beyond_reach_total)}</td>` +
      `<td class="after-beyond65" data-value="${g.after.beyond_reach_65plus}">${fmt(g.after.beyond_reach_65plus)}</td><td class="${cls(d.beyond_reach_65plus)}">${signed(d.beyond_reach_65plus)}</td>` +
      indices.map((a) => {
        const x = accessOf(g, a);
        return `<td class="after-access ${x.below ? "below" : ""}" data-access="${a.id}" data-value="${x.after}">${fmt3(x.after)}</td><td class="${clsGood(x.after - x.before)}">${signed3(x.after - x.before)}</td>`;
      }).join("") + "</tr>";
  }).join("");
  // Access indices of the whole area: mean per 1,000 of the demand group, units below the threshold.
  $("access").style.display = indices.length ? "" : "none";
  $("access").querySelector("thead").innerHTML = `<tr><th>${t("access")}</th><th>${t("access_mean")} ${t("before")}</th><th>${t("after")}</th>` +
    `<th>${t("below_units")} ${t("before")}</th><th>${t("after")}</th></tr>`;
  $("access").querySelector("tbody").innerHTML = indices.map((a) => {
    const r = state.result && (state.result.access || []).find((x) => x.id === a.id);
    const study = r ? r.study : { before: a.study, after: a.study };
    const counted = Object.values(figs).map((g) => accessOf(g, a));  // units of the tier shown
    const belowBefore = counted.filter((x) => x.belowBefore).length;
    const belowAfter = counted.filter((x) => x.below).length;
    return `<tr data-access="${a.id}"><td title="${indicatorLabel("access:" + a.id)}">${a.name}</td><td>${fmt3(study.before.per1000_demand)}</td>` +
      `<td class="${clsGood(study.after.per1000_demand - study.before.per1000_demand)}">${fmt3(study.after.per1000_demand)}</td>` +
      `<td>${a.threshold_per_1000 === null ? "–" : belowBefore}</td><td class="${belowAfter > belowBefore ? "worse" : belowAfter < belowBefore ? "better" : ""}">${a.threshold_per_1000 === null ? "–" : belowAfter}</td></tr>`;
  }).join("");
  const supplied = indices.find((a) => a.supply_field && a.tier === state.tier);
  $("supply-box").style.display = supplied ? "" : "none";
  if (supplied) $("new-supply").placeholder = `${supplied.supply_field} (${t("median")})`;
  $("save").disabled = !state.plan.can_save || !edited();
  $("add-stop").style.display = state.plan.transport ? "" : "none";
  $("save").title = state.plan.can_save ? "" : t("no_save");
  // Transport-blank people of the whole area, before -> after (stop layers off).
  if (state.plan.transport) {
    const tb = state.result && state.result.transport ? state.result.transport.study : null;
    const rows = $("totals").querySelector("tbody");
    if (tb) rows.insertAdjacentHTML("beforeend", `<tr data-tier="transport"><td>${t("blank_study")}</td><td>${fmt(tb.before.blank_total)}</td>` +
      `<td>${fmt(tb.after.blank_total)}</td><td class="${cls(tb.after.blank_total - tb.before.blank_total)}">${signed(tb.after.blank_total - tb.before.blank_total)}</td>` +
      `<td>${fmt(tb.after.blank_65plus)}</td><td class="${cls(tb.after.blank_65plus - tb.before.blank_65plus)}">${signed(tb.after.blank_65plus - tb.before.blank_65plus)}</td></tr>`);
  }
  drawSwitches();
  shade();
  drawStops();
  drawHubs();
}

async function showTier(id) {
  state.tier = id;
  state.selected = null;
  $("delete").disabled = true;
  if (!state.units[id]) state.units[id] = await api("GET", "/api/units/" + encodeURIComponent(id));
  if (unitLayer) unitLayer.remove();
  unitLayer = L.geoJSON(state.units[id]).addTo(map);
  render();
}

// ---- controls ---------------------------------------------------------------------------------

$("tier").addEventListener("change", (e) => showTier(e.target.value));
$("indicator").addEventListener("change", (e) => { state.indicator = e.target.value; render(); });
$("lang").addEventListener("click", () => { state.lang = state.lang === "ja" ? "en" : "ja"; render(); });
$("add").addEventListener("click", () => { state.adding = !state.adding; $("add").classList.toggle("active", state.adding); if (state.adding) status(t("click_to_add")); });
$("delete").addEventListener("click", () => {
  if (state.selectedStop) {
    const sid = state.selectedStop;
    remember();
    const k = state.edits.stopsAdded.findIndex((a) => a.id === sid);
    if (k >= 0) state.edits.stopsAdded.splice(k, 1);
    else state.edits.stopIdsOff.push(sid);
    state.selectedStop = null;
    $("delete").disabled = true;
    recompute();
    return;
  }
  const id = state.selected;
  if (!id) return;
  remember();
  const i = state.edits.add.findIndex((a) => a.id === id);
  if (i >= 0) state.edits.add.splice(i, 1);
  else { delete state.edits.move[id]; state.edits.remove.push(id); }
  state.selected = null;
  $("delete").disabled = true;
  recompute();
});
$("undo").addEventListener("click", () => {
  if (!state.history.length) return;
  state.edits = JSON.parse(state.history.pop());
  $("undo").disabled = state.history.length === 0;
  recompute();
});
$("reset").addEventListener("click", () => { remember(); state.edits = { move: {}, add: [], remove: [], stopsOff: [], stopIdsOff: [], stopsAdded: [], routesOff: [], feedsOff: [] }; recompute(); });
$("add-stop").addEventListener("click", () => {
  state.addingStop = !state.addingStop;
  $("add-stop").classList.toggle("active", state.addingStop);
  if (state.addingStop) status(t("click_to_add_stop"));
});
$("save").addEventListener("click", async () => {
  const name = $("scenario-name").value || t("default_name");
  const id = "serve_" + new Date().toISOString().replace(/[^0-9]/g, "").slice(0, 14);
  try {
    const r = await api("POST", "/api/scenario/save", { ...scenarioBody(), id, name });
    status(t("saved", { path: r.saved }));
  } catch (e) { status(e.message, true); }
});

(async () => {
  try {
    state.plan = await api("GET", "/api/plan");
    $("study").textContent = state.plan.study;
    $("scenario-name").value = t("default_name");
    map.fitBounds(state.plan.bounds);
    // keniki serve --tiles: a local basemap (MBTiles or an XYZ folder) under the units; never the internet.
    if (state.plan.tiles) {
      const tl = state.plan.tiles;
      L.tileLayer(tl.url, { minNativeZoom: tl.minzoom, maxNativeZoom: tl.maxzoom, maxZoom: 20, attribution: tl.attribution || tl.name || "",
                            ...(tl.bounds ? { bounds: tl.bounds } : {}) }).addTo(map);
      L.control.attribution({ prefix: false }).addTo(map);
    }
    const tiers = state.plan.tiers;
    await showTier(tiers[tiers.length - 1].id);
    window.keniki.ready = true;
  } catch (e) { status(e.message, true); }
})();
