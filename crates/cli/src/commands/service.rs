use caredesk_store::{Ctx, NewService, ServiceEdit, ServiceInfo, Store};

use super::Session;
use crate::args::ServiceCommand;
use crate::error::CliResult;
use crate::output::{Output, table};

pub fn run(session: Session, command: ServiceCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    match command {
        ServiceCommand::Add {
            name,
            minutes,
            price,
            buffer_minutes,
            category,
            rooms,
        } => {
            let service = store.catalog_mut().add_service(
                &ctx,
                NewService {
                    name,
                    category,
                    minutes,
                    buffer_minutes,
                    price,
                    rooms,
                },
            )?;
            out.emit(&service, describe)
        }
        ServiceCommand::Edit {
            service,
            name,
            category,
            minutes,
            buffer_minutes,
            price,
            rooms,
            active,
        } => {
            let edit = ServiceEdit {
                name,
                category,
                minutes,
                buffer_minutes,
                price,
                // No --room leaves the rooms as they are.
                rooms: (!rooms.is_empty()).then_some(rooms),
                active,
            };
            let service = store.catalog_mut().edit_service(&ctx, &service, edit)?;
            out.emit(&service, describe)
        }
        ServiceCommand::Retire { service } => offer(&mut store, &ctx, &service, false, out),
        ServiceCommand::Offer { service } => offer(&mut store, &ctx, &service, true, out),
        ServiceCommand::List => {
            let services = store.catalog().services()?;
            out.emit(&services, |services| {
                let rows: Vec<Vec<String>> = services
                    .iter()
                    .map(|info| {
                        let s = &info.service;
                        vec![
                            s.name.clone(),
                            s.category.clone(),
                            format!("{} min", s.minutes),
                            format!("{} min", s.buffer_minutes),
                            s.price.to_string(),
                            if s.active { "offered" } else { "retired" }.to_owned(),
                            info.id.to_string(),
                        ]
                    })
                    .collect();
                table(
                    &[
                        "NAME", "CATEGORY", "LENGTH", "BUFFER", "PRICE", "STATUS", "ID",
                    ],
                    &rows,
                )
            })
        }
    }
}

/// `service retire` and `service offer`: an edit of `active` alone.
fn offer(store: &mut Store, ctx: &Ctx, service: &str, active: bool, out: &Output) -> CliResult<()> {
    let edit = ServiceEdit {
        active: Some(active),
        ..ServiceEdit::default()
    };
    let service = store.catalog_mut().edit_service(ctx, service, edit)?;
    out.emit(&service, describe)
}

fn describe(info: &ServiceInfo) -> String {
    let service = &info.service;
    let mut text = format!(
        "{}: {} minutes (+{} buffer), {}\n",
        service.name, service.minutes, service.buffer_minutes, service.price
    );
    if !service.category.is_empty() {
        text.push_str(&format!("category: {}\n", service.category));
    }
    if !service.rooms.is_empty() {
        let rooms: Vec<String> = service.rooms.iter().map(ToString::to_string).collect();
        text.push_str(&format!("rooms:    {}\n", rooms.join(", ")));
    }
    if !service.active {
        text.push_str("status:   retired (cannot be booked)\n");
    }
    text.push_str(&format!("id:       {}\n", info.id));
    text
}
