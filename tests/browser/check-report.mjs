// Opens DIR/index.html of a basin report in headless Debian chromium (spec REPORT-HTML) and checks
// that the page renders, that every plot listed in DIR/results.json is present as a decoded image,
// and that there are no console errors or page errors. Saves DIR/report-screenshot.png.
// Usage: node check-report.mjs DIR
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] ?? 'basin-report');
const results = JSON.parse(readFileSync(`${dir}/results.json`, 'utf8'));
const expectedPlots = results.claims.reduce((n, c) => n + c.plots.length, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  const resp = await page.goto(pathToFileURL(`${dir}/index.html`).href, { waitUntil: 'load' });
  if (!resp || !resp.ok()) problems.push('index.html did not load');
  const imgs = await page.$$eval('figure img', (els) => els.map((e) => ({ ok: e.complete && e.naturalWidth > 0, alt: e.alt })));
  if (imgs.length !== expectedPlots) problems.push(`${imgs.length} plots on the page, results.json lists ${expectedPlots}`);
  for (const i of imgs) if (!i.ok) problems.push(`plot not rendered: ${i.alt}`);
  const sections = await page.$$eval('section.claim', (els) => els.length);
  if (sections !== results.claims.length) problems.push(`${sections} claim sections, results.json has ${results.claims.length}`);
  const external = await page.$$eval('script[src], link[href], img[src^="http"]', (els) => els.length);
  if (external !== 0) problems.push(`${external} external resources (the report must be self-contained)`);
  await page.screenshot({ path: `${dir}/report-screenshot.png`, fullPage: false });
  console.log(`report check: ${sections} claims, ${imgs.length} plots rendered, screenshot ${dir}/report-screenshot.png`);
} finally {
  await browser.close();
}
if (problems.length) {
  for (const p of problems) console.error(`report check FAILED: ${p}`);
  process.exit(1);
}
