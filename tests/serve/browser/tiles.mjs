// keniki serve --tiles in headless Chromium: the page draws the local basemap (tiles from /tiles/,
// none from the internet) under the units, with its attribution, and no console error (tiles the
// maker left out come back transparent, not as 404s).
// usage: node tiles.mjs URL SCREENSHOT.png CHROMIUM
// Prints one JSON line with what it saw; exit 0 when every check held, 1 otherwise.
import { openPage } from "./page.mjs";

const [url, shot, executable] = process.argv.slice(2);
const problems = [];
const { browser, page, consoleErrors } = await openPage(url, executable);
const requested = [];
page.on("request", (r) => requested.push(r.url()));
let seen = {};
try {
  await page.waitForTimeout(1500);
  const tiles = await page.$$eval("img.leaflet-tile-loaded", (l) => l.map((i) => i.src));
  if (tiles.length === 0) problems.push("no basemap tile was drawn");
  const foreign = tiles.concat(requested).filter((u) => !u.startsWith(url) && !u.startsWith("data:"));
  if (foreign.length) problems.push("requests off the server: " + foreign.slice(0, 3).join(", "));
  if (tiles.some((u) => !new URL(u).pathname.startsWith("/tiles/"))) problems.push("a tile not from /tiles/: " + tiles[0]);
  const attribution = await page.$eval(".leaflet-control-attribution", (e) => e.textContent).catch(() => "");
  if (!attribution) problems.push("no attribution shown for the basemap");
  await page.screenshot({ path: shot });
  if (consoleErrors.length) problems.push("console errors: " + consoleErrors.join(" | "));
  seen = { tiles: tiles.length, attribution };
} finally {
  await browser.close();
}
console.log(JSON.stringify({ ...seen, problems }));
process.exit(problems.length ? 1 : 0);
