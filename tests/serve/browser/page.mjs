// What every browser test of keniki serve starts with: the system's Chromium (playwright-core, no
// browser download), a page at the size of a meeting-room screen, its console errors collected, and
// the page loaded until it says it is ready (window.keniki.ready).
import { chromium } from "playwright-core";

export async function openPage(url, executable) {
  const consoleErrors = [];
  const browser = await chromium.launch({ executablePath: executable, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.keniki && window.keniki.ready, null, { timeout: 20000 });
  return { browser, page, consoleErrors };
}
