use caredesk_store::{Ctx, RoomEdit, RoomInfo, Store};

use super::Session;
use crate::args::RoomCommand;
use crate::error::CliResult;
use crate::output::{Output, table};

pub fn run(session: Session, command: RoomCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    match command {
        RoomCommand::Add { name, capacity } => {
            let room = store.catalog_mut().add_room(&ctx, &name, capacity)?;
            out.emit(&room, describe)
        }
        RoomCommand::Edit {
            room,
            name,
            capacity,
            active,
        } => {
            let edit = RoomEdit {
                name,
                capacity,
                active,
            };
            let room = store.catalog_mut().edit_room(&ctx, &room, edit)?;
            out.emit(&room, describe)
        }
        RoomCommand::Retire { room } => offer(&mut store, &ctx, &room, false, out),
        RoomCommand::Offer { room } => offer(&mut store, &ctx, &room, true, out),
        RoomCommand::List => {
            let rooms = store.catalog().rooms()?;
            out.emit(&rooms, |rooms| {
                let rows: Vec<Vec<String>> = rooms
                    .iter()
                    .map(|r| {
                        vec![
                            r.room.name.clone(),
                            r.room.capacity.to_string(),
                            if r.room.active { "in use" } else { "retired" }.to_owned(),
                            r.id.to_string(),
                        ]
                    })
                    .collect();
                table(&["NAME", "CAPACITY", "STATUS", "ID"], &rows)
            })
        }
    }
}

/// `room retire` and `room offer`: an edit of `active` alone.
fn offer(store: &mut Store, ctx: &Ctx, room: &str, active: bool, out: &Output) -> CliResult<()> {
    let edit = RoomEdit {
        active: Some(active),
        ..RoomEdit::default()
    };
    let room = store.catalog_mut().edit_room(ctx, room, edit)?;
    out.emit(&room, describe)
}

fn describe(info: &RoomInfo) -> String {
    let status = if info.room.active { "" } else { ", retired" };
    format!(
        "{} (capacity {}{status})\nid: {}\n",
        info.room.name, info.room.capacity, info.id
    )
}
