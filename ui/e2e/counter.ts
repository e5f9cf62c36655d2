import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/**
 * A real counter for a spec: `caredesk serve-ui` on a fresh database file
 * (the demo data a first start gets), serving the built UI and the app's
 * commands on 127.0.0.1. The page talks to the same Rust as the desktop app;
 * `cli` runs `caredesk` on the same file, to put a spec's own customers or
 * sales in place, or to check what the page wrote.
 *
 * Both run with the machine's clock moved to `now` and running on from
 * there (libfaketime, through scripts/shifted-clock.sh): the whole database
 * (its first ops included) is written on that day, so the activity log, the
 * calendar's "today" and every date a spec reads hold whenever it runs.
 * (serve-ui's own `--now` moves only the rules' clock; the ops' stamps stay
 * on the machine's.)
 */
export interface RealCounter {
  url: string;
  db: string;
  /** `caredesk --db DB --json ...args` on the counter's clock: its JSON answer. */
  cli(...args: string[]): Promise<unknown>;
  stop(): Promise<void>;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The CLI the specs drive: the debug build (`make test` builds it first), or $CAREDESK_BIN. */
export const CAREDESK = process.env.CAREDESK_BIN || join(ROOT, 'target/debug/caredesk');
const UI_DIST = join(ROOT, 'ui/dist');
const SHIFTED_CLOCK = join(ROOT, 'scripts/shifted-clock.sh');

export async function startCounter(now: Date): Promise<RealCounter> {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-e2e-'));
  const db = join(dir, 'caredesk.db');
  // libfaketime's "start at" form, read in UTC.
  const clock = `@${now.toISOString().slice(0, 19).replace('T', ' ')}`;
  const env = { ...process.env, TZ: 'UTC', SHIFTED_CLOCK_QUIET: '1' };
  const child = spawn(
    SHIFTED_CLOCK,
    [clock, CAREDESK, '--db', db, 'serve-ui', '--listen', '127.0.0.1:0', '--ui', UI_DIST],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const addr = await firstLine(child).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`caredesk serve-ui did not start (${String(err)}): ${stderr}`);
  });
  return {
    url: `http://${addr}`,
    db,
    cli: (...args) => run([clock, CAREDESK, '--db', db, '--json', ...args], env),
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((ok, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => ok(line.trim()));
    child.once('exit', (code) => fail(new Error(`exited with ${code}`)));
    child.once('error', fail);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGTERM');
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<unknown> {
  return new Promise((ok, fail) => {
    execFile(SHIFTED_CLOCK, args, { env }, (error, stdout, stderr) => {
      if (error) fail(new Error(`caredesk ${args.slice(2).join(' ')}: ${stderr || error.message}`));
      else ok(stdout.trim() === '' ? null : JSON.parse(stdout));
    });
  });
}
