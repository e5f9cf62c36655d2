use std::collections::HashMap;

use caredesk_domain::id::ServiceId;
use caredesk_store::{Ctx, NewPackage, PackageEdit, PackageInfo, Store};

use super::Session;
use crate::args::PackageCommand;
use crate::error::CliResult;
use crate::output::{Output, table};

pub fn run(session: Session, command: PackageCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    match command {
        PackageCommand::Add {
            name,
            sessions,
            valid_days,
            price,
            service,
            home_visit,
        } => {
            let package = store.catalog_mut().add_package(
                &ctx,
                NewPackage {
                    name,
                    service,
                    sessions,
                    valid_days,
                    price,
                    home_visit,
                },
            )?;
            let names = service_names(&store)?;
            out.emit(&package, |p| describe(p, &names))
        }
        PackageCommand::Edit {
            package,
            name,
            price,
            active,
        } => edit(
            &mut store,
            &ctx,
            &package,
            PackageEdit {
                name,
                price,
                active,
            },
            out,
        ),
        PackageCommand::Retire { package } => {
            let change = PackageEdit {
                active: Some(false),
                ..PackageEdit::default()
            };
            edit(&mut store, &ctx, &package, change, out)
        }
        PackageCommand::Offer { package } => {
            let change = PackageEdit {
                active: Some(true),
                ..PackageEdit::default()
            };
            edit(&mut store, &ctx, &package, change, out)
        }
        PackageCommand::List => {
            let packages = store.catalog().packages()?;
            let names = service_names(&store)?;
            out.emit(&packages, |p| list(p, &names))
        }
    }
}

fn edit(
    store: &mut Store,
    ctx: &Ctx,
    package: &str,
    change: PackageEdit,
    out: &Output,
) -> CliResult<()> {
    let package = store.catalog_mut().edit_package(ctx, package, change)?;
    let names = service_names(store)?;
    out.emit(&package, |p| describe(p, &names))
}

/// Every service's name, for the packages that pay for one.
fn service_names(store: &Store) -> CliResult<HashMap<ServiceId, String>> {
    Ok(store
        .catalog()
        .services()?
        .into_iter()
        .map(|s| (s.id, s.service.name))
        .collect())
}

fn service_name(service: Option<ServiceId>, names: &HashMap<ServiceId, String>) -> String {
    match service {
        Some(id) => names.get(&id).cloned().unwrap_or_else(|| id.to_string()),
        None => "any service".to_owned(),
    }
}

fn describe(info: &PackageInfo, names: &HashMap<ServiceId, String>) -> String {
    let p = &info.package;
    format!(
        "{}{}{}\nsessions: {} of {}\nvalid:    {} days from the sale\nprice:    {}\nid:       {}\n",
        p.name,
        if p.home_visit { "  (home visit)" } else { "" },
        if p.active { "" } else { "  (retired)" },
        p.sessions,
        service_name(p.service, names),
        p.valid_days,
        p.price,
        info.id,
    )
}

fn list(packages: &[PackageInfo], names: &HashMap<ServiceId, String>) -> String {
    if packages.is_empty() {
        return "no packages".to_owned();
    }
    let rows: Vec<Vec<String>> = packages
        .iter()
        .map(|info| {
            let p = &info.package;
            vec![
                if p.home_visit {
                    format!("{} (home)", p.name)
                } else {
                    p.name.clone()
                },
                service_name(p.service, names),
                p.sessions.to_string(),
                p.valid_days.to_string(),
                p.price.to_string(),
                if p.active { "yes" } else { "no" }.to_owned(),
                info.id.to_string(),
            ]
        })
        .collect();
    table(
        &[
            "PACKAGE", "SERVICE", "SESSIONS", "DAYS", "PRICE", "ACTIVE", "ID",
        ],
        &rows,
    )
}
