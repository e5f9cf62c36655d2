import type { Page } from '@playwright/test';
import type { SyncStatus } from '../src/lib/backend';
import { CONFLICTS, expect, OFFLINE, signIn, snap, test, type Scene } from './fixtures';

// The counter's header at the size of the smoke test and the screenshots
// (1280x800), in each language: the sync indicator's words are whole (the
// offline time, the unpaired words), the role stays on one line, nothing is
// cut. Narrower windows drop words (shorter ones, then the icon alone)
// rather than cutting one in the middle.

const LANGUAGES = { vi: 'Tiếng Việt', en: 'English', id: 'Bahasa Indonesia' } as const;
type Lang = keyof typeof LANGUAGES;

/** Offline since yesterday: the time comes with the date. */
const OFFLINE_SINCE_YESTERDAY: Partial<SyncStatus> = {
  ...OFFLINE,
  last_success: '2026-11-20T10:40:00Z',
  failing_since: '2026-11-20T10:42:00Z',
};

// What the header may say at 1280 px: the whole sentence, or the part before
// " · " (the changes waiting are in the tooltip and the details), or for an
// older time its shorter form, the date without the year: the time whole.
// Offline and conflicts are the page's fixed answers (only a network and a
// second counter make them); never paired is the real counter's own state.
const STATES: Record<string, { answers: Scene['answers']; words: Record<Lang, RegExp> }> = {
  offline: {
    answers: { sync_status: OFFLINE, conflicts: CONFLICTS },
    words: {
      vi: /^Mất kết nối từ 10:42( · 3 thay đổi chờ gửi)?$/,
      en: /^Offline since 10:42( · 3 changes waiting to be sent)?$/,
      id: /^Terputus sejak 10\.42( · 3 perubahan menunggu dikirim)?$/,
    },
  },
  'offline-yesterday': {
    answers: { sync_status: OFFLINE_SINCE_YESTERDAY, conflicts: CONFLICTS },
    words: {
      vi: /^(Mất kết nối từ 17:42 20\/11\/2026( · 3 thay đổi chờ gửi)?|Mất mạng 17:42 20\/11)$/,
      en: /^(Offline since 20\/11\/2026, 17:42( · 3 changes waiting to be sent)?|Offline 20\/11, 17:42)$/,
      id: /^(Terputus sejak 20\/11\/2026, 17\.42( · 3 perubahan menunggu dikirim)?|Terputus 20\/11, 17\.42)$/,
    },
  },
  unpaired: {
    answers: {},
    words: {
      vi: /^Chưa kết nối máy chủ$/,
      en: /^Not connected to a server$/,
      id: /^Belum terhubung ke server$/,
    },
  },
};

async function inLanguage(page: Page, lang: Lang) {
  if (lang === 'vi') return;
  await page.getByRole('group', { name: 'Ngôn ngữ' }).getByRole('button', { name: LANGUAGES[lang] }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Width beyond the box, for the header and the indicator's words (0 when whole). */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const cut = (el: Element | null) => (el ? el.scrollWidth - el.clientWidth : 0);
    return {
      header: cut(document.querySelector('header')),
      words: cut(document.querySelector('[data-testid="sync-words"]')),
    };
  });
}

/** How many lines the role under the name takes (0 when hidden). */
async function roleLines(page: Page): Promise<number> {
  return page.getByTestId('signed-in-role').evaluate((role) => {
    if (!(role instanceof HTMLElement) || role.offsetParent === null) return 0;
    const range = document.createRange();
    range.selectNodeContents(role);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });
}

for (const [state, { answers, words }] of Object.entries(STATES)) {
  test.describe(state, () => {
    test.use({ answers });

    for (const lang of Object.keys(LANGUAGES) as Lang[]) {
      test(`${lang}: at 1280x800 the words are whole and the role on one line`, async ({ page }) => {
        await signIn(page);
        await inLanguage(page, lang);
        await expect(page.getByTestId('sync-words')).toHaveText(words[lang]);
        await expect.poll(() => overflow(page)).toEqual({ header: 0, words: 0 });
        await expect(page.getByTestId('signed-in-role')).toBeVisible();
        expect(await roleLines(page)).toBe(1);
        await snap(page, `header-${state}-${lang}`);
      });
    }
  });
}

test.describe('narrower windows', () => {
  test.use({ answers: { sync_status: OFFLINE_SINCE_YESTERDAY, conflicts: CONFLICTS } });

  for (const lang of Object.keys(LANGUAGES) as Lang[]) {
    test(`${lang}: words are dropped, never cut`, async ({ page }) => {
      await signIn(page);
      await inLanguage(page, lang);
      const indicator = page.getByTestId('sync-indicator');
      const full = await indicator.getAttribute('title');
      for (const width of [1200, 1120, 1024, 960, 900]) {
        await page.setViewportSize({ width, height: 800 });
        // Whatever the header shows of the words fits; the rest stays in the
        // tooltip and the accessible name.
        await expect.poll(() => overflow(page), { message: `${lang} at ${width}px` }).toEqual({ header: 0, words: 0 });
        expect([0, 1], `${lang} at ${width}px: the role`).toContain(await roleLines(page));
        await expect(indicator).toHaveAttribute('title', full!);
        await expect(indicator).toHaveAccessibleName(/ · 3 /);
      }
      await snap(page, `header-900-${lang}`);
    });
  }
});
