//! A treatment's statement (every session with its date, service and
//! staff, what is left, the expiry) and a manager's extension of the
//! expiry (`Action::ExtendTreatment`, checked by the store).

use caredesk_domain::TreatmentId;
use caredesk_store::{TreatmentView, parse_date};

use crate::Counter;
use crate::approval::Approval;
use crate::error::IpcError;
use crate::ledger_input::ExtendInput;
use crate::session::Session;

pub fn treatment_statement(
    counter: &Counter,
    treatment: String,
) -> Result<TreatmentView, IpcError> {
    statement(&mut counter.session(), &treatment)
}

pub fn extend_treatment(
    counter: &Counter,
    input: ExtendInput,
    approval: Option<Approval>,
) -> Result<TreatmentView, IpcError> {
    extend(&mut counter.session(), &input, approval.as_ref())
}

pub(super) fn treatment_id(text: &str) -> Result<TreatmentId, IpcError> {
    text.trim().parse().map_err(|_| {
        IpcError::new(
            "invalid_id",
            format!("{text:?} is not a treatment id (a UUID)"),
        )
    })
}

fn statement(session: &mut Session, treatment: &str) -> Result<TreatmentView, IpcError> {
    let id = treatment_id(treatment)?;
    let (store, ctx) = session.acting(session.now())?;
    Ok(store.treatments().treatment(id, &ctx)?)
}

fn extend(
    session: &mut Session,
    input: &ExtendInput,
    approval: Option<&Approval>,
) -> Result<TreatmentView, IpcError> {
    let id = treatment_id(&input.treatment)?;
    let to = parse_date(&input.to).map_err(|e| IpcError::from(e).on_field("to"))?;
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    Ok(store
        .treatments_mut()
        .extend_treatment(&ctx, id, to, &input.reason)?)
}

#[cfg(test)]
mod tests {
    use caredesk_domain::treatment::TreatmentChange;

    use super::*;
    use crate::commands::test_counter::with_customer;

    #[test]
    fn the_statement_shows_the_sale_and_what_is_left() {
        let (mut counter, customer) = with_customer("Lan");
        let card = counter.sell_card(&customer);
        let view = statement(&mut counter.session, &card.id.to_string()).expect("statement");
        assert_eq!((view.total, view.used, view.remaining), (10, 0, 10));
        assert!(matches!(
            view.history.first().map(|l| &l.change),
            Some(TreatmentChange::Sold { total: 10, .. })
        ));
        let refused = statement(&mut counter.session, "the-card").expect_err("not an id");
        assert_eq!(refused.code, "invalid_id");
    }

    #[test]
    fn an_extension_needs_a_manager_a_reason_and_a_later_day() {
        let (mut counter, customer) = with_customer("Lan");
        let card = counter.sell_card(&customer);
        let later = card.expires_on + jiff::ToSpan::days(30);
        let input = ExtendInput {
            treatment: card.id.to_string(),
            to: later.to_string(),
            reason: "khách nằm viện".into(),
        };
        let before = counter.ops();
        let refused = extend(&mut counter.session, &input, None).expect_err("Lan alone");
        assert_eq!(refused.code, "permission_denied");
        assert_eq!(
            refused.details.get("action"),
            Some(&"extend_treatment".into())
        );
        let tuan = counter.approval("Tuấn", "3333");
        let earlier = ExtendInput {
            to: card.sold_on.to_string(),
            ..input.clone()
        };
        let refused = extend(&mut counter.session, &earlier, Some(&tuan)).expect_err("earlier");
        assert_eq!(refused.code, "invalid_value");
        let bad_day = ExtendInput {
            to: "18/02/2027".into(),
            ..input.clone()
        };
        let refused = extend(&mut counter.session, &bad_day, Some(&tuan)).expect_err("format");
        assert_eq!(refused.field.as_deref(), Some("to"));
        assert_eq!(counter.ops(), before, "nothing written");

        let view = extend(&mut counter.session, &input, Some(&tuan)).expect("extended");
        assert_eq!(view.expires_on, later);
        assert_eq!(counter.last_approver().as_deref(), Some("Tuấn"));
    }
}
