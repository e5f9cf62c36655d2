#!/usr/bin/env node
// Checks the relative links of the Markdown docs: the file a link names
// exists, and its #anchor is a heading there, slugged as GitHub does. Run it
// after moving or renaming a section (the docs link to each other's
// sections, and nothing else would notice a broken one):
//
//   node scripts/check-doc-links.mjs            # README.md, ui/README.md, docs/
//   node scripts/check-doc-links.mjs FILE.md...
//
// No npm packages; prints each broken link and exits 1 if there is one.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function markdownUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownUnder(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

// Lines outside fenced code blocks, with inline code spans blanked out, so a
// `[a](b)` or a `# comment` quoted in code is neither a link nor a heading.
function proseLines(text) {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  });
}

// GitHub's anchor for a heading: lower case, punctuation dropped (letters,
// digits, marks, `_`, `-` and spaces stay), spaces as hyphens; a repeated
// heading gets -1, -2, ...
function slug(heading) {
  const text = heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

const anchorsOf = new Map();
function anchors(file) {
  if (!anchorsOf.has(file)) {
    const seen = new Map();
    const found = new Set();
    for (const line of proseLines(readFileSync(file, 'utf8'))) {
      const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (!heading) continue;
      const base = slug(heading[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      found.add(n === 0 ? base : `${base}-${n}`);
    }
    anchorsOf.set(file, found);
  }
  return anchorsOf.get(file);
}

const files = process.argv.length > 2
  ? process.argv.slice(2).map((f) => resolve(f))
  : [join(root, 'README.md'), join(root, 'ui/README.md'), ...markdownUnder(join(root, 'docs'))];

let broken = 0;
for (const file of files) {
  proseLines(readFileSync(file, 'utf8')).forEach((line, i) => {
    const prose = line.replace(/`[^`]*`/g, 'x');
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, mailto:
      const [path, anchor] = target.split('#');
      const into = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
      const where = `${relative(root, file)}:${i + 1}: ${target}`;
      if (!existsSync(into)) {
        console.log(`${where}: no such file`);
        broken++;
      } else if (anchor !== undefined) {
        if (statSync(into).isDirectory() || !into.endsWith('.md')) {
          console.log(`${where}: an anchor into something that is not a Markdown file`);
          broken++;
        } else if (!anchors(into).has(decodeURIComponent(anchor))) {
          console.log(`${where}: no heading with this anchor`);
          broken++;
        }
      }
    }
  });
}
console.log(`${files.length} files, ${broken} broken link${broken === 1 ? '' : 's'}`);
process.exit(broken ? 1 : 0);
