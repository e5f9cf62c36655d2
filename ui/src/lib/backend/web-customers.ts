import type { Customer } from './backend';

// The fake's demo customers and its Vietnamese phone numbers: what the store
// does with the phonenumber crate (crates/domain/src/phone.rs), for mobiles
// only, which is all the demo and the tests use.

/** A customer to start with: name and E.164 phone, the rest defaulted. */
export type SeedCustomer = Pick<Customer, 'name' | 'phone'> & Partial<Customer>;

/** `0912 345 678`, `+84 912 345 678`, `84912345678` -> `+84912345678`; null when not a VN mobile. */
export function normaliseVietnamesePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[\d\s+\-.()]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+') || (digits.startsWith('84') && digits.length === 11)) {
    if (!digits.startsWith('84')) return null;
    digits = `0${digits.slice(2)}`;
  }
  return /^0[35789]\d{8}$/.test(digits) ? `+84${digits.slice(1)}` : null;
}

export function displayVietnamesePhone(e164: string): string {
  const national = e164.startsWith('+84') ? `0${e164.slice(3)}` : e164;
  const m = /^(\d{4})(\d{3})(\d{3})$/.exec(national);
  return m ? `${m[1]} ${m[2]} ${m[3]}` : e164;
}

export function phoneSearchDigits(e164: string): string[] {
  const international = e164.replace(/\D/g, '');
  return international.startsWith('84') ? [international, `0${international.slice(2)}`] : [international];
}

export function fakeUuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0190d5a0-0000-7000-8000-${hex}`;
}

export const DEMO_CUSTOMERS: readonly SeedCustomer[] = [
  {
    name: 'Nguyễn Thị Mai',
    phone: '+84912345678',
    email: 'mai.nguyen@example.vn',
    address: '12 Lý Tự Trọng, Quận 1, TP. Hồ Chí Minh',
    tags: ['VIP'],
    notes: [
      {
        id: '0190d5a0-0000-7000-9000-000000000001',
        text: 'Thích phòng yên tĩnh, da nhạy cảm.',
        at: '2025-03-02T09:15:00+07:00',
        by: '0190d5a0-0000-7000-a000-000000000001',
        by_name: 'Lan',
      },
    ],
    created_at: '2024-11-18T10:05:00+07:00',
  },
  { name: 'Nguyễn Văn Hùng', phone: '+84903111222', created_at: '2025-01-07T14:30:00+07:00' },
  { name: 'Đặng Thu Hà', phone: '+84987654321', email: 'thuha.dang@example.vn', created_at: '2025-02-11T08:45:00+07:00' },
  { name: 'Trần Minh Anh', phone: '+84938222333', address: '45 Nguyễn Huệ, Quận 1', created_at: '2025-02-20T16:00:00+07:00' },
  { name: 'Lê Hoàng Yến', phone: '+84971444555', tags: ['Khách quen'], created_at: '2025-03-14T11:20:00+07:00' },
  { name: 'Phạm Quốc Bảo', phone: '+84366777888', created_at: '2025-04-01T09:00:00+07:00' },
  { name: 'Võ Ngọc Trâm', phone: '+84839999000', created_at: '2025-04-22T13:10:00+07:00' },
  { name: 'Siti Rahayu', phone: '+84798123456', created_at: '2025-05-05T10:40:00+07:00' },
  { name: 'Bùi Thanh Tâm', phone: '+84356246810', created_at: '2025-05-19T15:55:00+07:00' },
  { name: 'Hoàng Đức Nguyên', phone: '+84912000111', created_at: '2025-06-02T17:25:00+07:00' },
];
