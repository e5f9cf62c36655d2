use caredesk_store::{AuditFilter, Lang, Store};

use crate::args::AuditArgs;
use crate::error::{CliError, CliResult};
use crate::output::{Output, table};

pub fn run(store: &Store, args: AuditArgs, out: &Output) -> CliResult<()> {
    let lang = match args.lang.as_deref() {
        Some(text) => text
            .parse::<Lang>()
            .map_err(|message| CliError::invalid("invalid_language", message))?,
        None => Lang::of(store.settings().country),
    };
    let staff = args
        .staff
        .as_deref()
        .map(|who| store.audit_actor(who))
        .transpose()?;
    let customer = args
        .customer
        .as_deref()
        .map(|who| store.customers().resolve_customer(who))
        .transpose()?;
    let entity = args
        .entity
        .as_deref()
        .map(|text| {
            text.parse().map_err(|_| {
                CliError::invalid(
                    "invalid_id",
                    format!("--entity {text:?} is not an id (expected a UUID)"),
                )
            })
        })
        .transpose()?;
    let date = args
        .date
        .as_deref()
        .map(|text| {
            text.parse().map_err(|_| {
                CliError::invalid(
                    "invalid_time",
                    format!("--date {text:?}: expected YYYY-MM-DD"),
                )
            })
        })
        .transpose()?;
    let entries = store.audit(
        &AuditFilter {
            staff,
            customer,
            entity,
            date,
            limit: args.limit,
            newest_first: false,
        },
        lang,
    )?;
    out.emit(&entries, |entries| {
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|e| vec![e.at.clone(), e.text.clone()])
            .collect();
        table(&["AT", "WHAT"], &rows)
    })
}
