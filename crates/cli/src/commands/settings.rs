use caredesk_domain::calendar::{CalendarSettings, ProfileField};
use caredesk_domain::hours::{DayHours, weekday_key};
use caredesk_store::{StoreError, WEEK};

use super::{Session, day_hours};
use crate::args::SettingsCommand;
use crate::error::{CliError, CliResult};
use crate::output::Output;

pub fn run(session: Session, command: SettingsCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    let mut calendar = store.schedule().calendar()?;
    match command {
        SettingsCommand::Business(args) => return business(store, &ctx, args, out),
        SettingsCommand::Calendar {
            slot_minutes,
            align_minutes,
            lead_minutes,
            cutoff_minutes,
            require,
            no_requirements,
        } => {
            let unchanged = calendar.clone();
            let fields = [
                (slot_minutes, &mut calendar.slot_minutes),
                (align_minutes, &mut calendar.align_minutes),
                (lead_minutes, &mut calendar.lead_minutes),
                (cutoff_minutes, &mut calendar.cancel_cutoff_minutes),
            ];
            for (given, field) in fields {
                if let Some(value) = given {
                    *field = value;
                }
            }
            if no_requirements {
                calendar.required_profile.clear();
            } else if !require.is_empty() {
                calendar.required_profile = require
                    .iter()
                    .map(|field| {
                        field.parse::<ProfileField>().map_err(|e| {
                            CliError::invalid("invalid_settings", format!("--require {e}"))
                        })
                    })
                    .collect::<CliResult<_>>()?;
            }
            let asked_to_change = slot_minutes.is_some()
                || align_minutes.is_some()
                || lead_minutes.is_some()
                || cutoff_minutes.is_some()
                || no_requirements
                || !require.is_empty();
            // Without options this only shows the settings; with options
            // that change nothing it writes nothing either.
            if asked_to_change && calendar != unchanged {
                calendar = store.schedule_mut().set_calendar(&ctx, calendar)?;
            }
        }
        SettingsCommand::Checkout {
            tax_rate,
            prices_include_tax,
            discount_limit,
            credit_limit,
        } => {
            return checkout(
                store,
                &ctx,
                ([tax_rate, prices_include_tax, discount_limit], credit_limit),
                out,
            );
        }
        SettingsCommand::Tickets {
            prefix,
            types,
            credit_days,
        } => {
            return tickets(store, &ctx, (prefix, types, credit_days), out);
        }
        SettingsCommand::Hours { day } => {
            let (days, spans) = day_hours(&day)?;
            let hours = DayHours::new(spans).map_err(StoreError::from)?;
            for weekday in days {
                calendar.opening.set(weekday, hours.clone());
            }
            calendar = store.schedule_mut().set_calendar(&ctx, calendar)?;
        }
    }
    out.emit(&calendar, describe)
}

fn describe(calendar: &CalendarSettings) -> String {
    let mut text = String::from("opening hours:\n");
    for day in WEEK {
        let hours = calendar.opening.day(day);
        let spans = if hours.is_closed() {
            "closed".to_owned()
        } else {
            let spans: Vec<String> = hours.spans().iter().map(ToString::to_string).collect();
            spans.join(", ")
        };
        text.push_str(&format!("  {}  {spans}\n", weekday_key(day)));
    }
    let required: Vec<&str> = calendar
        .required_profile
        .iter()
        .map(|field| match field {
            ProfileField::Email => "email",
            ProfileField::Address => "address",
        })
        .collect();
    text.push_str(&format!(
        "slots:         every {} minutes, on multiples of {} past the hour\n\
         lead time:     {} minutes (bookings for today)\n\
         free cancel:   until {} minutes before the start\n\
         profile needs: {}\n",
        calendar.slot_minutes,
        calendar.align_minutes,
        calendar.lead_minutes,
        calendar.cancel_cutoff_minutes,
        if required.is_empty() {
            "name and phone only".to_owned()
        } else {
            required.join(", ")
        }
    ));
    text
}

/// `settings checkout`: shows the settings, or changes those given.
fn checkout(
    mut store: caredesk_store::Store,
    ctx: &caredesk_store::Ctx,
    ([tax_rate, inclusive, limit], credit_limit): ([Option<String>; 3], Option<i64>),
    out: &Output,
) -> CliResult<()> {
    let mut settings = store.sales().checkout()?;
    let unchanged = settings;
    let percent = |flag: &str, text: &str| -> CliResult<u16> {
        super::sale::percent_bp(text.trim().trim_end_matches('%'))
            .and_then(|bp| u16::try_from(bp).ok())
            .ok_or_else(|| {
                CliError::invalid(
                    "invalid_settings",
                    format!("{flag} {text:?}: expected a percentage"),
                )
            })
    };
    if let Some(rate) = &tax_rate {
        settings.tax.rate = percent("--tax-rate", rate)?;
    }
    if let Some(limit) = &limit {
        settings.discount_limit = percent("--discount-limit", limit)?;
    }
    if let Some(credit_limit) = credit_limit {
        settings.credit_limit = credit_limit;
    }
    if let Some(inclusive) = &inclusive {
        settings.tax.prices_include_tax = match inclusive.trim().to_ascii_lowercase().as_str() {
            "yes" | "true" => true,
            "no" | "false" => false,
            other => {
                return Err(CliError::invalid(
                    "invalid_settings",
                    format!("--prices-include-tax {other:?}: expected yes or no"),
                ));
            }
        };
    }
    if settings != unchanged {
        settings = store.sales_mut().set_checkout(ctx, settings)?;
    }
    out.emit(&settings, |s| {
        format!(
            "tax:            {}.{:02} % ({})\ndiscount limit: {}.{:02} % without a manager\n\
             credit limit:   {} without a manager\n",
            s.tax.rate / 100,
            s.tax.rate % 100,
            if s.tax.prices_include_tax {
                "included in prices"
            } else {
                "added to prices"
            },
            s.discount_limit / 100,
            s.discount_limit % 100,
            s.credit_limit
        )
    })
}

/// `settings tickets`: shows the settings, or changes those given. Types
/// given replace the whole list.
pub(super) fn tickets(
    mut store: caredesk_store::Store,
    ctx: &caredesk_store::Ctx,
    (prefix, types, credit_days): (Option<String>, Vec<String>, Option<u16>),
    out: &Output,
) -> CliResult<()> {
    use caredesk_domain::ticket::{CompensationKind, TicketType};
    let mut settings = store.tickets().ticket_settings()?;
    let unchanged = settings.clone();
    if let Some(prefix) = prefix {
        settings.prefix = prefix;
    }
    if !types.is_empty() {
        settings.types = types
            .iter()
            .map(|text| {
                let (code, offers) = text.split_once(':').unwrap_or((text, "none"));
                let offers: CompensationKind = offers
                    .parse()
                    .map_err(|e: String| CliError::invalid("invalid_settings", e))?;
                Ok(TicketType {
                    code: code.to_owned(),
                    offers,
                })
            })
            .collect::<CliResult<_>>()?;
    }
    if let Some(days) = credit_days {
        settings.credit_days = days;
    }
    if settings != unchanged {
        settings = store.tickets_mut().set_ticket_settings(ctx, settings)?;
    }
    out.emit(&settings, |s| {
        let mut text = format!(
            "codes:       {}-YEAR-{}-00001\ncredit days: {}\ntypes:\n",
            s.prefix,
            store.register_code(),
            s.credit_days
        );
        for kind in &s.types {
            text.push_str(&format!(
                "  {:<18} offers {}\n",
                kind.code,
                kind.offers.as_str()
            ));
        }
        text
    })
}

/// `settings business`: shows the business, or changes the options given.
fn business(
    mut store: caredesk_store::Store,
    ctx: &caredesk_store::Ctx,
    args: crate::args::BusinessArgs,
    out: &Output,
) -> CliResult<()> {
    use caredesk_domain::business::BankAccount;
    let current = store.settings().clone();
    let mut edit = current.clone();
    let fields = [
        (args.name, &mut edit.name),
        (args.address, &mut edit.address),
        (args.tax_code, &mut edit.tax_code),
        (args.timezone, &mut edit.timezone),
        (args.qris, &mut edit.qris),
    ];
    for (given, field) in fields {
        if let Some(value) = given {
            *field = value;
        }
    }
    if args.no_qris {
        edit.qris.clear();
    }
    if args.no_bank_account {
        edit.bank_account = None;
    } else if let (Some(bin), Some(number)) = (args.bank_bin, args.bank_account) {
        edit.bank_account = Some(BankAccount {
            bin,
            number,
            name: args.bank_account_name.unwrap_or_default(),
        });
    } else if let Some(name) = args.bank_account_name {
        let account = edit.bank_account.as_mut().ok_or_else(|| {
            CliError::invalid(
                "invalid_settings",
                "--bank-account-name: there is no bank account yet; give --bank-bin and --bank-account too",
            )
        })?;
        account.name = name;
    }
    // Without options this only shows the settings; options that change
    // nothing write nothing.
    let settings = if edit == current {
        current
    } else {
        match store.set_business(ctx, edit) {
            Err(StoreError::NothingToChange) => store.settings().clone(),
            other => other?,
        }
    };
    out.emit(&settings, |s| {
        let account = s.bank_account.as_ref().map_or_else(
            || "none".to_owned(),
            |a| format!("{} at BIN {} {}", a.number, a.bin, a.name).trim_end().to_owned(),
        );
        format!(
            "name:         {}\naddress:      {}\ntax code:     {}\ntime zone:    {}\nbank account: {account}\nQRIS:         {}\n",
            s.name,
            s.address,
            s.tax_code,
            s.timezone,
            if s.qris.is_empty() { "none" } else { &s.qris },
        )
    })
}
