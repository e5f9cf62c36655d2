//! Ringing up a sale: every line resolved and priced before the write
//! transaction; inside it, the checks that other counters' writes could
//! change (the day is open, a drawer is open for cash, a booking is not
//! paid twice, the wallet holds enough), the receipt number, and every op the sale makes: the sale, the
//! treatments it sells, the top-ups and the wallet payment.

use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::booking::BookingStatus;
use caredesk_domain::business::BusinessEvent;
use caredesk_domain::id::{BookingId, CustomerId, SaleId, TreatmentId};
use caredesk_domain::sale::{
    self, CheckoutConfigured, CheckoutSettings, LineInput, LineKind, Payment, PaymentLine,
    SaleError, SaleEvent, SaleLine, SaleRecorded, Tender,
};
use caredesk_domain::treatment::{
    SessionsCharged, TreatmentEvent, TreatmentRefusal, TreatmentSold,
};
use caredesk_domain::wallet::{Deposited, Source, Spent, WalletEvent};
use rusqlite::{Connection, OptionalExtension};

use super::{LineRef, NewSale, Quote, SaleView};
use crate::Sales;
use crate::error::{Result, StoreError};
use crate::{Ctx, Store, bookings, business, catalog, drawer, treatments, wallets};

/// The longest note on a sale or a line's name, in characters.
pub(super) const TEXT_MAX: usize = 500;

/// A line resolved against the catalog, before pricing.
struct Draft {
    what: LineKind,
    name: String,
    category: String,
    staff: Option<caredesk_domain::id::StaffId>,
    input: LineInput,
    /// For a package line: the treatment the sale creates.
    sold: Option<TreatmentSold>,
}

impl<S: Deref<Target = Store>> Sales<S> {
    /// Tax and the discount limit: the defaults until a manager sets them.
    pub fn checkout(&self) -> Result<CheckoutSettings> {
        Ok(business::load_state(&self.conn)?.checkout())
    }

    /// A manager sets the tax rule and the discount limit.
    pub fn set_checkout(
        &mut self,
        ctx: &Ctx,
        checkout: CheckoutSettings,
    ) -> Result<CheckoutSettings>
    where
        S: DerefMut,
    {
        let checkout = checkout.validated()?;
        self.authorize(ctx, Action::EditSettings)?;
        let mut writer = self.writer(ctx)?;
        writer.append(
            business::entity(),
            BusinessEvent::from(CheckoutConfigured { checkout }),
        )?;
        writer.commit()?;
        self.checkout()
    }

    /// What a sale would come to, without writing anything: every line
    /// resolved and priced exactly as `record_sale` would, the same
    /// refusals (a booking not completed, a line twice, another customer's
    /// card), and whether its discounts need a manager. Payments are not
    /// looked at; the screen asks this while the cart is being filled.
    pub fn quote_sale(&self, ctx: &Ctx, input: &NewSale) -> Result<Quote> {
        let (customer, drafts, priced, settings) = self.price_sale(ctx, input)?;
        let wallet_available = customer
            .map(|id| self.wallets().wallet_available(id, ctx.now))
            .transpose()?;
        let above_limit = sale::discount_share(&priced) > i64::from(settings.discount_limit);
        let needs_approval = above_limit
            && match self.authorize(ctx, Action::DiscountAboveLimit) {
                Ok(_) => false,
                Err(StoreError::PermissionDenied { .. }) => true,
                Err(other) => return Err(other),
            };
        Ok(Quote {
            customer,
            currency: self.settings.currency,
            lines: sale_lines(&drafts, &priced),
            tax_rule: settings.tax,
            subtotal: priced.subtotal,
            discounts: priced.discounts,
            tax: priced.tax,
            total: priced.total,
            needs_approval,
            wallet_available,
        })
    }

    /// Resolves and prices a sale's lines: what `quote_sale` shows and
    /// `record_sale` writes, from one piece of code.
    fn price_sale(
        &self,
        ctx: &Ctx,
        input: &NewSale,
    ) -> Result<(
        Option<CustomerId>,
        Vec<Draft>,
        sale::Priced,
        CheckoutSettings,
    )> {
        if input.lines.is_empty() {
            return Err(SaleError::NoLines.into());
        }
        let customer = self.sale_customer(input)?;
        let mut drafts = Vec::with_capacity(input.lines.len());
        for line in &input.lines {
            self.draft(ctx, customer, line, &mut drafts)?;
        }
        for (n, draft) in drafts.iter().enumerate() {
            let paid_once = matches!(
                draft.what,
                LineKind::Booking { .. } | LineKind::Treatment { .. }
            );
            if paid_once && drafts[..n].iter().any(|d| d.what == draft.what) {
                return Err(SaleError::SameLineTwice.into());
            }
        }
        let settings = self.checkout()?;
        let inputs: Vec<LineInput> = drafts.iter().map(|d| d.input.clone()).collect();
        let priced = sale::price(&inputs, input.discount, settings.tax)?;
        Ok((customer, drafts, priced, settings))
    }

    /// Rings up a sale in one transaction. A discount above the limit needs
    /// a manager (`DiscountAboveLimit`); a closed day refuses everything.
    pub fn record_sale(&mut self, ctx: &Ctx, input: NewSale) -> Result<SaleView>
    where
        S: DerefMut,
    {
        let note = caredesk_domain::text::optional("note", Some(&input.note), TEXT_MAX)?
            .unwrap_or_default();
        let (customer, drafts, priced, settings) = self.price_sale(ctx, &input)?;
        let payments: Vec<Payment> = input
            .payments
            .iter()
            .map(|p| Payment {
                tender: p.tender,
                amount: p.amount,
            })
            .collect();
        let settled = sale::settle(priced.total, &payments)?;
        let wallet_paid: i64 = payments
            .iter()
            .filter(|p| p.tender == Tender::Wallet)
            .map(|p| p.amount)
            .sum();
        let topped_up: i64 = drafts
            .iter()
            .filter(|d| d.what == LineKind::TopUp)
            .map(|d| d.input.unit_price)
            .sum();
        if wallet_paid > 0 && topped_up > 0 {
            return Err(SaleError::TopUpFromWallet.into());
        }
        if wallet_paid > 0 && customer.is_none() {
            return Err(SaleError::NoCustomer("wallet payment").into());
        }
        let payment_lines = input
            .payments
            .iter()
            .map(|p| {
                let reference =
                    caredesk_domain::text::optional("reference", Some(&p.reference), TEXT_MAX)?;
                Ok(PaymentLine {
                    tender: p.tender,
                    amount: p.amount,
                    reference: reference.unwrap_or_default(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        if sale::discount_share(&priced) > i64::from(settings.discount_limit) {
            self.authorize(ctx, Action::DiscountAboveLimit)?;
        }
        let lines = sale_lines(&drafts, &priced);
        let register = self.register_code.clone();
        let currency = self.settings.currency;
        let today = self.treatments().today(ctx);
        let id = SaleId::new();
        let mut writer = self.writer(ctx)?;
        drawer::ensure_day_open(writer.tx(), &register, today)?;
        // Cash goes into a drawer someone will count; card, transfer and
        // wallet money does not pass through it.
        if payments.iter().any(|p| p.tender == Tender::Cash) {
            drawer::open_drawer_here(writer.tx(), &register)?;
        }
        for line in &lines {
            ensure_unpaid(writer.tx(), &line.what)?;
        }
        let number = next_receipt_number(writer.tx(), &register)?;
        writer.append(
            id,
            SaleEvent::from(SaleRecorded {
                number: number.clone(),
                register,
                customer,
                at: ctx.now,
                currency,
                lines,
                sale_discount: input.discount,
                tax_rule: settings.tax,
                subtotal: priced.subtotal,
                discounts: priced.discounts,
                tax: priced.tax,
                added_tax: priced.added_tax,
                total: priced.total,
                payments: payment_lines,
                change: settled.change,
                note,
            }),
        )?;
        for draft in drafts {
            match (&draft.what, draft.sold) {
                (LineKind::Package { treatment, .. }, Some(sold)) => {
                    writer.append(*treatment, TreatmentEvent::from(sold))?;
                }
                (LineKind::Sessions { treatment }, _) => {
                    let charged = SessionsCharged {
                        sessions: draft.input.quantity,
                        sale: id,
                        number: number.clone(),
                        unit_price: caredesk_domain::money::Money::new(
                            draft.input.unit_price,
                            currency,
                        ),
                    };
                    writer.append(*treatment, TreatmentEvent::from(charged))?;
                }
                _ => {}
            }
        }
        if let Some(customer) = customer {
            let money = |amount| caredesk_domain::money::Money::new(amount, currency);
            if topped_up > 0 {
                let event = WalletEvent::from(Deposited {
                    amount: money(topped_up),
                    source: Source::Sale,
                    at: ctx.now,
                    reference: number.clone(),
                    note: String::new(),
                });
                wallets::append_entry(&mut writer, customer, currency, event, |w| {
                    w.check_credit(topped_up)
                })?;
            }
            if wallet_paid > 0 {
                let now = ctx.now;
                let event = WalletEvent::from(Spent {
                    amount: money(wallet_paid),
                    at: now,
                    reference: number.clone(),
                    note: String::new(),
                });
                wallets::append_entry(&mut writer, customer, currency, event, |w| {
                    w.check_spend(wallet_paid, now)
                })?;
            }
        }
        writer.commit()?;
        self.sale(&id.to_string())
    }

    /// The sale's customer: the one given, or the one the first booking
    /// line belongs to.
    fn sale_customer(&self, input: &NewSale) -> Result<Option<CustomerId>> {
        if let Some(customer) = &input.customer {
            return self.customers().resolve_customer(customer).map(Some);
        }
        for line in &input.lines {
            if let LineRef::Booking(text) = &line.what {
                return Ok(Some(self.completed_booking(text)?.1.customer));
            }
        }
        Ok(None)
    }

    fn completed_booking(
        &self,
        text: &str,
    ) -> Result<(BookingId, caredesk_domain::booking::BookingState)> {
        let not_found = || StoreError::BookingNotFound(text.trim().to_owned());
        let id: BookingId = text.parse().map_err(|_| not_found())?;
        let state = bookings::projection::load(&self.conn, id)?.ok_or_else(not_found)?;
        if state.status != BookingStatus::Completed {
            return Err(StoreError::BookingNotCompleted {
                booking: id.to_string(),
                status: state.status.as_str().to_owned(),
            });
        }
        Ok((id, state))
    }

    /// Resolves one line of the sale into drafts (a booking gives one per
    /// item).
    fn draft(
        &self,
        ctx: &Ctx,
        customer: Option<CustomerId>,
        line: &super::NewLine,
        drafts: &mut Vec<Draft>,
    ) -> Result<()> {
        let plain = |unit_price: i64, top_up: bool| LineInput {
            unit_price,
            quantity: 1,
            discount: line.discount,
            top_up,
        };
        let needs = |what: &'static str| customer.ok_or(SaleError::NoCustomer(what));
        match &line.what {
            LineRef::Booking(text) => {
                let (id, state) = self.completed_booking(text)?;
                self.same_customer(customer, state.customer, || format!("booking {id}"))?;
                for (n, item) in state.items.iter().enumerate() {
                    let service = catalog::load_service(&self.conn, item.service)?
                        .ok_or_else(|| StoreError::ServiceNotFound(item.service.to_string()))?;
                    // A session from a package was paid when the package was.
                    let price = if item.treatment.is_some() {
                        0
                    } else {
                        item.price.amount
                    };
                    drafts.push(Draft {
                        what: LineKind::Booking {
                            booking: id,
                            item: u16::try_from(n).unwrap_or(u16::MAX),
                        },
                        category: category(&service.category, "service"),
                        name: service.name,
                        staff: Some(item.staff),
                        input: plain(price, false),
                        sold: None,
                    });
                }
            }
            LineRef::Package(package) => {
                let customer = needs("package")?;
                let sale = self
                    .treatments()
                    .prepare_sale(ctx, &customer.to_string(), package)?;
                if sale.package.package.home_visit {
                    return Err(StoreError::FirstVisitRequired(sale.package.package.name));
                }
                let sold = sale.sold(None);
                drafts.push(Draft {
                    what: LineKind::Package {
                        package: sale.package.id,
                        treatment: TreatmentId::new(),
                    },
                    name: sold.name.clone(),
                    category: "package".to_owned(),
                    staff: None,
                    input: plain(sold.price.amount, false),
                    sold: Some(sold),
                });
            }
            LineRef::Treatment(text) => {
                let (id, state) = self.sold_treatment(text)?;
                self.same_customer(customer, state.customer, || state.name.clone())?;
                // A card whose sale was voided or refunded gave its
                // sessions back with the money: paying for it again would
                // pay for nothing.
                if state.refunded > 0 {
                    return Err(StoreError::Treatment {
                        treatment: state.name.clone(),
                        refusal: TreatmentRefusal::Refunded {
                            sessions: state.refunded,
                        },
                    });
                }
                drafts.push(Draft {
                    what: LineKind::Treatment { treatment: id },
                    name: state.name.clone(),
                    category: "package".to_owned(),
                    staff: None,
                    input: plain(state.price.amount, false),
                    sold: None,
                });
            }
            LineRef::Sessions {
                treatment,
                sessions,
            } => {
                let (id, state) = self.sold_treatment(treatment)?;
                self.same_customer(customer, state.customer, || state.name.clone())?;
                let sessions = match sessions {
                    Some(0) => return Err(SaleError::Quantity(0).into()),
                    Some(n) => *n,
                    None if state.over() > 0 => state.over(),
                    None => return Err(StoreError::NothingToCharge(state.name.clone())),
                };
                drafts.push(Draft {
                    what: LineKind::Sessions { treatment: id },
                    name: state.name.clone(),
                    category: "package".to_owned(),
                    staff: None,
                    input: LineInput {
                        quantity: sessions,
                        ..plain(state.session_price(), false)
                    },
                    sold: None,
                });
            }
            LineRef::Item {
                name,
                unit_price,
                quantity,
            } => {
                let name = caredesk_domain::text::required("item", name, 120)?;
                drafts.push(Draft {
                    what: LineKind::Item,
                    name,
                    category: "retail".to_owned(),
                    staff: None,
                    input: LineInput {
                        quantity: *quantity,
                        ..plain(*unit_price, false)
                    },
                    sold: None,
                });
            }
            LineRef::TopUp(amount) => {
                needs("wallet top-up")?;
                caredesk_domain::wallet::check_amount(*amount).map_err(StoreError::Wallet)?;
                drafts.push(Draft {
                    what: LineKind::TopUp,
                    name: String::new(),
                    category: "top_up".to_owned(),
                    staff: None,
                    input: plain(*amount, true),
                    sold: None,
                });
            }
        }
        Ok(())
    }

    fn sold_treatment(
        &self,
        text: &str,
    ) -> Result<(TreatmentId, caredesk_domain::treatment::TreatmentState)> {
        let not_found = || StoreError::TreatmentNotFound(text.trim().to_owned());
        let id: TreatmentId = text.trim().parse().map_err(|_| not_found())?;
        let state = treatments::projection::load(&self.conn, id)?.ok_or_else(not_found)?;
        Ok((id, state))
    }

    fn same_customer(
        &self,
        customer: Option<CustomerId>,
        owner: CustomerId,
        what: impl Fn() -> String,
    ) -> Result<()> {
        let customer = customer.ok_or(SaleError::NoCustomer("treatment"))?;
        if customer == owner {
            return Ok(());
        }
        Err(StoreError::OtherCustomer {
            what: what(),
            owner: self.customers().customer(owner)?.name,
        })
    }
}

fn sale_lines(drafts: &[Draft], priced: &sale::Priced) -> Vec<SaleLine> {
    drafts
        .iter()
        .zip(&priced.lines)
        .map(|(draft, priced)| SaleLine {
            what: draft.what.clone(),
            name: draft.name.clone(),
            category: draft.category.clone(),
            staff: draft.staff,
            quantity: draft.input.quantity,
            unit_price: draft.input.unit_price,
            discount: draft.input.discount,
            priced: priced.clone(),
        })
        .collect()
}

fn category(given: &str, fallback: &str) -> String {
    let given = given.trim();
    if given.is_empty() {
        fallback.to_owned()
    } else {
        given.to_owned()
    }
}

/// A booking or treatment is paid once: refused while a receipt that was
/// not voided already has it.
fn ensure_unpaid(conn: &Connection, what: &LineKind) -> Result<()> {
    let (sql, key, label) = match what {
        LineKind::Booking { booking, .. } => (
            "SELECT s.number FROM sale_lines l JOIN sales s ON s.id = l.sale_id
             WHERE l.booking_id = ?1 AND NOT l.voided LIMIT 1",
            booking.to_string(),
            format!("booking {booking}"),
        ),
        // Sessions charged later on the card do not pay for the card.
        LineKind::Treatment { treatment } => (
            "SELECT s.number FROM sale_lines l JOIN sales s ON s.id = l.sale_id
             WHERE l.treatment_id = ?1 AND l.kind IN ('package', 'treatment')
               AND NOT l.voided LIMIT 1",
            treatment.to_string(),
            format!("treatment {treatment}"),
        ),
        LineKind::Package { .. } | LineKind::Sessions { .. } | LineKind::Item | LineKind::TopUp => {
            return Ok(());
        }
    };
    let paid: Option<String> = conn
        .prepare_cached(sql)?
        .query_row([key], |row| row.get(0))
        .optional()?;
    match paid {
        Some(number) => Err(StoreError::AlreadyPaid {
            what: label,
            number,
        }),
        None => Ok(()),
    }
}

/// The register's next receipt number, `{register}-{000001}`: the register
/// code keeps counters apart without asking anyone, and the local series
/// never repeats. A number already in the log (a restored backup whose
/// series is behind) is skipped.
pub(crate) fn next_receipt_number(conn: &Connection, register: &str) -> Result<String> {
    let series = format!("receipt:{register}");
    loop {
        let number = crate::series::next_number(conn, &series)?;
        let receipt = format!("{register}-{number:06}");
        let taken: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM sales WHERE number = ?1)")?
            .query_row([&receipt], |row| row.get(0))?;
        if !taken {
            return Ok(receipt);
        }
    }
}
