//! The command list against everything else that names a command: the
//! permission file and the capability (generated from the list), the
//! `#[tauri::command]` functions, and the UI's transport.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{ALL, Command};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn permission(command: &Command) -> String {
    format!("allow-{}", command.name.replace('_', "-"))
}

/// `src-tauri/permissions/counter.toml` as the list makes it.
fn permissions_file() -> String {
    let mut out = String::from(
        "# Generated from src-tauri/commands/list.rs: do not edit by hand (see there).\n\
         # The app's own commands, one permission each, so a capability grants them\n\
         # by name. Because the app defines permissions, Tauri checks every app\n\
         # command against the capabilities: a command no capability allows cannot\n\
         # be called from any window.\n",
    );
    for command in ALL {
        out.push_str(&format!(
            "\n[[permission]]\nidentifier = \"{}\"\ndescription = {}\ncommands.allow = [\"{}\"]\n",
            permission(command),
            // A TOML basic string has JSON's escapes.
            serde_json::to_string(command.description).expect("a string"),
            command.name
        ));
    }
    out
}

/// The counter window's capability, fields in the order Tauri's docs show.
#[derive(Serialize)]
struct Capability {
    #[serde(rename = "$schema")]
    schema: &'static str,
    identifier: &'static str,
    description: &'static str,
    windows: [&'static str; 1],
    local: bool,
    permissions: Vec<String>,
}

/// `src-tauri/capabilities/counter.json` as the list makes it.
fn capability_file() -> String {
    let mut permissions: Vec<String> = ALL.iter().map(permission).collect();
    // Listening to the app's own events (reminders); nothing else of the core.
    permissions.extend(["core:event:allow-listen", "core:event:allow-unlisten"].map(String::from));
    let capability = Capability {
        schema: "../../gen/schemas/desktop-schema.json",
        identifier: "counter",
        description: "The counter window may call the app's own commands and listen to the app's \
                      events (reminders), and nothing else: no plugins, no other core APIs, no \
                      remote pages.",
        windows: ["main"],
        local: true,
        permissions,
    };
    serde_json::to_string_pretty(&capability).expect("JSON") + "\n"
}

/// The `#[tauri::command]` functions under `dir`, by name.
fn command_functions(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("commands folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            command_functions(&path, out);
            continue;
        }
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source");
        // The attribute on a line of its own, then the first `fn` after it.
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if !line.trim_start().starts_with("#[tauri::command") {
                continue;
            }
            let name = lines
                .by_ref()
                .find_map(|line| line.split_once("fn ").map(|(_, after)| after))
                .and_then(|after| {
                    after
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .next()
                })
                .expect("a command attribute before a function");
            out.insert(name.to_owned());
        }
    }
}

/// The command names `tauri.ts` passes to its `call(...)`.
fn called_by_the_ui(source: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in source.match_indices("call") {
        let word_start = source[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '.');
        let rest = &source[at + 4..];
        if !word_start || !(rest.starts_with('(') || rest.starts_with('<')) {
            continue;
        }
        let Some(open) = rest.find('(') else { continue };
        let argument = rest[open + 1..].trim_start();
        if let Some(quoted) = argument.strip_prefix('\'')
            && let Some(end) = quoted.find('\'')
        {
            names.insert(quoted[..end].to_owned());
        }
    }
    names
}

fn listed() -> BTreeSet<String> {
    ALL.iter().map(|c| c.name.to_owned()).collect()
}

/// The permission file and the capability are generated from the list,
/// like the TypeScript bindings, and written again the same way.
#[test]
fn generated_bindings_follow_the_command_list() {
    let files = [
        (
            root().join("src-tauri/permissions/counter.toml"),
            permissions_file(),
        ),
        (
            root().join("src-tauri/capabilities/counter.json"),
            capability_file(),
        ),
    ];
    for (path, fresh) in &files {
        if std::env::var_os("CAREDESK_WRITE_BINDINGS").is_some() {
            std::fs::write(path, fresh).expect("written");
        }
        let committed = std::fs::read_to_string(path).expect("checked in");
        assert!(
            &committed == fresh,
            "{} does not follow src-tauri/commands/list.rs. Write it again with: \
             CAREDESK_WRITE_BINDINGS=1 cargo test -p caredesk-app bindings",
            path.display()
        );
    }
}

#[test]
fn every_command_is_listed_once() {
    let mut functions = BTreeSet::new();
    command_functions(&root().join("src-tauri/commands"), &mut functions);
    let listed = listed();
    assert_eq!(listed.len(), ALL.len(), "a command listed twice");
    let unlisted: Vec<_> = functions.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "#[tauri::command] functions missing from src-tauri/commands/list.rs: {unlisted:?}"
    );
}

#[test]
fn the_ui_calls_every_command_by_its_name() {
    let source =
        std::fs::read_to_string(root().join("ui/src/lib/backend/tauri.ts")).expect("tauri.ts");
    let called = called_by_the_ui(&source);
    let listed = listed();
    let unknown: Vec<_> = called.difference(&listed).collect();
    let unused: Vec<_> = listed.difference(&called).collect();
    assert!(
        unknown.is_empty() && unused.is_empty(),
        "tauri.ts calls commands the app does not have: {unknown:?}; \
         the app exposes commands no screen calls: {unused:?}"
    );
}

#[test]
fn the_transport_scan_reads_calls_and_skips_the_rest() {
    let source = "async function call<T>(command: Command) {}\n\
                  return call<Customer360>('customer_360', { id });\n\
                  return call('sign_out');\n\
                  backend.call('not_ours'); recall('nor_this');";
    assert_eq!(
        called_by_the_ui(source),
        BTreeSet::from(["customer_360".to_owned(), "sign_out".to_owned()])
    );
}
