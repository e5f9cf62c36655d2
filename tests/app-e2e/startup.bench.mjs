// Cold start of the real app, measured through WebDriver: from the request
// that launches it (tauri-driver starts the binary) until the sign-in
// screen's staff buttons are in the page, on a database that exists. An
// upper bound: it includes WebKitWebDriver's own session set-up.
//
//   tests/app-e2e.sh --bench     (RUNS=N, default 10; prints one JSON line)

import { Session } from './webdriver.mjs';

const { APP, WEBDRIVER_URL } = process.env;
const runs = Number(process.env.RUNS ?? 10);
const times = [];
for (let run = 0; run <= runs; run += 1) {
  const started = performance.now();
  const app = await Session.start(WEBDRIVER_URL, APP);
  await app.button('Lan', { timeout: 30_000 });
  const ms = performance.now() - started;
  await app.end();
  // The first start creates and seeds the database: not a cold start of the counter.
  if (run > 0) times.push(ms);
}
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(JSON.stringify({ runs: times.length, min_ms: Math.round(times[0]), median_ms: Math.round(at(0.5)), max_ms: Math.round(times.at(-1)) }));
