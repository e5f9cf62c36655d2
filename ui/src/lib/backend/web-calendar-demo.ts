import type { BookingStatus } from './backend';

// What the fake's calendar starts with: a small spa's services, who performs
// them and when, and (with the demo customers) a believable day of bookings
// in every status around the page's clock, so `npm run dev`, the unit tests
// and the end-to-end tests all show a calendar a receptionist recognises.

export type WeekdayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface ServiceSeed {
  id: string;
  name: string;
  category: string;
  minutes: number;
  buffer_minutes: number;
  price: number;
  /** Staff who perform it, by name. */
  staff: string[];
}

/** A staff member's usual week: the same spans every working day, and days off. */
export interface WeekSeed {
  spans: string[];
  off?: WeekdayKey[];
}

export interface BookingSeed {
  customer: string;
  service: string;
  staff: string;
  /** Days from today, and the wall-clock start. */
  day: number;
  at: string;
  status: BookingStatus;
  source?: 'phone' | 'walk_in' | 'online';
}

const service = (n: number) => `0190d5a0-0000-7000-8000-5e00000000${String(n).padStart(2, '0')}`;

export const DEMO_SERVICES: readonly ServiceSeed[] = [
  { id: service(11), name: 'Massage body 60 phút', category: 'Massage', minutes: 60, buffer_minutes: 15, price: 450_000, staff: ['Minh', 'Tuấn'] },
  { id: service(12), name: 'Massage đá nóng 90 phút', category: 'Massage', minutes: 90, buffer_minutes: 15, price: 650_000, staff: ['Minh', 'Tuấn'] },
  { id: service(13), name: 'Chăm sóc da mặt', category: 'Da mặt', minutes: 75, buffer_minutes: 15, price: 550_000, staff: ['Hoa'] },
  { id: service(14), name: 'Gội đầu dưỡng sinh', category: 'Gội đầu', minutes: 45, buffer_minutes: 15, price: 150_000, staff: ['Hoa', 'Minh'] },
];

/** The business opens 08:00 to 20:00 every day (the store's default). */
export const DEMO_OPENING = ['08:00-20:00'];

export const DEMO_HOURS: Readonly<Record<string, WeekSeed>> = {
  Hoa: { spans: ['09:00-18:00'] },
  Minh: { spans: ['09:00-19:00'], off: ['mon'] },
  Tuấn: { spans: ['10:00-20:00'], off: ['sun'] },
};

/** The store's default calendar settings. */
export const DEMO_GRID = { slot_minutes: 90, align_minutes: 30, lead_minutes: 60, cancel_cutoff_minutes: 60 } as const;

/**
 * Today, around the end-to-end tests' 14:30: the morning done, the
 * afternoon to come. Only customers no other test looks at in detail.
 */
export const DEMO_DAY: readonly BookingSeed[] = [
  { customer: 'Bùi Thanh Tâm', service: 'Massage body 60 phút', staff: 'Minh', day: 0, at: '09:00', status: 'COMPLETED' },
  { customer: 'Phạm Quốc Bảo', service: 'Massage body 60 phút', staff: 'Minh', day: 0, at: '15:30', status: 'CONFIRMED' },
  { customer: 'Siti Rahayu', service: 'Chăm sóc da mặt', staff: 'Hoa', day: 0, at: '09:30', status: 'COMPLETED' },
  { customer: 'Phạm Quốc Bảo', service: 'Gội đầu dưỡng sinh', staff: 'Hoa', day: 0, at: '11:00', status: 'NO_SHOW' },
  { customer: 'Siti Rahayu', service: 'Chăm sóc da mặt', staff: 'Hoa', day: 0, at: '14:00', status: 'CHECKED_IN' },
  { customer: 'Bùi Thanh Tâm', service: 'Chăm sóc da mặt', staff: 'Hoa', day: 0, at: '16:30', status: 'PENDING', source: 'online' },
  { customer: 'Phạm Quốc Bảo', service: 'Massage đá nóng 90 phút', staff: 'Tuấn', day: 0, at: '10:00', status: 'CANCELLED' },
  { customer: 'Siti Rahayu', service: 'Massage body 60 phút', staff: 'Tuấn', day: 0, at: '12:00', status: 'COMPLETED' },
  { customer: 'Bùi Thanh Tâm', service: 'Massage đá nóng 90 phút', staff: 'Tuấn', day: 0, at: '17:00', status: 'CONFIRMED' },
  { customer: 'Siti Rahayu', service: 'Gội đầu dưỡng sinh', staff: 'Hoa', day: 2, at: '10:00', status: 'CONFIRMED' },
  { customer: 'Phạm Quốc Bảo', service: 'Massage body 60 phút', staff: 'Tuấn', day: 3, at: '15:00', status: 'CONFIRMED' },
];
