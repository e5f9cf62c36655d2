use caredesk_domain::Role;
use caredesk_store::{NewStaff, StaffMember};

use super::Session;
use crate::args::StaffCommand;
use crate::error::{CliError, CliResult};
use crate::output::{Output, table};

pub fn run(session: Session, command: StaffCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    let member = match command {
        StaffCommand::Add { name, role, pin } => {
            let role = role_of(&role)?;
            store.add_staff(&ctx, NewStaff { name, role, pin })?
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
