use std::collections::HashMap;

use caredesk_domain::Role;
use caredesk_domain::hours::{ShiftChange, ShiftException, Span};
use caredesk_domain::id::{ServiceId, ShiftExceptionId};
use caredesk_store::{
    Ctx, NewStaff, StaffMember, StaffSchedule, Store, StoreError, WEEK, parse_date,
};
use serde::Serialize;

use super::{Session, day_hours, parse_id};
use crate::args::{ShiftArgs, StaffCommand};
use crate::error::{CliError, CliResult};
use crate::output::{Output, table};

/// `staff add`: the account, plus the services given with `--service`.
#[derive(Serialize)]
struct Added {
    #[serde(flatten)]
    member: StaffMember,
    services: Vec<ServiceId>,
}

/// `staff hours`: `{"ok":true}` as the contract has it, with the week.
#[derive(Serialize)]
struct HoursSet {
    ok: bool,
    #[serde(flatten)]
    schedule: StaffSchedule,
}

pub fn run(session: Session, command: StaffCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    let member = match command {
        StaffCommand::Rate { staff, rate, from } => {
            return super::payroll::rate(&mut store, &ctx, &staff, &rate, from.as_deref(), out);
        }
        StaffCommand::Payout {
            staff,
            amount,
            note,
            method,
        } => {
            let method: caredesk_domain::payroll::PayoutMethod =
                method.parse().map_err(caredesk_store::StoreError::Pay)?;
            let pay = store
                .payroll_mut()
                .pay_staff(&ctx, &staff, amount, &note, method)?;
            return out.emit(&pay, super::payroll::describe_pay);
        }
        StaffCommand::Adjust {
            staff,
            amount,
            note,
        } => {
            let pay = store
                .payroll_mut()
                .adjust_staff_pay(&ctx, &staff, amount, &note)?;
            return out.emit(&pay, super::payroll::describe_pay);
        }
        StaffCommand::Income { staff, month } => {
            return super::payroll::income(&store, &ctx, staff.as_deref(), month.as_deref(), out);
        }
        StaffCommand::Add {
            name,
            role,
            pin,
            services,
        } => {
            let role = role_of(&role)?;
            // Two store calls: check the services before the first writes,
            // so a bad --service leaves no account behind.
            for service in &services {
                store.catalog().find_service(service)?;
            }
            let member = store.add_staff(&ctx, NewStaff { name, role, pin })?;
            let services = if services.is_empty() {
                Vec::new()
            } else {
                store
                    .schedule_mut()
                    .set_staff_services(&ctx, &member.id.to_string(), &services)?
                    .services
            };
            let added = Added { member, services };
            return out.emit(&added, |a| describe(&a.member));
        }
        StaffCommand::Hours { staff, day } => {
            let (days, spans) = day_hours(&day)?;
            // `--day all` sets seven days in one transaction.
            let week: Vec<_> = days.into_iter().map(|d| (d, spans.clone())).collect();
            let schedule = store.schedule_mut().set_staff_week(&ctx, &staff, &week)?;
            let names = service_names(&store)?;
            let set = HoursSet { ok: true, schedule };
            return out.emit(&set, |s| describe_schedule(&s.schedule, &names));
        }
        StaffCommand::Services { staff, services } => {
            let schedule = store
                .schedule_mut()
                .set_staff_services(&ctx, &staff, &services)?;
            let names = service_names(&store)?;
            return out.emit(&schedule, |s| describe_schedule(s, &names));
        }
        StaffCommand::Schedule { staff } => {
            let schedule = store.schedule().staff_schedule(&staff)?;
            let names = service_names(&store)?;
            return out.emit(&schedule, |s| describe_schedule(s, &names));
        }
        StaffCommand::Leave { staff, shift } => {
            let exception = add_exception(&mut store, &ctx, &staff, ShiftChange::Leave, shift)?;
            return out.emit(&exception, describe_exception);
        }
        StaffCommand::Extra { staff, shift } => {
            if shift.from.is_none() {
                return Err(CliError::usage(
                    "staff extra needs --from and --to (HH:MM), e.g. --from 09:00 --to 12:00",
                ));
            }
            let exception = add_exception(&mut store, &ctx, &staff, ShiftChange::Extra, shift)?;
            return out.emit(&exception, describe_exception);
        }
        StaffCommand::ExceptionRemove { staff, exception } => {
            let id: ShiftExceptionId = parse_id("exception", &exception)?;
            let schedule = store
                .schedule_mut()
                .remove_shift_exception(&ctx, &staff, id)?;
            let names = service_names(&store)?;
            return out.emit(&schedule, |s| describe_schedule(s, &names));
        }
        StaffCommand::List => {
            let staff = store.staff()?;
            return out.emit(&staff, |staff| {
                let rows: Vec<Vec<String>> = staff
                    .iter()
                    .map(|m| {
                        vec![
                            m.name.clone(),
                            m.role.to_string(),
                            if m.active { "active" } else { "inactive" }.to_owned(),
                            if m.has_pin { "yes" } else { "no" }.to_owned(),
                            m.id.to_string(),
                        ]
                    })
                    .collect();
                table(&["NAME", "ROLE", "STATUS", "PIN", "ID"], &rows)
            });
        }
        StaffCommand::Pin { staff, pin } => store.set_staff_pin(&ctx, &staff, &pin)?,
        StaffCommand::Role { staff, role } => {
            let role = role_of(&role)?;
            store.set_staff_role(&ctx, &staff, role)?
        }
        StaffCommand::Deactivate { staff } => store.set_staff_active(&ctx, &staff, false)?,
        StaffCommand::Activate { staff } => store.set_staff_active(&ctx, &staff, true)?,
    };
    out.emit(&member, describe)
}

fn role_of(text: &str) -> CliResult<Role> {
    text.parse()
        .map_err(|e: caredesk_domain::staff::UnknownRole| {
            CliError::invalid("invalid_role", e.to_string())
        })
}

fn add_exception(
    store: &mut Store,
    ctx: &Ctx,
    staff: &str,
    change: ShiftChange,
    shift: ShiftArgs,
) -> CliResult<ShiftException> {
    let date = parse_date(&shift.date)?;
    let span = match (&shift.from, &shift.to) {
        (Some(from), Some(to)) => Some(Span::parse(from, to).map_err(StoreError::from)?),
        _ => None,
    };
    Ok(store
        .schedule_mut()
        .add_shift_exception(ctx, staff, date, change, span, &shift.note)?)
}

fn service_names(store: &Store) -> CliResult<HashMap<ServiceId, String>> {
    Ok(store
        .catalog()
        .services()?
        .into_iter()
        .map(|s| (s.id, s.service.name))
        .collect())
}

fn describe_schedule(schedule: &StaffSchedule, names: &HashMap<ServiceId, String>) -> String {
    let services: Vec<String> = schedule
        .services
        .iter()
        .map(|id| names.get(id).cloned().unwrap_or_else(|| id.to_string()))
        .collect();
    let services = if services.is_empty() {
        "none".to_owned()
    } else {
        services.join(", ")
    };
    let mut text = format!("{}\nservices: {services}\n", schedule.name);
    for day in WEEK {
        let key = caredesk_domain::hours::weekday_key(day);
        let hours = schedule
            .hours
            .get(key)
            .map_or_else(|| "off".to_owned(), |spans| spans.join(", "));
        text.push_str(&format!("{key}:      {hours}\n"));
    }
    for exception in &schedule.exceptions {
        text.push_str(&describe_exception(exception));
    }
    text.push_str(&format!("id:       {}\n", schedule.staff));
    text
}

fn describe_exception(exception: &ShiftException) -> String {
    let what = match exception.change {
        ShiftChange::Leave => "leave",
        ShiftChange::Extra => "extra",
    };
    let when = exception
        .span
        .map_or_else(|| "all day".to_owned(), |span| span.to_string());
    let mut text = format!("{what}:    {} {when}", exception.date);
    if !exception.note.is_empty() {
        text.push_str(&format!(" ({})", exception.note));
    }
    text.push_str(&format!("  [{}]\n", exception.id));
    text
}

fn describe(member: &StaffMember) -> String {
    format!(
        "{} ({}, {}{})\nid: {}\n",
        member.name,
        member.role,
        if member.active { "active" } else { "inactive" },
        if member.has_pin {
            ", PIN set"
        } else {
            ", no PIN"
        },
        member.id
    )
}
