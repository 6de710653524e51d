// keniki serve's page in headless Chromium (playwright-core, the system's browser): loads with no
// console error, a hub is dragged, the unit table shows the API's numbers, a screenshot is taken.
// usage: node drag_hub.mjs URL SCREENSHOT.png CHROMIUM
// Prints one JSON line with what it saw; exit 0 when every check held, 1 otherwise.
import { openPage } from "./page.mjs";

const [url, shot, executable] = process.argv.slice(2);
const problems = [];
const { browser, page, consoleErrors } = await openPage(url, executable);
try {
  const before = await page.$$eval("#units tbody tr", (rows) => rows.length);
  if (before === 0) problems.push("the unit table is empty");

  // Drag the hall CH2 (西野公民館) 150 px east and 100 px south.
  const hub = await page.waitForSelector('[data-hub="CH2"]', { timeout: 5000 });
  const box = await hub.boundingBox();
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x + 15 * i, y + 10 * i);
  await page.mouse.up();
  await page.waitForFunction(() => window.keniki.requests >= 1, null, { timeout: 10000 });
  await page.waitForTimeout(300);

  // What the API says for the place the page sent, asked again independently.
  const moved = await page.evaluate(() => window.keniki.lastResponse.hubs.find((h) => h.id === "CH2"));
  if (!moved || !moved.moved) problems.push("the API does not report CH2 as moved");
  const api = await (await fetch(new URL("/api/scenario", url), {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ move_hubs: [{ hub: "CH2", lon: moved.lon, lat: moved.lat }] }),
  })).json();
  const tier = api.tiers.find((t) => t.id === "neighbourhood");
  const table = await page.$$eval("#units tbody tr", (rows) => rows.map((r) => ({
    unit: r.dataset.unit, beyond: Number(r.querySelector("td.after-beyond").dataset.value),
    beyond65: Number(r.querySelector("td.after-beyond65").dataset.value), changed: r.classList.contains("changed") })));
  let changed = 0;
  for (const u of tier.units) {
    const row = table.find((r) => r.unit === u.unit_id);
    if (!row) { problems.push("no table row for unit " + u.unit_id); continue; }
    if (row.beyond !== u.after.beyond_reach_total) problems.push(`${u.unit_id}: table ${row.beyond}, API ${u.after.beyond_reach_total}`);
    if (row.beyond65 !== u.after.beyond_reach_65plus) problems.push(`${u.unit_id}: table 65+ ${row.beyond65}, API ${u.after.beyond_reach_65plus}`);
    if (u.diff.beyond_reach_total !== 0) changed++;
  }
  if (changed === 0) problems.push("the drag changed no unit's figures (drag too short?)");
  const highlighted = table.filter((r) => r.changed).length;
  if (highlighted !== tier.changed_units.length) problems.push(`${highlighted} rows highlighted, API changed ${tier.changed_units.length} units`);
  // Switch the village buses off: the whole area's transport-blank row shows the API's figure.
  const requests = await page.evaluate(() => window.keniki.requests);
  await page.click('#lines input[data-layer="bus_local"]');
  await page.waitForFunction((n) => window.keniki.requests > n, requests, { timeout: 20000 });
  await page.waitForTimeout(300);
  const sent = await page.evaluate(() => window.keniki.lastResponse.remove_stops);
  if (JSON.stringify(sent) !== '["bus_local"]') problems.push("the page did not switch bus_local off: " + JSON.stringify(sent));
  const busApi = await (await fetch(new URL("/api/scenario", url), {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ move_hubs: [{ hub: "CH2", lon: moved.lon, lat: moved.lat }], remove_stops: ["bus_local"] }),
  })).json();
  const blankRow = await page.$eval('#totals tr[data-tier="transport"] td:nth-child(3)', (td) => td.textContent).catch(() => null);
  const expected = Math.round(busApi.transport.study.after.blank_total).toLocaleString("ja-JP");
  if (blankRow !== expected) problems.push(`transport-blank row ${blankRow}, API ${expected}`);
  if (!(busApi.transport.study.after.blank_total > busApi.transport.study.before.blank_total)) problems.push("no one became transport-blank");
  await page.screenshot({ path: shot });

  // Add a hub by clicking the map, then delete it; undo brings it back; save the scenario.
  let n = await page.evaluate(() => window.keniki.requests);
  await page.click("#add");
  const map = await (await page.$("#map")).boundingBox();
  await page.mouse.click(map.x + map.width * 0.8, map.y + map.height * 0.45);
  await page.waitForFunction((k) => window.keniki.requests > k, n, { timeout: 20000 });
  const added = await page.evaluate(() => window.keniki.lastResponse.hubs.filter((h) => h.added).map((h) => h.id));
  if (added.length !== 1) problems.push("adding a hub by a click gave " + JSON.stringify(added));
  else {
    n = await page.evaluate(() => window.keniki.requests);
    await page.click(`[data-hub="${added[0]}"]`);
    await page.click("#delete");
    await page.waitForFunction((k) => window.keniki.requests > k, n, { timeout: 20000 });
    const left = await page.evaluate(() => window.keniki.lastResponse.hubs.filter((h) => h.added).length);
    if (left !== 0) problems.push("deleting the added hub left " + left);
    n = await page.evaluate(() => window.keniki.requests);
    await page.click("#undo");
    await page.waitForFunction((k) => window.keniki.requests > k, n, { timeout: 20000 });
    const back = await page.evaluate(() => window.keniki.lastResponse.hubs.filter((h) => h.added).length);
    if (back !== 1) problems.push("undo did not bring the added hub back");
  }
  await page.click("#save");
  await page.waitForFunction(() => /保存しました/.test(document.getElementById("status").textContent), null, { timeout: 20000 })
    .catch(() => problems.push("saving said: " + "(no 保存しました)"));
  const saved = await page.$eval("#status", (e) => e.textContent);
  // Delete a bus stop by clicking it, add one by a click on the map.
  n = await page.evaluate(() => window.keniki.requests);
  await page.click('[data-stop="B040"]', { force: true });
  await page.click("#delete");
  await page.waitForFunction((k) => window.keniki.requests > k, n, { timeout: 20000 });
  const offIds = await page.evaluate(() => window.keniki.lastResponse.remove_stop_ids);
  if (JSON.stringify(offIds) !== '["B040"]') problems.push("deleting stop B040 sent " + JSON.stringify(offIds));
  n = await page.evaluate(() => window.keniki.requests);
  await page.click("#add-stop");
  await page.mouse.click(map.x + map.width * 0.75, map.y + map.height * 0.6);
  await page.waitForFunction((k) => window.keniki.requests > k, n, { timeout: 20000 });
  const addedStops = await page.evaluate(() => window.keniki.lastResponse.added_stops);
  if (addedStops !== 1) problems.push("adding a stop by a click gave " + addedStops);
  // Drag a stop: B041 (a trunk-line stop, 14 departures a day) selected, its handle dragged 120 px; the page
  // sends it as removed and added at the new place with its departures, and the whole area's
  // transport figures equal an independent POST of the same edits.
  n = await page.evaluate(() => window.keniki.requests);
  await page.click('[data-stop="B041"]', { force: true });
  const grip = await page.waitForSelector('[data-stop-handle="B041"]', { timeout: 5000 });
  const g = await grip.boundingBox();
  const gx = g.x + g.width / 2, gy = g.y + g.height / 2;
  await page.mouse.move(gx, gy);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(gx + 12 * i, gy - 6 * i);
  await page.mouse.up();
  await page.waitForFunction((k) => window.keniki.requests > k, n, { timeout: 20000 });
  await page.waitForTimeout(300);
  const dragged = await page.evaluate(() => window.keniki.lastResponse);
  if (!dragged.remove_stop_ids.includes("B041")) problems.push("dragging B041 did not take it from its place: " + JSON.stringify(dragged.remove_stop_ids));
  if (dragged.added_stops !== 2) problems.push("dragging B041 added " + dragged.added_stops + " stops (the click-added one and B041 at its new place expected)");
  const sentBody = await page.evaluate(() => scenarioBody());
  const movedStop = sentBody.add_stop_points.find((p) => p.id === "B041_moved");
  if (!movedStop || movedStop.departures_per_day !== 14) problems.push("B041 at its new place: " + JSON.stringify(movedStop));
  const again = await (await fetch(new URL("/api/scenario", url), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(sentBody) })).json();
  if (JSON.stringify(again.transport.study.after) !== JSON.stringify(dragged.transport.study.after)) problems.push("the stop drag's transport figures differ from an independent POST");
  // English switch.
  await page.click("#lang");
  const header = await page.$eval("#units thead", (e) => e.textContent);
  if (!/Beyond reach/.test(header)) problems.push("the English switch left the table header as " + header);
  if (consoleErrors.length) problems.push("console errors: " + consoleErrors.join(" | "));
  console.error("saved: " + saved);
  console.log(JSON.stringify({ rows: table.length, changed, moved: { lon: moved.lon, lat: moved.lat }, problems }));
} finally {
  await browser.close();
}
process.exit(problems.length ? 1 : 0);
