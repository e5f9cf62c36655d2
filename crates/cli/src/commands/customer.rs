use caredesk_store::{Customer, CustomerEdit, NewCustomer};

use super::Session;
use crate::args::CustomerCommand;
use crate::error::CliResult;
use crate::output::{Output, table};

pub fn run(session: Session, command: CustomerCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    match command {
        CustomerCommand::Add {
            name,
            phone,
            email,
            address,
            code,
        } => {
            let customer = store.customers_mut().add_customer(
                &ctx,
                NewCustomer {
                    name,
                    phone,
                    email,
                    address,
                    code,
                },
            )?;
            out.emit(&customer, describe)
        }
        CustomerCommand::Edit {
            customer,
            name,
            phone,
            email,
            address,
        } => {
            let id = store.customers().resolve_customer(&customer)?;
            let edit = CustomerEdit {
                name,
                phone,
                email,
                address,
            };
            let customer = store.customers_mut().edit_customer(&ctx, id, edit)?;
            out.emit(&customer, describe)
        }
        CustomerCommand::Find { query, limit } => {
            let hits = store.customers().find_customers(&query, limit)?;
            out.emit(&hits, |hits| {
                if hits.is_empty() {
                    return format!("no customer matches {query:?}");
                }
                let rows: Vec<Vec<String>> = hits
                    .iter()
                    .map(|h| {
                        vec![
                            h.code.clone(),
                            h.name.clone(),
                            h.phone_display.clone(),
                            h.id.to_string(),
                        ]
                    })
                    .collect();
                table(&["CODE", "NAME", "PHONE", "ID"], &rows)
            })
        }
        CustomerCommand::Show { customer } => {
            let id = store.customers().resolve_customer(&customer)?;
            let view = store.customers().customer_360(id, &ctx)?;
            out.emit(&view, |view| {
                let mut text = describe(&view.customer);
                let money = |amount| {
                    caredesk_domain::money::Money::new(amount, view.wallet.currency).to_string()
                };
                text.push_str(&format!(
                    "wallet:     {} real, {} virtual\n",
                    money(view.wallet.balance),
                    money(view.wallet.virtual_)
                ));
                text.push_str(&format!("treatments: {}\n", view.treatments.len()));
                text.push_str(&format!("bookings:   {}\n", view.bookings.len()));
                let open = view.tickets.iter().filter(|t| t.status.is_open()).count();
                text.push_str(&format!(
                    "tickets:    {} ({open} open)\n",
                    view.tickets.len()
                ));
                for ticket in view.tickets.iter().filter(|t| t.status.is_open()) {
                    text.push_str(&format!(
                        "  {}  {}  {}\n",
                        ticket.code, ticket.status, ticket.subject
                    ));
                }
                text.push_str("latest:\n");
                for entry in view.timeline.iter().take(10) {
                    text.push_str(&format!(
                        "  {}  {}\n",
                        crate::output::short_time(&entry.at),
                        entry.text
                    ));
                }
                text
            })
        }
        CustomerCommand::Note { customer, text } => {
            let id = store.customers().resolve_customer(&customer)?;
            let customer = store.customers_mut().add_customer_note(&ctx, id, &text)?;
            out.emit(&customer, describe)
        }
        CustomerCommand::Tag {
            customer,
            tag,
            remove,
        } => {
            let id = store.customers().resolve_customer(&customer)?;
            let customer = store
                .customers_mut()
                .tag_customer(&ctx, id, &tag, !remove)?;
            out.emit(&customer, describe)
        }
        CustomerCommand::Merge { customers } => {
            let merged = store.customers_mut().merge_customers(&ctx, &customers)?;
            out.emit(&merged, |m| {
                let files: Vec<String> = m.merged.iter().map(ToString::to_string).collect();
                format!(
                    "kept {}; merged {}
moved: {} bookings, {} treatments, {} tickets, \
                     {} real and {} credit in the wallet\n",
                    m.id,
                    files.join(", "),
                    m.bookings,
                    m.treatments,
                    m.tickets,
                    m.wallet_real,
                    m.wallet_credit
                )
            })
        }
    }
}

fn describe(customer: &Customer) -> String {
    let mut text = format!(
        "{}  {}\nphone:      {} ({})\n",
        customer.code, customer.name, customer.phone_display, customer.phone
    );
    if let Some(email) = &customer.email {
        text.push_str(&format!("email:      {email}\n"));
    }
    if let Some(address) = &customer.address {
        text.push_str(&format!("address:    {address}\n"));
    }
    if !customer.tags.is_empty() {
        text.push_str(&format!("tags:       {}\n", customer.tags.join(", ")));
    }
    text.push_str(&format!(
        "since:      {}\nid:         {}\n",
        customer.created_at, customer.id
    ));
    if let Some(into) = &customer.merged_into {
        text.push_str(&format!("merged into: {into}\n"));
    }
    for note in &customer.notes {
        let by = note.by_name.as_deref().unwrap_or("?");
        text.push_str(&format!("note:       {} ({by}, {})\n", note.text, note.at));
    }
    text
}
