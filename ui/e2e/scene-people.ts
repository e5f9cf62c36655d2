// The customers the counter specs (sign-in, search, new customer, keyboard,
// reminders, dates) find by name or phone, put on the real counter with
// `caredesk` before the page opens: `test.use({ setup: PEOPLE })`.
//
// The demo's own 300 customers are deterministic (same names and phones on
// every fresh database), so what a search finds beside these is stable too;
// the queries the specs type were checked against them. Two things to know:
// the demo has a Nguyễn Thị Mai of its own (0849 969 193), so Mai is told
// apart by her phone, and the demo's "Đặng …" and "Hoàng Đức …" customers
// share the first words of Hà's and Nguyên's names. Every customer here is
// registered at the counter's clock (14:30 on 21/11/2026) by Hoa, the
// owner, the CLI's default actor.

export interface Person {
  name: string;
  phone: string;
  email?: string;
}

export const MAI = { name: 'Nguyễn Thị Mai', phone: '0912 345 678' } as const satisfies Person;
export const NGUYEN = { name: 'Hoàng Đức Nguyên', phone: '0912 000 111' } as const satisfies Person;
export const HA = { name: 'Đặng Thu Hà', phone: '0987 654 321', email: 'thuha.dang@example.vn' } as const satisfies Person;
export const HUNG = { name: 'Nguyễn Văn Hùng', phone: '0903 111 222' } as const satisfies Person;
export const YEN = { name: 'Lê Hoàng Yến', phone: '0977 888 999' } as const satisfies Person;

/** Mai's note, written by Lan at the counter. */
export const MAI_NOTE = 'Thích phòng yên tĩnh, da nhạy cảm.';

/** `caredesk customer add` for one person. */
export function add(person: Person): string[] {
  const args = ['customer', 'add', '--name', person.name, '--phone', person.phone];
  return person.email ? [...args, '--email', person.email] : args;
}

/**
 * Mai (tagged VIP, with Lan's note), Nguyên, Hà, Hùng and Yến, in that
 * order; their codes are the register's next ones after the demo's 300.
 */
export const PEOPLE: string[][] = [
  add(MAI),
  ['customer', 'tag', MAI.phone, 'VIP'],
  ['--as', 'Lan', 'customer', 'note', MAI.phone, MAI_NOTE],
  add(NGUYEN),
  add(HA),
  add(HUNG),
  add(YEN),
];

// `scene(...)`, the form every multi-command `setup` takes: fixtures.ts.
export { scene } from './fixtures';
