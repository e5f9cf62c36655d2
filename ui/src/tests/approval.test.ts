import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import { Approvals } from '../lib/approval.svelte';
import { BackendError, type Approval } from '../lib/backend/backend';
import { WebBackend } from '../lib/backend/web';

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

describe('a discount above the limit at checkout', () => {
  test("is recorded with Tuấn's approval, and the activity log names him", async () => {
    const backend = new WebBackend({
      signedIn: 'Lan',
      checkout: { checkout: { tax: { rate: 0, prices_include_tax: false }, discount_limit: 1_000 } },
    });
    const user = userEvent.setup();
    render(App, { props: { backend } });
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
    await user.click(within(dialog).getByRole('radio', { name: /Tuấn/ }));
    await user.type(within(dialog).getByLabelText('Mã PIN của người duyệt'), '3333{Enter}');

    await screen.findByTestId('receipt', {}, { timeout: 4000 });
    const [sale] = backend.recordedSales();
    expect(sale?.total).toBe(400_000);
    const [entry] = await backend.audit({ limit: 5 }, 'vi');
    expect(entry).toMatchObject({ staff: 'Lan', approved_by: 'Tuấn' });
  });
});
