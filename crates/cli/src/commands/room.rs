use caredesk_store::RoomInfo;

use super::Session;
use crate::args::RoomCommand;
use crate::error::CliResult;
use crate::output::{Output, table};

pub fn run(session: Session, command: RoomCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    match command {
        RoomCommand::Add { name, capacity } => {
            let room = store.add_room(&ctx, &name, capacity)?;
            out.emit(&room, describe)
        }
        RoomCommand::List => {
            let rooms = store.rooms()?;
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

fn describe(info: &RoomInfo) -> String {
    format!(
        "{} (capacity {})\nid: {}\n",
        info.room.name, info.room.capacity, info.id
    )
}
