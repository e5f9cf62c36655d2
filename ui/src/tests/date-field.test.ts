import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import DateField from '../lib/components/DateField.svelte';
import { setLocale, type Locale } from '../lib/i18n.svelte';

// The date field every screen types dates in: day first whatever the
// browser's locale, the day given to the rest of the code as `YYYY-MM-DD`,
// and a date the calendar does not have refused on the field itself.

/** 14:30 on Saturday 21 November 2026 at the counter (UTC+7): "today" for the arrows. */
const NOW = new Date('2026-11-21T07:30:00Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A field named "Ngày" whose value the test reads back, as a parent's `bind:value` would. */
function field(props: { value?: string; required?: boolean; min?: string; max?: string } = {}) {
  const bound = { value: props.value ?? '' };
  const { unmount } = render(DateField, {
    props: {
      label: 'Ngày',
      required: props.required,
      min: props.min,
      max: props.max,
      get value() {
        return bound.value;
      },
      set value(day: string) {
        bound.value = day;
      },
    },
  });
  return { input: screen.getByRole('textbox', { name: 'Ngày' }), bound, user: userEvent.setup(), unmount };
}

describe('the date field', () => {
  test.each<[Locale, string]>([
    ['vi', 'dd/mm/yyyy'],
    ['en', 'dd/mm/yyyy'],
    ['id', 'hh/bb/tttt'],
  ])('shows 7 December 2026 as 07/12/2026 in %s', (lang, placeholder) => {
    setLocale(lang);
    const { input } = field({ value: '2026-12-07' });
    expect(input).toHaveValue('07/12/2026');
    expect(input).toHaveAttribute('placeholder', placeholder);
    expect(input).toHaveAttribute('type', 'text');
  });

  test('typing 07/12/2026 gives the 7th of December', async () => {
    const { input, bound, user } = field();
    await user.type(input, '07/12/2026');
    expect(input).toHaveValue('07/12/2026');
    expect(bound.value).toBe('2026-12-07');
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  test('digits alone: the slashes come by themselves', async () => {
    const { input, bound, user } = field();
    await user.type(input, '0712');
    expect(input).toHaveValue('0712');
    await user.type(input, '2');
    expect(input).toHaveValue('07/12/2');
    await user.type(input, '026');
    expect(input).toHaveValue('07/12/2026');
    expect(bound.value).toBe('2026-12-07');
  });

  test('Backspace takes back the slash it put', async () => {
    const { input, user } = field();
    await user.type(input, '07/12');
    expect(input).toHaveValue('07/12/');
    await user.type(input, '{Backspace}{Backspace}');
    expect(input).toHaveValue('07/1');
  });

  test('a one-digit day is written out whole when the field is left', async () => {
    const { input, bound, user } = field();
    await user.type(input, '7/12/2026');
    expect(bound.value).toBe('2026-12-07');
    await user.tab();
    expect(input).toHaveValue('07/12/2026');
  });

  test('the same in English and Indonesian: day first', async () => {
    for (const lang of ['en', 'id'] as const) {
      setLocale(lang);
      const { input, bound, user, unmount } = field();
      await user.type(input, '07/12/2026');
      expect(bound.value, lang).toBe('2026-12-07');
      unmount();
    }
  });

  test('31/02/2026 is refused on the field, and the day given stays what it was', async () => {
    const { input, bound, user } = field({ value: '2026-12-07' });
    await user.tripleClick(input);
    await user.keyboard('31/02/2026');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Không có ngày 31/02/2026.');
    expect(input).toHaveAccessibleDescription('Không có ngày 31/02/2026.');
    expect(bound.value).toBe('2026-12-07');
    expect((input as HTMLInputElement).validity.valid).toBe(false);
  });

  test('2026-13-01 is refused too, in the language of the screen', async () => {
    setLocale('en');
    const { input, bound, user } = field();
    await user.type(input, '2026-13-01');
    expect(screen.getByRole('alert')).toHaveTextContent('There is no date 2026-13-01.');
    expect(bound.value).toBe('');
  });

  test('a year-first ISO date is read as such', async () => {
    const { input, bound, user } = field();
    await user.type(input, '2026-12-07');
    expect(bound.value).toBe('2026-12-07');
    await user.tab();
    expect(input).toHaveValue('07/12/2026');
  });

  test('half a date says how to write one when the field is left, not while typing', async () => {
    const { input, user } = field();
    await user.type(input, '07/12/20');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.tab();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Nhập ngày theo dạng ngày/tháng/năm, ví dụ 07/12/2026.');
    // Finishing the date clears it.
    await user.type(input, '26');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  test('emptied, an optional field gives no day; a required one keeps its day and asks for one', async () => {
    const optional = field({ value: '2026-12-07' });
    await optional.user.clear(optional.input);
    expect(optional.bound.value).toBe('');
    await optional.user.tab();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    optional.unmount();

    const required = field({ value: '2026-12-07', required: true });
    await required.user.clear(required.input);
    await required.user.tab();
    expect(required.bound.value).toBe('2026-12-07');
    expect(screen.getByRole('alert')).toHaveTextContent('Nhập ngày.');
  });

  test("text a script changed with no input event (WebDriver's clear) is read when the field is left", async () => {
    const { input, bound, user } = field({ value: '2026-12-07' });
    input.focus();
    (input as HTMLInputElement).value = '08/12/2026';
    await user.tab();
    expect(bound.value).toBe('2026-12-08');
    input.focus();
    (input as HTMLInputElement).value = '';
    await user.tab();
    expect(bound.value).toBe('');
  });

  test('days before min or after max are refused with the limit', async () => {
    const { input, bound, user } = field({ value: '2026-11-20', min: '2026-11-01', max: '2026-11-21' });
    await user.tripleClick(input);
    await user.keyboard('22/11/2026');
    expect(screen.getByRole('alert')).toHaveTextContent('Chọn ngày đến 21/11/2026 là muộn nhất.');
    await user.tripleClick(input);
    await user.keyboard('31/10/2026');
    expect(screen.getByRole('alert')).toHaveTextContent('Chọn ngày từ 01/11/2026 trở đi.');
    expect(bound.value).toBe('2026-11-20');
  });

  test('↑ and ↓ move a day, from today when the field is empty, within the limits', async () => {
    const { input, bound, user } = field({ max: '2026-11-22' });
    await user.type(input, '{ArrowDown}');
    expect(input).toHaveValue('21/11/2026');
    await user.type(input, '{ArrowDown}');
    expect(input).toHaveValue('20/11/2026');
    expect(bound.value).toBe('2026-11-20');
    await user.type(input, '{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(input).toHaveValue('22/11/2026');
    expect(bound.value).toBe('2026-11-22');
  });

  test('a new day from outside is shown, and an old complaint goes', async () => {
    const { rerender } = render(DateField, { props: { label: 'Ngày', value: '2026-12-07' } });
    const input = screen.getByRole('textbox', { name: 'Ngày' });
    const user = userEvent.setup();
    await user.clear(input);
    await user.type(input, '31/02/2026');
    expect(screen.getByRole('alert')).toBeInTheDocument();
    await rerender({ label: 'Ngày', value: '2026-12-08' });
    expect(input).toHaveValue('08/12/2026');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
