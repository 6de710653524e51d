// keniki serve's page shaded by an access score ([[access]] csw of the demo plan): the welfare tier's
// units by CSW per 1,000 people aged 65+, a welfare centre dragged, the table's scores equal the
// API's (asked again independently), a new centre with a supply typed in, a screenshot.
// usage: node access.mjs URL SCREENSHOT.png CHROMIUM
// Prints one JSON line with what it saw; exit 0 when every check held, 1 otherwise.
import { openPage } from "./page.mjs";

const [url, shot, executable] = process.argv.slice(2);
const problems = [];
const post = async (body) => (await fetch(new URL("/api/scenario", url), {
  method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })).json();
const { browser, page, consoleErrors } = await openPage(url, executable);
let seen = {};
try {
  await page.selectOption("#tier", "welfare");
  await page.waitForSelector('#units tbody tr[data-unit="W1"]', { timeout: 10000 });
  const options = await page.$$eval("#indicator option", (o) => o.map((x) => x.value));
  if (!options.includes("access:csw")) problems.push("no access indicator among " + JSON.stringify(options));
  await page.selectOption("#indicator", "access:csw");
  const legend = await page.$eval(".legend", (e) => e.textContent).catch(() => "");
  if (!/CSW/.test(legend)) problems.push("the legend does not name the index: " + legend);
  const scores = async () => page.$$eval("#units tbody tr", (rows) => rows.map((r) => ({
    unit: r.dataset.unit, score: Number(r.querySelector('td.after-access[data-access="csw"]').dataset.value) })));
  const before = await scores();
  const plan = await (await fetch(new URL("/api/units/welfare", url))).json();
  for (const f of plan.features) {
    const row = before.find((r) => r.unit === f.properties.unit_id);
    if (!row || row.score !== f.properties.access_csw_per1000_pop_65plus) problems.push(`${f.properties.unit_id}: table ${row && row.score}, plan ${f.properties.access_csw_per1000_pop_65plus}`);
  }
  // The shading follows the score: the lowest unit is drawn darkest.
  const fills = await page.$$eval("path.leaflet-interactive", (ps) => ps.map((p) => p.getAttribute("fill")));
  if (new Set(fills).size < 2) problems.push("every unit has the same fill: " + JSON.stringify(fills));

  // Drag the Kitadai centre WC2 130 px south-west.
  const hub = await page.waitForSelector('[data-hub="WC2"]', { timeout: 5000 });
  const box = await hub.boundingBox();
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x - 10 * i, y + 8 * i);
  await page.mouse.up();
  await page.waitForFunction(() => window.keniki.requests >= 1, null, { timeout: 10000 });
  await page.waitForTimeout(300);
  const moved = await page.evaluate(() => window.keniki.lastResponse.hubs.find((h) => h.id === "WC2"));
  const api = await post({ move_hubs: [{ hub: "WC2", lon: moved.lon, lat: moved.lat }] });
  const index = (api.access || []).find((a) => a.id === "csw");
  if (!index || index.recompute !== "incremental") problems.push("the API did not recompute csw: " + JSON.stringify(index));
  const units = api.tiers.find((t) => t.id === "welfare").units;
  const after = await scores();
  let changed = 0;
  for (const u of units) {
    const row = after.find((r) => r.unit === u.unit_id);
    if (!row || row.score !== u.access.csw.after.per1000_demand) problems.push(`${u.unit_id}: table ${row && row.score}, API ${u.access.csw.after.per1000_demand}`);
    if (u.access.csw.after.per1000_demand !== u.access.csw.before.per1000_demand) changed++;
  }
  if (changed === 0) problems.push("moving WC2 changed no unit's CSW score");
  await page.screenshot({ path: shot });

  // A new centre with 3 staff, by a click on the map: the API gets the supply.
  const n = await page.evaluate(() => window.keniki.requests);
  if (!(await page.isVisible("#new-supply"))) problems.push("no supply field for a new hub on the welfare tier");
  await page.fill("#new-supply", "3");
  await page.click("#add");
  const map = await (await page.$("#map")).boundingBox();
  await page.mouse.click(map.x + map.width * 0.55, map.y + map.height * 0.5);
  await page.waitForFunction((k) => window.keniki.requests > k, n, { timeout: 20000 });
  const last = await page.evaluate(() => window.keniki.lastResponse);
  const added = last.hubs.filter((h) => h.added);
  const csw = (last.access || []).find((a) => a.id === "csw");
  const addedSupply = csw && added.length === 1 ? (csw.hubs.find((h) => h.hub_id === added[0].id) || {}).supply : undefined;
  if (addedSupply !== 3) problems.push("the new centre's supply in the API: " + addedSupply + " (hubs " + JSON.stringify(added) + ")");
  const row = await page.$eval('#access tr[data-access="csw"]', (r) => r.textContent).catch(() => null);
  if (!row) problems.push("no whole-area access row");
  if (consoleErrors.length) problems.push("console errors: " + consoleErrors.join(" | "));
  seen = { units: after.length, changed, added_supply: addedSupply, legend };
} finally {
  await browser.close();
}
console.log(JSON.stringify({ ...seen, problems }));
process.exit(problems.length ? 1 : 0);
