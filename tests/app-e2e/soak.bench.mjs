// Memory of the real app after long use: a receptionist's day compressed
// into SOAK_MINUTES (default 60) of scripted use through WebDriver, the app's
// resident memory sampled once a minute. The app is three processes: the
// Rust shell (caredesk-app) and the WebKit web and network processes it
// starts; each is read from /proc (RSS, and PSS, which shares the libraries
// the three map alike fairly between them).
//
// One round: find a customer by name without diacritics and open their 360;
// every 3rd round the calendar, a day forward and back; every 5th a sale of
// one item paid in cash; every 7th the activity log and the tickets tab.
//
//   tests/app-e2e.sh --soak     (SOAK_MINUTES=N; prints one JSON line; SOAK_OUT=file keeps the samples)
//   SOAK_SEARCH_ONLY=1          only the search and the 360, nothing that adds data: growth
//                               that remains is not the day's data on screen
//   SOAK_ROUNDS=calendar,sale   the search and the 360, then each kind named here in every
//                               round (calendar, sale, log): one kind at a time tells which
//                               one the memory grows with

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { addItem, openCustomer, openDrawer, pay, signIn } from './steps.mjs';
import { Key, Session } from './webdriver.mjs';

const { APP, CLI, CAREDESK_DB, WEBDRIVER_URL, SOAK_OUT } = process.env;
const minutes = Number(process.env.SOAK_MINUTES ?? 60);
// Each kind of round and how often it comes: by default the mix of a day
// (every 3rd, 5th, 7th round); named in SOAK_ROUNDS, in every round.
const CADENCE = { calendar: 3, sale: 5, log: 7 };
const named = process.env.SOAK_ROUNDS?.split(',').map((kind) => kind.trim()).filter(Boolean);
for (const kind of named ?? []) if (!(kind in CADENCE)) throw new Error(`SOAK_ROUNDS: no kind of round "${kind}" (${Object.keys(CADENCE)})`);
const every = Object.fromEntries(
  Object.entries(CADENCE).map(([kind, n]) => [kind, process.env.SOAK_SEARCH_ONLY ? 0 : named ? (named.includes(kind) ? 1 : 0) : n]),
);
const due = (kind, round) => every[kind] > 0 && round % every[kind] === 0;

function environ(pid) {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** The app's process and everything it started, by name, with RSS and PSS in KiB. */
function memory() {
  const procs = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // comm is in parentheses and may hold spaces: the fields after the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      procs.set(Number(entry), { comm, ppid });
    } catch {
      // gone between readdir and read
    }
  }
  // This run's app: another run's (an end-to-end test beside it) has another database.
  const app = [...procs].find(([pid, p]) => p.comm === 'caredesk-app' && environ(pid).includes(`CAREDESK_DB=${CAREDESK_DB}`));
  if (!app) throw new Error(`no caredesk-app process on ${CAREDESK_DB}`);
  const ours = new Set([app[0]]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) if (!ours.has(pid) && ours.has(p.ppid)) ours.add(pid), (grew = true);
  }
  const sample = { total_rss_kib: 0, total_pss_kib: 0, processes: {} };
  for (const pid of ours) {
    const kib = (file, key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'))?.[1] ?? 0);
    const rss = kib('status', 'VmRSS');
    const pss = kib('smaps_rollup', 'Pss');
    const name = procs.get(pid).comm;
    const seen = sample.processes[name] ?? { rss_kib: 0, pss_kib: 0 };
    sample.processes[name] = { rss_kib: seen.rss_kib + rss, pss_kib: seen.pss_kib + pss };
    sample.total_rss_kib += rss;
    sample.total_pss_kib += pss;
  }
  return sample;
}

const app = await Session.start(WEBDRIVER_URL, APP);
const started = Date.now();
// Tuấn opens the drawer before Lan's first cash sale, then locks (Ctrl+L).
await signIn(app, 'Tuấn', '3333', 30_000);
await openDrawer(app, 500_000);
await app.keys(Key.Control + 'l' + Key.Release);
await signIn(app, 'Lan', '1111');
// The app's first start made the database and its demo customers.
const customers = JSON.parse(execFileSync(CLI, ['--db', CAREDESK_DB, '--json', 'dump'], { encoding: 'utf8', maxBuffer: 1 << 28 }))
  .customers.slice(0, 200)
  .map((c) => c.name);
const samples = [{ minute: 0, rounds: 0, sales: 0, ...memory() }];
let rounds = 0;
let sales = 0;
let nextSample = started + 60_000;

while (Date.now() < started + minutes * 60_000) {
  rounds += 1;
  const name = customers[rounds % customers.length];
  await app.keys(Key.Control + '1' + Key.Release);
  await openCustomer(app, name);
  if (due('calendar', rounds)) {
    await app.keys(Key.Control + '6' + Key.Release);
    await app.byTestId('calendar-date', 15_000);
    await app.click(await app.button('Ngày sau'));
    await app.click(await app.button('Ngày trước'));
  }
  if (due('sale', rounds)) {
    await app.keys(Key.Control + '1' + Key.Release);
    await app.click(await app.button('Thanh toán', { within: 'article' }));
    await addItem(app, 'Tinh dầu bưởi', 120_000);
    await pay(app, [['Tiền mặt', 120_000]]);
    sales += 1;
  }
  if (due('log', rounds)) {
    await app.keys(Key.Control + '2' + Key.Release);
    await app.keys(Key.Control + '7' + Key.Release);
  }
  if (Date.now() >= nextSample) {
    const minute = Math.round((Date.now() - started) / 60_000);
    const sample = { minute, rounds, sales, ...memory() };
    samples.push(sample);
    console.error(`soak: minute ${minute}: ${rounds} rounds, ${sales} sales, RSS ${(sample.total_rss_kib / 1024).toFixed(0)} MiB, PSS ${(sample.total_pss_kib / 1024).toFixed(0)} MiB`);
    nextSample += 60_000;
  }
}
samples.push({ minute: Math.round((Date.now() - started) / 60_000), rounds, sales, ...memory() });
await app.end();

if (SOAK_OUT) writeFileSync(SOAK_OUT, JSON.stringify(samples, null, 1));
const mib = (kib) => Math.round(kib / 1024);
const [first, last] = [samples[1] ?? samples[0], samples.at(-1)];
console.log(
  JSON.stringify({
    minutes,
    every,
    rounds,
    sales,
    start_rss_mib: mib(samples[0].total_rss_kib),
    after_1_min_rss_mib: mib(first.total_rss_kib),
    end_rss_mib: mib(last.total_rss_kib),
    max_rss_mib: mib(Math.max(...samples.map((s) => s.total_rss_kib))),
    end_pss_mib: mib(last.total_pss_kib),
    end_by_process_rss_mib: Object.fromEntries(Object.entries(last.processes).map(([k, v]) => [k, mib(v.rss_kib)])),
  }),
);
