// Benchmark (prints figures, asserts nothing about them): this widget next to Okta's Sign-In Widget 7.49 in one run,
// on a desktop profile and a phone profile. Four pages, all served alike by one gzip front (below) in front of one
// emulator:
//   - ours, demo page: the trunk build (WIDGET_DIST) at /;
//   - ours, npm global script: a classic page (npm/site/classic.html) whose two tags load the npm package's
//     okta-sign-in.global.js and okta-sign-in.css;
//   - Okta's widget, two bundles with the same page script and CSS, `useClassicEngine: true` (e2e/okta-widget/):
//     okta-sign-in.min.js (both engines, what Okta's docs load) and okta-sign-in.classic.min.js (classic engine
//     only, Okta's smallest bundle for this API). Ratios are against the classic-only bundle, the fairer rival.
// Each run opens a fresh browser context (cold cache), loads the page, waits until the username field is visible
// and enabled, then signs in with a password (no MFA) until SUCCESS. Figures, median [min-max] of N runs: bytes
// over the wire (gzip, headers included) and decoded, for the whole run; time from navigation start to "ready to
// type", split where the last byte of the page's code (scripts, wasm, styles) arrived: download, then compile, run
// and first render;
// time from typing the username to SUCCESS, split at the form's submit event.
// Exits non-zero only when a page fails to load or to sign in.
//
//   cargo xtask bench-widget [--runs N] [--profile desktop|phone] [--verbose]
// (it builds everything and sets DEMO_BIN, WIDGET_DIST, AUTHN_WEB_TARBALL and CHROMIUM for this script).
import { createServer, request as forward } from 'node:http';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { cp, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS, CHROMIUM_PATH, OKTA_PAGE, OKTA_WIDGET_MOUNTS, oktaSignIn, signIn, startEmulator,
} from '../e2e/harness.mjs';
import { installPackage, missing, packageSite } from '../npm/support.mjs';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    profile: { type: 'string', multiple: true },
    verbose: { type: 'boolean', default: false },
  },
});
const RUNS = Number(options.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs wants a positive integer, not ${options.runs}`);
if (missing || !process.env.WIDGET_DIST) {
  throw new Error('set DEMO_BIN, WIDGET_DIST, AUTHN_WEB_TARBALL and CHROMIUM (cargo xtask bench-widget does)');
}

/** A demo user whose password sign-in ends in SUCCESS with no MFA. */
const USER = 'success@example.com';

const PROFILES = [
  { name: 'desktop', about: 'no throttling, 1280x720', context: { viewport: { width: 1280, height: 720 } } },
  {
    name: 'phone',
    about: 'Slow 4G: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up; CPU 4x slower; 412x915 @2.625',
    context: { viewport: { width: 412, height: 915 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true },
    network: { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
    cpuRate: 4,
  },
].filter((p) => !options.profile || options.profile.includes(p.name));
if (PROFILES.length === 0) throw new Error('--profile is desktop or phone');

/**
 * The pages, ours first, Okta's last. `ready` is the username field; `success` a selector that appears or a `window`
 * path that becomes `equals`; `failure` the `window` paths and the error element that end a run early.
 */
const PAGES = [
  {
    label: 'ours: demo page',
    path: '/',
    ready: { field: '#authn-username' },
    signIn: (page) => signIn(page, USER),
    success: { selector: '.authn-widget[data-view="success"]' },
    failure: { paths: [], selector: '.authn-widget [role=alert]' },
  },
  {
    label: 'ours: npm global',
    path: '/classic.html',
    ready: { field: '#authn-username' },
    signIn: (page) => signIn(page, USER),
    success: { path: ['signedIn', 'status'], equals: 'SUCCESS' },
    failure: { paths: [['fatalError'], ['lastError']], selector: '.authn-widget [role=alert]' },
  },
  ...[
    ['Okta 7.49 min.js', OKTA_PAGE],
    ['Okta 7.49 classic.min.js', OKTA_PAGE.replace('index.html', 'classic.html')],
  ].map(([label, path]) => ({
    label,
    path,
    okta: true,
    ready: { field: '#okta-signin-username' },
    signIn: (page) => oktaSignIn(page, USER),
    success: { path: ['okta', 'result'], equals: 'SUCCESS' },
    failure: { paths: [['okta', 'error']], selector: '.okta-form-infobox-error' },
  })),
];
/** The rival of the ratio columns: Okta's classic-engine-only bundle (the last page). */
const BASELINE = PAGES.length - 1;

/** What compresses (as a CDN would): text, JSON, JavaScript, CSS, SVG and WebAssembly. */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|xml)|image\/svg)/;

/**
 * The emulator serves files uncompressed (tower-http ServeDir, no compression layer), so every page goes through
 * this front: it forwards each request and gzips (-9, as `authn-web/build.sh` counts) every compressible answer the
 * browser accepts gzip for, caching the compressed bodies so that no run pays for compression.
 */
async function startGzipFront() {
  const compressed = new Map();
  const front = { target: undefined, url: undefined, server: undefined };
  front.server = createServer((req, res) => {
    const upstream = forward(
      { host: front.target.hostname, port: front.target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', () => {
          let body = Buffer.concat(chunks);
          const headers = { ...answer.headers };
          delete headers.connection;
          delete headers['keep-alive'];
          delete headers['transfer-encoding'];
          const gzip = body.length > 0 && !headers['content-encoding']
            && COMPRESSIBLE.test(headers['content-type'] ?? '')
            && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
          if (gzip) {
            const key = createHash('sha256').update(body).digest('hex');
            if (!compressed.has(key)) compressed.set(key, gzipSync(body, { level: 9 }));
            body = compressed.get(key);
            headers['content-encoding'] = 'gzip';
            headers.vary = [headers.vary, 'Accept-Encoding'].filter(Boolean).join(', ');
          }
          if (req.method !== 'HEAD') headers['content-length'] = String(body.length);
          res.writeHead(answer.statusCode, headers);
          res.end(req.method === 'HEAD' ? undefined : body);
        });
      },
    );
    upstream.on('error', (err) => {
      res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(upstream);
  });
  await new Promise((resolve) => front.server.listen(0, '127.0.0.1', resolve));
  front.url = `http://127.0.0.1:${front.server.address().port}`;
  return front;
}

/**
 * In the page (a function, not a string: the pages' CSP forbids eval): the page's clock (ms since navigation start)
 * once `want` holds, `{ failed }` once `failure` does, else false.
 */
function probe({ want, failure }) {
  const read = (path) => path.reduce((value, key) => value?.[key], window);
  const field = want.field && document.querySelector(want.field);
  const holds = want.field
    ? field && !field.disabled && !field.readOnly
      && field.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    : want.selector ? document.querySelector(want.selector) !== null : read(want.path) === want.equals;
  if (holds) return performance.now();
  const failed = failure.paths.map(read).find(Boolean)
    ?? document.querySelector(failure.selector)?.textContent.trim();
  return failed ? { failed: JSON.stringify(failed) } : false;
}

/** Polls `probe` on each animation frame until `want` holds; resolves with the page's clock then. */
async function stamp(page, want, failure, timeout) {
  const handle = await page.waitForFunction(probe, { want, failure }, { polling: 'raf', timeout });
  const value = await handle.jsonValue();
  if (typeof value !== 'number') throw new Error(`failed: ${value.failed}`);
  return value;
}

/** One cold run of `pageDef` under `profile`: its figures, keyed as `METRICS`. */
async function measure(browser, baseUrl, pageDef, profile, verbose) {
  const context = await browser.newContext(profile.context);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
    if (profile.cpuRate) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuRate });
    // Every request of the page, but the browser's own /favicon.ico (none of these pages has one).
    const wire = { encoded: 0, decoded: 0, requests: [], failed: [] };
    const urls = new Map();
    const counted = (id) => urls.has(id) && new URL(urls.get(id)).pathname !== '/favicon.ico';
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.responseReceived', (e) => {
      if (counted(e.requestId) && e.response.status >= 400) wire.failed.push(`${e.response.status} ${e.response.url}`);
    });
    cdp.on('Network.dataReceived', (e) => {
      if (counted(e.requestId)) wire.decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      if (!counted(e.requestId)) return;
      wire.encoded += e.encodedDataLength;
      wire.requests.push(`${e.encodedDataLength} ${urls.get(e.requestId)}`);
    });
    cdp.on('Network.loadingFailed', (e) => {
      if (counted(e.requestId)) wire.failed.push(`${e.errorText} ${urls.get(e.requestId)}`);
    });
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // The page's clock at the form's submit event (capture phase: before the widget's own handler runs).
    await page.addInitScript(() => {
      document.addEventListener('submit', () => { window.benchSubmittedAt ??= performance.now(); }, true);
    });

    const timeout = profile.network ? 60_000 : 20_000;
    await page.goto(`${baseUrl}${pageDef.path}`, { waitUntil: 'commit', timeout });
    const readyMs = await stamp(page, pageDef.ready, pageDef.failure, timeout);
    // The last byte of the page's code received before it was ready: scripts, wasm, styles and fetches, not what
    // stylesheets and images pull in (fonts, pictures), which do not hold the form back.
    const downloadedMs = await page.evaluate((ready) => Math.max(0, ...performance.getEntriesByType('resource')
      .filter((r) => r.initiatorType !== 'css' && r.initiatorType !== 'img' && r.responseEnd <= ready)
      .map((r) => r.responseEnd)), readyMs);
    const typing = await page.evaluate(() => performance.now());
    await pageDef.signIn(page);
    const submitted = await page.evaluate(() => window.benchSubmittedAt);
    if (submitted === undefined) throw new Error('the sign-in form sent no submit event');
    const signedIn = await stamp(page, pageDef.success, pageDef.failure, timeout);
    if (wire.failed.length || pageErrors.length) {
      throw new Error(`failed requests or page errors: ${[...wire.failed, ...pageErrors].join('; ')}`);
    }
    if (verbose) console.log(`  ${pageDef.label} (${profile.name}):\n    ${wire.requests.join('\n    ')}`);
    return {
      bytes: wire.encoded,
      decoded: wire.decoded,
      downloadedMs,
      afterDownloadMs: readyMs - downloadedMs,
      readyMs,
      typingMs: submitted - typing,
      answerMs: signedIn - submitted,
      signInMs: signedIn - typing,
    };
  } finally {
    await context.close();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `median [min-max]` of `values` in `unit` (ms, or KB from bytes). */
function summary(values, unit) {
  if (values.length === 0) return 'failed';
  const f = unit === 'KB' ? (v) => (v / 1024).toFixed(1) : (v) => Math.round(v).toString();
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? f(lo) : `${f(median(values))} [${f(lo)}-${f(hi)}]`;
}

const METRICS = [
  { key: 'bytes', title: 'transferred, gzip + headers (KB)', unit: 'KB' },
  { key: 'decoded', title: 'decoded (KB)', unit: 'KB' },
  { key: 'downloadedMs', title: 'navigation -> code downloaded (ms)', unit: 'ms' },
  { key: 'afterDownloadMs', title: 'code downloaded -> ready (ms)', unit: 'ms' },
  { key: 'readyMs', title: 'navigation -> username ready (ms)', unit: 'ms' },
  { key: 'typingMs', title: 'type username, password, submit (ms)', unit: 'ms' },
  { key: 'answerMs', title: 'submit event -> SUCCESS (ms)', unit: 'ms' },
  { key: 'signInMs', title: 'type + submit -> SUCCESS (ms)', unit: 'ms' },
];

function printTable(profile, results) {
  const okta = results[BASELINE];
  const ours = PAGES.flatMap((p, i) => (p.okta ? [] : [i]));
  const header = ['', ...PAGES.map((p) => p.label), ...ours.map((i) => `Okta classic / ${PAGES[i].label.replace('ours: ', '')}`)];
  const rows = METRICS.map((m) => {
    const cells = results.map((r) => summary(r.map((x) => x[m.key]), m.unit));
    const ratios = ours.map((i) => {
      const r = results[i];
      const mine = median(r.map((x) => x[m.key]));
      return r.length && okta.length && mine > 0 ? `${(median(okta.map((x) => x[m.key])) / mine).toFixed(2)}x` : '-';
    });
    return [m.title, ...cells, ...ratios];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n${profile.name}: ${profile.about}; ${RUNS} cold runs each, median [min-max]`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

const dir = await installPackage();
const { mounts, site } = packageSite(dir);
// One static folder for both of our pages: the demo build next to the package's site (no file name in common).
await cp(process.env.WIDGET_DIST, site, { recursive: true });
const front = await startGzipFront();
const emulator = await startEmulator([...mounts, ...OKTA_WIDGET_MOUNTS, '--trusted-origin', front.url], site);
front.target = new URL(emulator.url);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
let failures = 0;
try {
  // One discarded warm-up run per page: the server's files in the OS cache and their gzip bodies in the front's.
  for (const pageDef of PAGES) await measure(browser, front.url, pageDef, PROFILES[0], false);
  for (const profile of PROFILES) {
    const results = PAGES.map(() => []);
    // Runs interleave the pages, so that a slower stretch of the machine weighs on each page alike.
    for (let run = 0; run < RUNS; run += 1) {
      for (const [i, pageDef] of PAGES.entries()) {
        try {
          results[i].push(await measure(browser, front.url, pageDef, profile, options.verbose && run === 0));
        } catch (err) {
          failures += 1;
          console.error(`${pageDef.label} (${profile.name}, run ${run + 1}): ${err.message}`);
        }
      }
    }
    printTable(profile, results);
  }
} finally {
  await browser.close();
  emulator.child.kill();
  front.server.closeAllConnections();
  front.server.close();
  await rm(dir, { recursive: true, force: true });
}
if (failures > 0) {
  console.error(`\n${failures} run(s) failed to load a page or to sign in`);
  process.exitCode = 1;
}
