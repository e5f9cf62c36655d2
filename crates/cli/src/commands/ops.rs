use caredesk_store::{OpFilter, Store};

use crate::args::OpsCommand;
use crate::error::{CliError, CliResult};
use crate::output::{Output, table};

pub fn run(store: &Store, command: OpsCommand, out: &Output) -> CliResult<()> {
    let OpsCommand::List {
        entity,
        kind,
        after,
        limit,
    } = command;
    let entity = entity
        .map(|text| {
            text.parse().map_err(|_| {
                CliError::invalid(
                    "invalid_id",
                    format!("--entity {text:?} is not an id (expected a UUID)"),
                )
            })
        })
        .transpose()?;
    let ops = store.ops(&OpFilter {
        entity,
        kind,
        after,
        limit,
    })?;
    out.emit(&ops, |ops| {
        let rows: Vec<Vec<String>> = ops
            .iter()
            .map(|logged| {
                let op = &logged.op;
                vec![
                    logged.seq.to_string(),
                    op.hlc.to_string(),
                    op.kind.clone(),
                    op.entity.to_string(),
                    op.body.to_string(),
                ]
            })
            .collect();
        table(&["SEQ", "HLC", "KIND", "ENTITY", "BODY"], &rows)
    })
}
