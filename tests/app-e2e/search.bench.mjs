// Keystroke to search results in the real app, through the real IPC, on the
// database tests/app-e2e.sh --bench seeded with 200,000 more customers. In
// the page: the time of each keydown (a real key event from WebDriver) to
// the moment the results list stops being busy with the answer to it,
// plus one animation frame (the results painted).
//
//   tests/app-e2e.sh --bench     (prints one JSON line)

import { Key, Session } from './webdriver.mjs';

const { APP, WEBDRIVER_URL } = process.env;
const QUERIES = ['nguyen', 'tran thi', 'le van', 'hoang', '0912', '098 7', 'pham', 'dang thu'];

const app = await Session.start(WEBDRIVER_URL, APP);
await app.click(await app.button('Lan', { timeout: 30_000 }));
await app.keys('1111' + Key.Enter);
const search = await app.field('Tìm khách hàng');

// Records, for every keydown in the search box, when its answer was on screen.
await app.run(`
  const input = document.getElementById('customer-search');
  const list = document.getElementById('customer-results');
  window.__keystrokes = [];
  let pending = null;
  input.addEventListener('keydown', () => { pending = performance.now(); }, true);
  new MutationObserver(() => {
    if (pending === null || list.getAttribute('aria-busy') !== 'false') return;
    const since = pending;
    pending = null;
    requestAnimationFrame(() => window.__keystrokes.push(performance.now() - since));
  }).observe(list, { attributes: true, childList: true, subtree: true });
`);

for (const query of QUERIES) {
  for (const char of query) {
    await app.type(search, char);
    // One keystroke at a time: each is measured alone, not queued behind another.
    await app.find('the answer', 'return document.getElementById("customer-results").getAttribute("aria-busy") === "false";');
  }
  await app.clear(search);
}
const times = (await app.run('return window.__keystrokes;')).sort((a, b) => a - b);
await app.end();
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(
  JSON.stringify({
    keystrokes: times.length,
    median_ms: +at(0.5).toFixed(1),
    p95_ms: +at(0.95).toFixed(1),
    max_ms: +times.at(-1).toFixed(1),
  }),
);
