import type { BookingView } from './backend';
import type { PackageInfo } from './bindings/PackageInfo';
import type { TillDeps, WalletSeed } from './web-checkout';
import { localRfc3339 } from './web-staff';

// What the fake's till starts with when a test gives nothing else: the
// packages on sale, a completed booking to ring up and a wallet with credit.

/** A completed massage this afternoon and a facial booked for tomorrow, for Lê Hoàng Yến. */
export function demoBookings(deps: TillDeps): BookingView[] {
  const customer = deps.customers().find((c) => c.name === 'Lê Hoàng Yến');
  const minh = deps.staffByName('Minh');
  const owner = deps.owner;
  if (!customer || !minh || !owner) return [];
  const at = (days: number, hour: number) => {
    const d = deps.now();
    const day = new Date(d.getFullYear(), d.getMonth(), d.getDate() + days, hour, 0, 0);
    return localRfc3339(day);
  };
  const booking = (id: string, status: BookingView['status'], days: number, hour: number, service: string, amount: number): BookingView => ({
    id,
    customer: customer.id,
    customer_name: customer.name,
    status,
    source: 'phone',
    start: at(days, hour),
    end: at(days, hour + 1),
    items: [
      {
        service: `0190d5a0-0000-7000-8000-5e${id.slice(-10)}`,
        service_name: service,
        staff: minh.id,
        staff_name: minh.name,
        start: at(days, hour),
        end: at(days, hour + 1),
        buffer_minutes: 0,
        price: { amount, currency: 'VND' },
      },
    ],
    history: [{ at: at(days - 2, 9), by: owner.id, by_name: owner.name, change: 'made', status: 'CONFIRMED' }],
  });
  return [
    booking('0190d5a0-0000-7000-8000-b00000000001', 'COMPLETED', 0, 13, 'Massage body 60 phút', 450_000),
    booking('0190d5a0-0000-7000-8000-b00000000002', 'CONFIRMED', 1, 10, 'Chăm sóc da mặt', 350_000),
  ];
}

/** Packages as `caredesk package add` would have made them; one is retired, one is a home visit. */
export const DEMO_PACKAGES: readonly PackageInfo[] = [
  {
    id: '0190d5a0-0000-7000-8000-9a0000000001',
    name: 'Massage body 10 buổi',
    service: null,
    sessions: 10,
    valid_days: 180,
    price: { amount: 4_000_000, currency: 'VND' },
    active: true,
  },
  {
    id: '0190d5a0-0000-7000-8000-9a0000000002',
    name: 'Chăm sóc da mặt 5 buổi',
    service: null,
    sessions: 5,
    valid_days: 90,
    price: { amount: 1_500_000, currency: 'VND' },
    active: true,
  },
  {
    id: '0190d5a0-0000-7000-8000-9a0000000003',
    name: 'Gội đầu dưỡng sinh 10 buổi',
    service: null,
    sessions: 10,
    valid_days: 120,
    price: { amount: 1_200_000, currency: 'VND' },
    active: true,
  },
  {
    id: '0190d5a0-0000-7000-8000-9a0000000004',
    name: 'Massage tại nhà 5 buổi',
    service: '0190d5a0-0000-7000-8000-5e0000000001',
    sessions: 5,
    valid_days: 60,
    price: { amount: 3_000_000, currency: 'VND' },
    active: true,
    home_visit: true,
  },
  {
    id: '0190d5a0-0000-7000-8000-9a0000000005',
    name: 'Tắm trắng 3 buổi',
    service: null,
    sessions: 3,
    valid_days: 60,
    price: { amount: 900_000, currency: 'VND' },
    active: false,
  },
];

/** Trần Minh Anh keeps money in her wallet, with a credit from the opening. */
export const DEMO_WALLETS: readonly WalletSeed[] = [{ customer: 'Trần Minh Anh', balance: 300_000, credit: 100_000 }];
