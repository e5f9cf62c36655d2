import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import { Approvals } from '../lib/approval.svelte';
import { BackendError, type Approval, type SaleInput } from '../lib/backend/backend';
import { denied as deniedBy, LAN, quote, sale, stubCounter, TUAN } from './answers-a';

// A manager's approval on the spot: the retry loop on its own, and a
// receptionist's discount above the limit approved with Tuấn's PIN.

const denied = () =>
  new BackendError('permission_denied', 'Lan may not refund', null, { name: 'Lan', action: 'refund' });

describe('Approvals.run', () => {
  test('what needs no approval runs once, and other refusals pass through', async () => {
    const approvals = new Approvals();
    const calls: (Approval | null)[] = [];
    await expect(
      approvals.run(async (approval) => {
        calls.push(approval);
        return 7;
      }),
    ).resolves.toBe(7);
    await expect(
      approvals.run(async () => {
        throw new BackendError('invalid_amount', 'no');
      }),
    ).rejects.toMatchObject({ code: 'invalid_amount' });
    expect(calls).toEqual([null]);
    expect(approvals.pending).toBeNull();
  });

  test('asks again after a wrong PIN, and sends the command with the approval that works', async () => {
    const approvals = new Approvals();
    const calls: (Approval | null)[] = [];
    const done = approvals.run(async (approval) => {
      calls.push(approval);
      if (!approval) throw denied();
      if (approval.pin !== '3333') throw new BackendError('wrong_pin', 'wrong', null, { attempts_left: 4 });
      return 'refunded';
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(approvals.pending).toMatchObject({ action: 'refund', asker: 'Lan', failure: null });
    approvals.pending?.answer({ manager: 'tuan', pin: '0000' });
    await new Promise((r) => setTimeout(r));
    expect(approvals.pending?.failure?.code).toBe('wrong_pin');
    approvals.pending?.answer({ manager: 'tuan', pin: '3333' });
    await expect(done).resolves.toBe('refunded');
    expect(calls).toEqual([null, { manager: 'tuan', pin: '0000' }, { manager: 'tuan', pin: '3333' }]);
    expect(approvals.pending).toBeNull();
  });

  test('cancelling gives back the first refusal and sends nothing more', async () => {
    const approvals = new Approvals();
    let calls = 0;
    const done = approvals.run(async () => {
      calls += 1;
      throw denied();
    });
    await new Promise((r) => setTimeout(r));
    approvals.pending?.answer(null);
    await expect(done).rejects.toMatchObject({ code: 'permission_denied' });
    expect(calls).toBe(1);
  });
});

// Typing a cart on a busy machine takes longer than Vitest's default 5 s.
describe('a discount above the limit at checkout', { timeout: 20_000 }, () => {
  test("is recorded with Tuấn's approval, sent with the sale", async () => {
    // The store prices the cart and says the discount needs a manager; it
    // refuses the sale without one, and records it with Tuấn's PIN.
    const receipt = sale({ total: 400_000, discounts: 100_000, payments: [{ tender: 'cash', amount: 400_000 }] });
    const stub = stubCounter(LAN, {
      packages_for_sale: [],
      quote_sale: ({ input }: Record<string, unknown>) =>
        (input as SaleInput).lines[0]?.discount
          ? quote({ subtotal: 500_000, discounts: 100_000, total: 400_000, needs_approval: true })
          : quote({ total: 500_000 }),
      record_sale: ({ approval }: Record<string, unknown>) => {
        if (!approval) throw deniedBy(LAN, 'discount_above_limit');
        return receipt;
      },
    });
    const user = userEvent.setup();
    render(App, { props: { backend: stub.backend } });
    await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.keyboard('{Control>}4{/Control}');
    await screen.findByRole('heading', { name: 'Thanh toán', level: 2 });
    await user.type(screen.getByLabelText('Tên mặt hàng'), 'Tinh dầu');
    await user.type(screen.getByLabelText('Đơn giá'), '500000');
    await user.type(screen.getByLabelText('Số lượng'), '{Enter}');
    await user.type(screen.getByRole('textbox', { name: 'Giảm giá cho Tinh dầu' }), '20');
    expect(await screen.findByTestId('needs-approval', {}, { timeout: 4000 })).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Thêm khoản trả bằng Tiền mặt' }));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    expect(dialog).toHaveTextContent('giảm giá vượt mức cho phép');
    await user.click(within(dialog).getByRole('radio', { name: /Tuấn/ }));
    await user.type(within(dialog).getByLabelText('Mã PIN của người duyệt'), '3333{Enter}');

    await screen.findByTestId('receipt', {}, { timeout: 4000 });
    const input = {
      lines: [{ kind: 'item', name: 'Tinh dầu', unit_price: 500_000, quantity: 1, discount: { percent: 2_000 } }],
      payments: [{ tender: 'cash', amount: 400_000 }],
    };
    const calls = stub.callsTo('record_sale');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ input, approval: null });
    expect(calls[1]).toMatchObject({ input, approval: { manager: TUAN.id, pin: '3333' } });
  });
});
