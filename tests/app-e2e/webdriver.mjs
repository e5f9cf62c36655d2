// A small W3C WebDriver client over fetch, enough to drive the real app
// through tauri-driver (which hands the session to WebKitWebDriver): no
// npm packages, so the end-to-end test installs nothing beyond the drivers.
//
// Elements are found by running a script in the page (`find`), which lets a
// test look things up the way a person does (a button's text, a field's
// label) instead of by CSS classes that change with the design.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** WebDriver's code points for keys that are not characters. */
export const Key = {
  Enter: '\uE007',
  Escape: '\uE00C',
  Tab: '\uE004',
  Control: '\uE009',
  Backspace: '\uE003',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  /** Releases the modifiers pressed earlier in the same text. */
  Release: '\uE000',
};

export class WebDriverError extends Error {}

export class Session {
  /** @param {string} base e.g. http://127.0.0.1:4444 @param {string} id */
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  /** Starts the app given by `application` (tauri-driver's `tauri:options`). */
  static async start(base, application) {
    const value = await request(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application } } },
    });
    return new Session(base, value.sessionId);
  }

  async call(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.call('DELETE', '');
  }

  /** Runs `script` (a function body; `arguments` holds `args`) in the page. */
  async run(script, ...args) {
    return this.call('POST', '/execute/sync', { script, args });
  }

  /**
   * Waits until `script` returns an element (or a truthy value), up to
   * `timeout` ms; `what` names it in the error.
   */
  async find(what, script, args = [], timeout = 10_000) {
    const until = Date.now() + timeout;
    for (;;) {
      const found = await this.run(script, ...args);
      if (found) return found;
      if (Date.now() > until) {
        throw new WebDriverError(`not found after ${timeout} ms: ${what}\n${await this.visibleText()}`);
      }
      await sleep(150);
    }
  }

  /**
   * A button (or tab, option, radio) whose accessible text contains `text`,
   * inside the first element matching `within` when given.
   */
  async button(text, { within = 'body', timeout } = {}) {
    const controls = 'button, [role="tab"], [role="option"], [role="radio"]';
    return this.find(`button "${text}" in ${within}`, BY_TEXT, [within, controls, text], timeout);
  }

  /** The form control labelled `label` (a <label> or aria-label). */
  async field(label, timeout) {
    return this.find(`field "${label}"`, BY_LABEL, [label], timeout);
  }

  async byTestId(id, timeout) {
    return this.find(`[data-testid="${id}"]`, 'return document.querySelector(`[data-testid="${arguments[0]}"]`);', [id], timeout);
  }

  /** Waits until the page's text contains `text`. */
  async waitForText(text, timeout = 10_000) {
    await this.find(`text "${text}"`, 'return document.body.innerText.includes(arguments[0]);', [text], timeout);
  }

  async click(element) {
    await this.call('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  /** Types into `element` (WebDriver's element send keys: focus, then keys). */
  async type(element, text) {
    await this.call('POST', `/element/${element[ELEMENT]}/value`, { text });
  }

  /** Picks the option of a <select> whose text starts with `label`, as a person's choice would (input and change events). */
  async select(element, label) {
    const picked = await this.run(SELECT, element, label);
    if (!picked) throw new WebDriverError(`no option "${label}" in the list: ${await this.run('return [...arguments[0].options].map((o) => o.text).join(" | ");', element)}`);
  }

  /** Gives `element` the focus, for a key press on it (what a person's Tab does). */
  async focus(element) {
    await this.run('arguments[0].focus();', element);
  }

  async clear(element) {
    await this.call('POST', `/element/${element[ELEMENT]}/clear`, {});
  }

  async text(element) {
    return this.call('GET', `/element/${element[ELEMENT]}/text`);
  }

  /** Keys to whatever has focus, as a person types them (chords with Key.Control ... Key.Release). */
  async keys(text) {
    const down = [];
    for (const char of text) {
      if (char === Key.Release) continue;
      down.push({ type: 'keyDown', value: char });
      if (char !== Key.Control) down.push({ type: 'keyUp', value: char });
    }
    if (text.includes(Key.Control)) down.push({ type: 'keyUp', value: Key.Control });
    await this.call('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: down }] });
    await this.call('DELETE', '/actions');
  }

  async visibleText() {
    try {
      const text = await this.run('return document.body.innerText;');
      return `--- page text ---\n${String(text).slice(0, 2000)}`;
    } catch {
      return '';
    }
  }
}

// Finds the first visible element matching `selector` whose text (or
// aria-label) contains `text`, ignoring runs of white space.
const BY_TEXT = `
  const [within, selector, text] = arguments;
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const root = document.querySelector(within);
  for (const el of root ? root.querySelectorAll(selector) : []) {
    if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue;
    const said = norm(el.getAttribute('aria-label')) + ' ' + norm(el.innerText || el.textContent);
    if (said.includes(text)) return el;
  }
  return null;`;

// The control a <label> names (wrapping it or through for=), or one with
// that aria-label.
const BY_LABEL = `
  const [text] = arguments;
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  for (const label of document.querySelectorAll('label')) {
    if (!norm(label.textContent).startsWith(text)) continue;
    const control = label.control || label.querySelector('input, select, textarea');
    if (control) return control;
  }
  return document.querySelector('[aria-label="' + text.replace(/"/g, '\\\\"') + '"]');`;

const SELECT = `
  const [select, label] = arguments;
  const option = [...select.options].find((o) => o.text.trim().startsWith(label));
  if (!option) return false;
  select.value = option.value;
  select.dispatchEvent(new Event('input', { bubbles: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
  return true;`;

async function request(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const { error, message } = answer.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${response.status} ${error ?? ''} ${message ?? ''}`.trim());
  }
  return answer.value;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
