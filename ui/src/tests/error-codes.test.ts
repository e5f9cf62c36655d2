// Stops drift between the codes the Rust side can send and the UI's list:
// a code the UI does not list has no translation and reaches the counter in
// English; a listed code that Rust no longer sends is dead text.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ERROR_CODES } from '../lib/backend/backend';
import { dictionary, LOCALES } from '../lib/i18n.svelte';

/** The ui/ folder: the Rust sources are named relative to it. (Not with
 * `new URL(path, import.meta.url)`, which Vite rewrites into an asset URL.) */
const UI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pathOf = (relative: string) => resolve(UI_DIR, relative);
const read = (relative: string) => readFileSync(pathOf(relative), 'utf8');

/** Where the store's codes come from: `StoreError::code` and the refusals it delegates to. */
const CODE_SOURCES = [
  '../crates/store/src/error.rs',
  '../crates/store/src/backup/restore.rs',
  '../crates/domain/src/treatment/refusal.rs',
  '../crates/domain/src/class.rs',
  '../crates/domain/src/wallet.rs',
  '../crates/domain/src/sale/mod.rs',
  '../crates/domain/src/sale/refund.rs',
  '../crates/domain/src/drawer.rs',
  '../crates/domain/src/payroll.rs',
  '../crates/domain/src/ticket/mod.rs',
  // Printing's: the documents' (PrintError) and the printers' (DispatchError),
  // which the shell passes on with `IpcError::new(error.code(), ...)`.
  '../crates/print/src/error.rs',
  '../crates/print/src/dispatch/error.rs',
];

/** The counter crate (above the store), which makes a few codes of its own with `IpcError::new("code", ...)`. */
const SHELL_DIR = '../crates/counter/src/';

/**
 * Listed in ERROR_CODES but made by no Rust code: `internal` is what
 * `BackendError.from` calls a failure that did not arrive as `{code, message}`
 * (backend.ts, "The UI's" group).
 */
const UI_ONLY = ['internal'];

const SNAKE_CASE = /"([a-z][a-z0-9_]*)"/g;

/** The body of every `fn code(` in `source`, from its `{` to the matching `}`. */
function codeFunctionBodies(source: string): string[] {
  const bodies: string[] = [];
  let from = 0;
  for (;;) {
    const start = source.indexOf('fn code(', from);
    if (start < 0) return bodies;
    const open = source.indexOf('{', start);
    let depth = 0;
    let end = open;
    for (; end < source.length; end++) {
      const char = source[end];
      if (char === '"') {
        // Skip a string literal; codes never hold braces, but be safe.
        end++;
        while (end < source.length && source[end] !== '"') end += source[end] === '\\' ? 2 : 1;
      } else if (char === '{') {
        depth++;
      } else if (char === '}' && --depth === 0) {
        break;
      }
    }
    if (depth !== 0) throw new Error('unbalanced braces after `fn code(`');
    bodies.push(source.slice(open, end + 1));
    from = end + 1;
  }
}

/** The snake_case literals in the bodies of `fn code`, per file. */
function storeCodes(): Map<string, Set<string>> {
  const byFile = new Map<string, Set<string>>();
  for (const file of CODE_SOURCES) {
    const codes = new Set<string>();
    for (const body of codeFunctionBodies(read(file))) {
      // The arms return literals (`X => "code"`, or `X => { "code" }` when
      // rustfmt wraps); the only other arms delegate to another `fn code`.
      for (const match of body.matchAll(SNAKE_CASE)) if (match[1]) codes.add(match[1]);
    }
    byFile.set(file, codes);
  }
  return byFile;
}

/** The `.rs` files under `dir`, recursively (not build output). */
function rustFiles(dir: string): string[] {
  return readdirSync(pathOf(dir), { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      return entry.name === 'target' || entry.name === 'gen' ? [] : rustFiles(`${dir}${entry.name}/`);
    }
    return entry.isFile() && entry.name.endsWith('.rs') ? [`${dir}${entry.name}`] : [];
  });
}

/** Codes the shell makes itself, outside its `#[cfg(test)]` modules. */
function shellCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of rustFiles(SHELL_DIR)) {
    const source = read(file).split('#[cfg(test)]')[0] ?? '';
    for (const match of source.matchAll(/IpcError::new\(\s*"([a-z][a-z0-9_]*)"/g)) {
      if (match[1]) codes.add(match[1]);
    }
  }
  return codes;
}

describe('error codes', () => {
  const byFile = storeCodes();
  const store = new Set([...byFile.values()].flatMap((codes) => [...codes]));
  const shell = shellCodes();
  const listed = new Set<string>(ERROR_CODES);

  test('the Rust sources are where this test looks', () => {
    // A moved or renamed `fn code` must fail here, not make the checks below vacuous.
    for (const [file, codes] of byFile) expect(codes.size, file).toBeGreaterThan(0);
    expect(store).toContain('treatment_other_staff');
    expect(store).toContain('restore_corrupt');
    expect(shell).toContain('signed_out');
    expect(shell).toContain('invalid_id');
    expect(shell).toContain('no_printer');
    expect(store).toContain('printer_unreachable');
  });

  test('every code the store or the shell sends is in ERROR_CODES', () => {
    const missing = [...store, ...shell].filter((code) => !listed.has(code));
    expect([...new Set(missing)].sort()).toEqual([]);
  });

  test("every code in ERROR_CODES is sent by Rust, or is one of the UI's own", () => {
    const stale = ERROR_CODES.filter(
      (code) => !store.has(code) && !shell.has(code) && !UI_ONLY.includes(code),
    );
    expect(stale).toEqual([]);
  });

  test('ERROR_CODES lists each code once', () => {
    expect(listed.size).toBe(ERROR_CODES.length);
  });

  test.each(LOCALES)('every code in ERROR_CODES has a message in %s', (locale) => {
    const messages: Readonly<Record<string, string>> = dictionary(locale);
    const untranslated = ERROR_CODES.filter((code) => !messages[`error.${code}`]?.trim());
    expect(untranslated).toEqual([]);
  });
});
