// keniki serve's page on the timetable demo (plan_transit.toml) in headless Chromium: the railway
// switched off with its route checkbox; the page sends remove_routes and the whole area's
// transport-blank row shows what the API says for the same scenario asked independently.
// usage: node routes_off.mjs URL CHROMIUM
// Prints one JSON line with what it saw; exit 0 when every check held, 1 otherwise.
import { openPage } from "./page.mjs";

const [url, executable] = process.argv.slice(2);
const problems = [];
const { browser, page, consoleErrors } = await openPage(url, executable);
try {
  const routes = await page.$$eval('#lines input[data-route]', (l) => l.length);
  if (routes !== 13) problems.push(`${routes} route switches, the demo feed has 13 routes`);
  const n = await page.evaluate(() => window.keniki.requests);
  await page.click('#lines input[data-route="rail"]');
  await page.waitForFunction((k) => window.keniki.requests > k, n, { timeout: 20000 });
  await page.waitForTimeout(300);
  const sent = await page.evaluate(() => window.keniki.lastResponse.remove_routes);
  if (JSON.stringify(sent) !== '["rail"]') problems.push("the page did not switch the railway off: " + JSON.stringify(sent));
  const api = await (await fetch(new URL("/api/scenario", url), {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ remove_routes: ["rail"] }),
  })).json();
  const blankRow = await page.$eval('#totals tr[data-tier="transport"] td:nth-child(3)', (td) => td.textContent).catch(() => null);
  const expected = Math.round(api.transport.study.after.blank_total).toLocaleString("ja-JP");
  if (blankRow !== expected) problems.push(`transport-blank row ${blankRow}, API ${expected}`);
  const checked = await page.$eval('#lines input[data-route="rail"]', (c) => c.checked);
  if (checked) problems.push("the railway's switch is still on after the click");
  if (consoleErrors.length) problems.push("console errors: " + consoleErrors.join(" | "));
  console.log(JSON.stringify({ problems, routes, blank_after: api.transport.study.after.blank_total, blank_before: api.transport.study.before.blank_total }));
  process.exitCode = problems.length ? 1 : 0;
} finally {
  await browser.close();
}
