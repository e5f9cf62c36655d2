//! A customer's wallet: the statement (every entry with the balances around
//! it), money handed over at the counter, virtual credit, and a manager's
//! correction. The rules (amounts, notes, funds, who may adjust) are the
//! store's.

use caredesk_store::WalletView;

use crate::Counter;
use crate::approval::Approval;
use crate::error::IpcError;
use crate::ledger_input::{AdjustInput, CreditInput, DepositInput};
use crate::session::Session;
use crate::transport;

pub fn wallet_statement(counter: &Counter, customer: String) -> Result<WalletView, IpcError> {
    statement(&mut counter.session(), &customer)
}

pub fn deposit_wallet(counter: &Counter, input: DepositInput) -> Result<WalletView, IpcError> {
    deposit(&mut counter.session(), input)
}

/// `Action::IssueCredit` above the business's credit limit: a manager's
/// or owner's, or approved by one.
pub fn issue_credit(
    counter: &Counter,
    input: CreditInput,
    approval: Option<Approval>,
) -> Result<WalletView, IpcError> {
    credit(&mut counter.session(), input, approval.as_ref())
}

/// `Action::AdjustWallet`: a manager's or owner's, or approved by one.
pub fn adjust_wallet(
    counter: &Counter,
    input: AdjustInput,
    approval: Option<Approval>,
) -> Result<WalletView, IpcError> {
    adjust(&mut counter.session(), input, approval.as_ref())
}

fn statement(session: &mut Session, customer: &str) -> Result<WalletView, IpcError> {
    let id = transport::customer_id(customer)?;
    let (store, ctx) = session.acting(session.now())?;
    Ok(store.wallets().wallet(id, &ctx)?)
}

fn deposit(session: &mut Session, input: DepositInput) -> Result<WalletView, IpcError> {
    let (store, ctx) = session.acting(session.now())?;
    let customer = input.customer.clone();
    Ok(store
        .wallets_mut()
        .deposit_wallet(&ctx, &customer, input.into())?)
}

fn credit(
    session: &mut Session,
    input: CreditInput,
    approval: Option<&Approval>,
) -> Result<WalletView, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    Ok(store.wallets_mut().issue_credit(
        &ctx,
        &input.customer,
        input.amount,
        input.days,
        &input.note,
    )?)
}

fn adjust(
    session: &mut Session,
    input: AdjustInput,
    approval: Option<&Approval>,
) -> Result<WalletView, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    Ok(store
        .wallets_mut()
        .adjust_wallet(&ctx, &input.customer, input.amount, &input.note)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_counter::with_customer;
    use crate::ledger_input::DepositMethod;

    fn deposit_of(customer: &str, amount: i64) -> DepositInput {
        DepositInput {
            customer: customer.to_owned(),
            amount,
            method: DepositMethod::Transfer,
            reference: Some("FT2611".into()),
            note: None,
        }
    }

    #[test]
    fn the_statement_lists_every_entry_with_its_running_balances() {
        let (mut counter, customer) = with_customer("Lan");
        deposit(&mut counter.session, deposit_of(&customer, 500_000)).expect("deposited");
        let credited = CreditInput {
            customer: customer.clone(),
            amount: 100_000,
            days: Some(30),
            note: "xin lỗi vì chờ lâu".into(),
        };
        let manager = counter.approval("Tuấn", "3333");
        credit(&mut counter.session, credited, Some(&manager)).expect("credit");
        let (store, ctx) = counter.session.acting(jiff::Timestamp::now()).expect("Lan");
        store
            .wallets_mut()
            .spend_wallet(&ctx, &customer, 150_000, "", "")
            .expect("spent");

        let wallet = statement(&mut counter.session, &customer).expect("statement");
        assert_eq!((wallet.balance, wallet.virtual_), (450_000, 0));
        let running: Vec<_> = wallet
            .entries
            .iter()
            .map(|e| (e.real_after, e.virtual_after, e.by_name.as_str()))
            .collect();
        assert_eq!(
            running,
            [
                (500_000, 0, "Lan"),
                (500_000, 100_000, "Lan"),
                (450_000, 0, "Lan")
            ],
            "the credit is spent first"
        );
        assert_eq!(wallet.credits[0].status, "USED");
        assert_eq!(
            statement(&mut counter.session, "KH00001")
                .expect_err("not an id")
                .code,
            "invalid_id"
        );
    }

    #[test]
    fn a_bad_amount_or_a_credit_without_a_note_is_refused_and_writes_nothing() {
        let (mut counter, customer) = with_customer("Lan");
        let before = counter.ops();
        for amount in [0, -5_000, 2_000_000_000_000] {
            let refused =
                deposit(&mut counter.session, deposit_of(&customer, amount)).expect_err("bad");
            assert_eq!(refused.code, "invalid_amount", "{amount}");
        }
        let without_note = CreditInput {
            customer: customer.clone(),
            amount: 100_000,
            days: None,
            note: " ".into(),
        };
        let refused = credit(&mut counter.session, without_note, None).expect_err("no note");
        assert_eq!(
            (refused.code.as_str(), refused.field.as_deref()),
            ("empty_field", Some("note"))
        );
        assert_eq!(counter.ops(), before, "nothing written");
    }

    #[test]
    fn credit_by_a_receptionist_needs_a_manager_s_right_pin() {
        let (mut counter, customer) = with_customer("Lan");
        let input = CreditInput {
            customer: customer.clone(),
            amount: 5_000_000,
            days: Some(30),
            note: "khai trương".into(),
        };
        let before = counter.ops();
        let refused = credit(&mut counter.session, input.clone(), None).expect_err("Lan");
        assert_eq!(refused.code, "permission_denied");
        assert_eq!(refused.details.get("action"), Some(&"issue_credit".into()));
        let wrong = counter.approval("Tuấn", "0000");
        let refused = credit(&mut counter.session, input.clone(), Some(&wrong)).expect_err("PIN");
        assert_eq!(refused.code, "wrong_pin");
        assert_eq!(counter.ops(), before, "nothing written");

        let right = counter.approval("Tuấn", "3333");
        let wallet = credit(&mut counter.session, input, Some(&right)).expect("approved");
        assert_eq!(wallet.virtual_, 5_000_000);
        assert_eq!(counter.ops(), before + 1);
        assert_eq!(counter.last_approver().as_deref(), Some("Tuấn"));
    }

    #[test]
    fn an_adjustment_by_a_receptionist_needs_a_manager_s_right_pin() {
        let (mut counter, customer) = with_customer("Lan");
        let input = AdjustInput {
            customer: customer.clone(),
            amount: 20_000,
            note: "làm tròn".into(),
        };
        let refused = adjust(&mut counter.session, input.clone(), None).expect_err("Lan");
        assert_eq!(refused.code, "permission_denied");
        assert_eq!(refused.details.get("action"), Some(&"adjust_wallet".into()));

        let wrong = counter.approval("Tuấn", "0000");
        let refused = adjust(&mut counter.session, input.clone(), Some(&wrong)).expect_err("PIN");
        assert_eq!(refused.code, "wrong_pin");
        let before = counter.ops();

        let right = counter.approval("Tuấn", "3333");
        let wallet = adjust(&mut counter.session, input, Some(&right)).expect("approved");
        assert_eq!(wallet.balance, 20_000);
        assert_eq!(counter.ops(), before + 1);
        assert_eq!(counter.last_approver().as_deref(), Some("Tuấn"));

        let debit = AdjustInput {
            customer,
            amount: -5_000,
            note: String::new(),
        };
        let refused = adjust(&mut counter.session, debit, Some(&right)).expect_err("no note");
        assert_eq!(refused.code, "empty_field");
    }
}
