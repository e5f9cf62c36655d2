import { describe, expect, test } from 'vitest';
import { BackendError, type SaleInput } from '../lib/backend/backend';
import { WebBackend } from '../lib/backend/web';
import { price, settle, share, spread } from '../lib/backend/web-pricing';

// The fake's till against the figures of crates/store/tests/quote.rs and
// checkout.rs and a few worked by hand: same arithmetic, same receipt
// numbers, same refusals, and a refusal writes nothing.

const NOW = new Date('2026-11-21T07:30:00Z'); // 14:30 at the counter
const YEN = 'Lê Hoàng Yến'; // the demo's completed massage, 450 000
const MINH_ANH = 'Trần Minh Anh'; // 300 000 real + 100 000 credit
const MASSAGE_DONE = '0190d5a0-0000-7000-8000-b00000000001';
const MASSAGE_TOMORROW = '0190d5a0-0000-7000-8000-b00000000002';

function till(options: ConstructorParameters<typeof WebBackend>[0] = {}) {
  const backend = new WebBackend({ signedIn: 'Lan', now: () => NOW, ...options });
  return backend;
}

async function idOf(backend: WebBackend, name: string): Promise<string> {
  const [hit] = await backend.findCustomers(name, 1);
  if (!hit || hit.name !== name) throw new Error(`no ${name}`);
  return hit.id;
}

async function refusal(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof BackendError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const shampoo = (quantity = 1) => ({ kind: 'item' as const, name: 'Dầu gội thảo dược', unit_price: 120_000, quantity });

describe('pricing (domain::sale)', () => {
  test('halves round up, a sale discount spreads by largest remainder, earlier lines first', () => {
    expect(share(333, 1_500, 10_000)).toBe(50); // 49.95
    expect(share(330, 1_500, 10_000)).toBe(50); // 49.5 rounds up
    expect(share(329, 1_500, 10_000)).toBe(49); // 49.35
    expect(spread(100, [100, 100, 100])).toEqual([34, 33, 33]);
    expect(spread(10, [1, 2, 0])).toEqual([3, 7, 0]); // 3.33 and 6.67: the larger remainder wins
    expect(spread(0, [5, 5])).toEqual([0, 0]);
    // Beyond a double's exact integers: 10^12 × 9 999 / 10 000.
    expect(share(1_000_000_000_000, 9_999, 10_000)).toBe(999_900_000_000);
  });

  test('tax inside prices is shown, not added; tax on top is added per line', () => {
    const included = price([{ unit_price: 1_080_000, quantity: 1, top_up: false }], null, {
      rate: 800,
      prices_include_tax: true,
    });
    expect([included.tax, included.added_tax, included.total]).toEqual([80_000, 0, 1_080_000]);
    const added = price(
      [
        { unit_price: 500_000, quantity: 1, top_up: false },
        { unit_price: 300_000, quantity: 1, top_up: true },
      ],
      { percent: 1_000 },
      { rate: 800, prices_include_tax: false },
    );
    // 10 % off 500 000 only (never off a top-up), 8 % on 450 000, the top-up as it is.
    expect(added.lines.map((l) => l.total)).toEqual([486_000, 300_000]);
    expect([added.subtotal, added.discountable, added.discounts, added.tax, added.total]).toEqual([
      800_000, 500_000, 50_000, 36_000, 786_000,
    ]);
  });

  test('only cash is given change; enough must be paid', () => {
    expect(settle(740_000, [{ tender: 'card', amount: 500_000 }, { tender: 'cash', amount: 300_000 }])).toEqual({
      paid: 800_000,
      change: 60_000,
    });
    expect(() => settle(100_000, [{ tender: 'card', amount: 120_000 }])).toThrow(/only cash is given change/);
    expect(() => settle(100_000, [{ tender: 'cash', amount: 99_999 }])).toThrow(/less than/);
    expect(() => settle(100_000, [{ tender: 'cash', amount: 0 }])).toThrow(/payment must be more than 0/);
  });
});

describe('the fake till', () => {
  test('a quote is what the sale then records (quote.rs: 950 000)', async () => {
    const backend = till();
    const yen = await idOf(backend, YEN);
    const sale: SaleInput = {
      customer: yen,
      lines: [{ kind: 'booking', id: MASSAGE_DONE }, shampoo(2), { kind: 'top_up', amount: 300_000 }],
      discount: { amount: 40_000 },
      payments: [{ tender: 'cash', amount: 1_000_000 }],
    };
    const quote = await backend.quoteSale(sale);
    // 450 000 + 240 000 - 40 000 (never off the top-up) + 300 000.
    expect(quote.total).toBe(950_000);
    expect(quote.discounts).toBe(40_000);
    expect(quote.needs_approval).toBe(false);
    expect(quote.wallet_available).toBe(0);
    expect(quote.customer).toBe(yen);
    expect(quote.lines.map((l) => l.sale_discount)).toEqual([26_087, 13_913, 0]);
    expect(backend.recordedSales()).toEqual([]);

    const recorded = await backend.recordSale(sale);
    expect([recorded.subtotal, recorded.discounts, recorded.tax, recorded.total]).toEqual([
      quote.subtotal,
      quote.discounts,
      quote.tax,
      quote.total,
    ]);
    expect(recorded.lines).toEqual(quote.lines);
    expect(recorded.change).toBe(50_000);
    expect(recorded.number).toBe('K7M-000001');
    expect((await backend.customer360(yen)).wallet.balance).toBe(300_000);
  });

  test('10 % off 500 000 with 8 % tax added is 486 000; 20 % needs a manager (checkout.rs)', async () => {
    const checkout = { checkout: { checkout: { tax: { rate: 800, prices_include_tax: false }, discount_limit: 1_000 } } };
    const backend = till(checkout);
    const sale = (percent: number): SaleInput => ({
      lines: [{ kind: 'item', name: 'Tinh dầu', unit_price: 500_000, quantity: 1 }],
      discount: { percent },
      payments: [{ tender: 'cash', amount: 500_000 }],
    });
    const within = await backend.quoteSale(sale(1_000));
    expect([within.discounts, within.tax, within.total, within.needs_approval]).toEqual([50_000, 36_000, 486_000, false]);
    expect((await backend.recordSale(sale(1_000))).change).toBe(14_000);

    const above = await backend.quoteSale(sale(2_000));
    expect(above.needs_approval).toBe(true);
    expect(above.total).toBe(432_000);
    const denied = await refusal(backend.recordSale(sale(2_000)));
    expect(denied.code).toBe('permission_denied');
    expect(backend.recordedSales()).toHaveLength(1);

    const owner = till({ ...checkout, signedIn: 'Hoa' });
    expect((await owner.quoteSale(sale(2_000))).needs_approval).toBe(false);
    expect((await owner.recordSale(sale(2_000))).total).toBe(432_000);
  });

  test('one sale pays a massage, sells a package, a shampoo and a top-up (checkout.rs)', async () => {
    const backend = till();
    const yen = await idOf(backend, YEN);
    const [massagePackage] = await backend.packagesForSale();
    const sale = await backend.recordSale({
      customer: yen,
      lines: [
        { kind: 'booking', id: MASSAGE_DONE },
        { kind: 'package', id: massagePackage!.id },
        shampoo(2),
        { kind: 'top_up', amount: 500_000 },
      ],
      payments: [
        { tender: 'card', amount: 4_000_000, reference: 'T-77' },
        { tender: 'cash', amount: 1_500_000 },
      ],
    });
    // 450 000 + 4 000 000 + 240 000 + 500 000 = 5 190 000; 5 500 000 paid.
    expect([sale.total, sale.paid, sale.change]).toEqual([5_190_000, 5_500_000, 310_000]);
    expect(sale.by_name).toBe('Lan');
    expect(sale.customer_name).toBe(YEN);
    expect(sale.lines.map((l) => l.category)).toEqual(['service', 'package', 'retail', 'top_up']);
    expect(sale.payments).toEqual([
      { tender: 'card', amount: 4_000_000, reference: 'T-77' },
      { tender: 'cash', amount: 1_500_000 },
    ]);
    // Goods are refundable, the top-up is not (it is the wallet's).
    expect(sale.refundable).toBe(4_690_000);

    const file = await backend.customer360(yen);
    expect(file.wallet.balance).toBe(500_000);
    expect(file.treatments.map((t) => [t.name, t.remaining])).toEqual([['Massage body 10 buổi', 10]]);

    const next = await backend.recordSale({ lines: [{ kind: 'item', name: 'Nến thơm', unit_price: 90_000, quantity: 1 }], payments: [{ tender: 'cash', amount: 100_000 }] });
    expect(next.number).toBe('K7M-000002');
    expect(next.customer).toBeUndefined();

    const again = await refusal(
      backend.recordSale({ lines: [{ kind: 'booking', id: MASSAGE_DONE }], payments: [{ tender: 'cash', amount: 450_000 }] }),
    );
    expect(again.code).toBe('already_paid');
    expect(again.message).toContain(sale.number);

    const log = (await backend.audit({}, 'vi')).map((e) => e.text);
    expect(log).toEqual(
      expect.arrayContaining([
        `Lan đã lập hóa đơn K7M-000001 cho ${YEN}: 5.190.000 ₫`,
        'Lan đã lập hóa đơn K7M-000002 (khách vãng lai): 90.000 ₫',
        `Lan đã nạp 500.000 ₫ vào ví của ${YEN} (thanh toán tại quầy)`,
        expect.stringMatching(/^Lan đã bán gói Massage body 10 buổi cho Lê Hoàng Yến \(10 buổi, hạn đến 2027-05-20\)$/),
      ]),
    );
    // The customer's own activity has the sale and the wallet.
    const hers = (await backend.audit({ customer: yen }, 'en')).map((e) => e.text);
    expect(hers).toContain(`Lan rang up receipt K7M-000001 for ${YEN}: 5.190.000 ₫`);
    expect(hers).toContain(`Lan put 500.000 ₫ in ${YEN}'s wallet (checkout)`);
  });

  test('a wallet payment takes credit first, then real money', async () => {
    const backend = till();
    const anh = await idOf(backend, MINH_ANH);
    const before = await backend.customer360(anh);
    expect([before.wallet.balance, before.wallet.virtual, before.wallet.available]).toEqual([300_000, 100_000, 400_000]);
    const quote = await backend.quoteSale({ customer: anh, lines: [{ kind: 'item', name: 'Mặt nạ', unit_price: 250_000, quantity: 2 }] });
    expect(quote.wallet_available).toBe(400_000);
    const sale = await backend.recordSale({
      customer: anh,
      lines: [{ kind: 'item', name: 'Mặt nạ', unit_price: 250_000, quantity: 2 }],
      payments: [
        { tender: 'wallet', amount: 350_000 },
        { tender: 'card', amount: 150_000 },
      ],
    });
    expect(sale.from_virtual).toBe(100_000);
    expect(sale.refundable).toBe(400_000);
    const after = (await backend.customer360(anh)).wallet;
    expect([after.balance, after.virtual, after.available]).toEqual([50_000, 0, 50_000]);
    expect(after.entries.at(-1)).toMatchObject({ change: 'spent', amount: 350_000, from_virtual: 100_000, from_real: 250_000 });
    expect((await backend.audit({ customer: anh }, 'vi')).map((e) => e.text)).toContain(
      `Lan đã trừ 350.000 ₫ từ ví của ${MINH_ANH}`,
    );
  });

  test('bad sales are refused with the store’s codes and write nothing', async () => {
    const backend = till();
    const yen = await idOf(backend, YEN);
    const hung = await idOf(backend, 'Nguyễn Văn Hùng');
    const [, , , homeVisit] = await backend.packagesForSale();
    const cases: Array<[string, SaleInput, string | null]> = [
      ['empty_field', { lines: [] }, null],
      ['underpaid', { lines: [shampoo()], payments: [{ tender: 'cash', amount: 100_000 }] }, null],
      ['overpaid', { lines: [shampoo()], payments: [{ tender: 'card', amount: 200_000 }] }, null],
      ['customer_required', { lines: [shampoo()], payments: [{ tender: 'wallet', amount: 120_000 }] }, null],
      ['customer_required', { lines: [{ kind: 'top_up', amount: 100_000 }], payments: [{ tender: 'cash', amount: 100_000 }] }, null],
      ['insufficient_funds', { customer: hung, lines: [shampoo()], payments: [{ tender: 'wallet', amount: 120_000 }] }, 'amount'],
      [
        'invalid_value',
        { customer: hung, lines: [{ kind: 'top_up', amount: 100_000 }], payments: [{ tender: 'wallet', amount: 100_000 }] },
        null,
      ],
      ['invalid_value', { lines: [{ ...shampoo(), discount: { percent: 0 } }], payments: [{ tender: 'cash', amount: 1 }] }, null],
      ['invalid_value', { customer: hung, lines: [{ kind: 'top_up', amount: 100_000, discount: { amount: 1 } }] }, null],
      ['invalid_amount', { lines: [{ kind: 'item', name: 'Dầu gội', unit_price: -1, quantity: 1 }], payments: [{ tender: 'cash', amount: 1 }] }, null],
      ['invalid_amount', { customer: hung, lines: [{ kind: 'top_up', amount: 0 }] }, 'amount'],
      ['empty_field', { lines: [{ kind: 'item', name: '  ', unit_price: 1, quantity: 1 }] }, 'item'],
      ['other_customer', { customer: hung, lines: [{ kind: 'booking', id: MASSAGE_DONE }], payments: [{ tender: 'cash', amount: 450_000 }] }, null],
      [
        'invalid_value',
        {
          lines: [
            { kind: 'booking', id: MASSAGE_DONE },
            { kind: 'booking', id: MASSAGE_DONE },
          ],
          payments: [{ tender: 'cash', amount: 900_000 }],
        },
        null,
      ],
      ['not_found', { lines: [{ kind: 'booking', id: 'no-such-booking' }], payments: [{ tender: 'cash', amount: 1 }] }, null],
      ['booking_not_completed', { lines: [{ kind: 'booking', id: MASSAGE_TOMORROW }] }, null],
      ['first_visit_required', { customer: yen, lines: [{ kind: 'package', id: homeVisit!.id }] }, null],
      ['too_long', { lines: [shampoo()], payments: [{ tender: 'cash', amount: 120_000 }], note: 'x'.repeat(501) }, 'note'],
    ];
    const audit = await backend.audit({}, 'vi');
    const wallet = (await backend.customer360(hung)).wallet;
    const pending = (await backend.syncStatus()).pending;
    for (const [code, sale, field] of cases) {
      const err = await refusal(backend.recordSale(sale));
      expect([err.code, err.field], JSON.stringify(sale)).toEqual([code, field]);
    }
    expect(backend.recordedSales()).toEqual([]);
    expect(await backend.audit({}, 'vi')).toEqual(audit);
    expect((await backend.customer360(hung)).wallet).toEqual(wallet);
    expect((await backend.syncStatus()).pending).toBe(pending);
    // The quote refuses what it can see without the payments.
    expect((await refusal(backend.quoteSale({ lines: [{ kind: 'booking', id: MASSAGE_TOMORROW }] }))).code).toBe(
      'booking_not_completed',
    );
  });

  test('packages on sale are the active ones; nothing answers while locked', async () => {
    const backend = till();
    const names = (await backend.packagesForSale()).map((p) => p.name);
    expect(names).toHaveLength(4);
    expect(names).not.toContain('Tắm trắng 3 buổi');
    await backend.signOut();
    for (const call of [
      backend.packagesForSale(),
      backend.quoteSale({ lines: [shampoo()] }),
      backend.recordSale({ lines: [shampoo()], payments: [{ tender: 'cash', amount: 120_000 }] }),
    ]) {
      expect((await refusal(call)).code).toBe('signed_out');
    }
  });

  test('a recorded sale is one more set of changes waiting to be sent', async () => {
    const backend = till();
    const yen = await idOf(backend, YEN);
    await backend.recordSale({
      customer: yen,
      lines: [shampoo(), { kind: 'top_up', amount: 200_000 }],
      payments: [{ tender: 'transfer', amount: 320_000, reference: 'VCB 123' }],
    });
    // sale.recorded and wallet.deposited.
    expect((await backend.syncStatus()).pending).toBe(2);
  });
});
