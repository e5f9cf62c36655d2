//! The command list against everything else that names a command: the
//! permission file and the capability (generated from the list), the
//! command functions and their arguments, and the UI's transport.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{ALL, Command};

/// The workspace's root (this crate is crates/counter).
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn permission(command: &Command) -> String {
    format!("allow-{}", command.name.replace('_', "-"))
}

/// `src-tauri/permissions/counter.toml` as the list makes it.
fn permissions_file() -> String {
    let mut out = String::from(
        "# Generated from crates/counter/src/commands/list.rs: do not edit by hand (see there).\n\
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

/// The command functions under `dir` (public, taking the counter first),
/// by name, with their arguments' names.
fn command_functions(dir: &Path, out: &mut BTreeMap<String, Vec<String>>) {
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
        for (at, _) in text.match_indices("\npub fn ") {
            let rest = &text[at + "\npub fn ".len()..];
            let Some((name, after)) = rest.split_once('(') else {
                continue;
            };
            let Some(params) = after.split_once(')').map(|(params, _)| params) else {
                continue;
            };
            let mut params = params
                .split(',')
                .filter_map(|param| param.split_once(':').map(|(name, _)| name.trim()))
                .filter(|name| !name.is_empty() && !name.contains('<') && !name.contains('>'));
            if params.next() != Some("counter") {
                continue;
            }
            out.insert(name.trim().to_owned(), params.map(str::to_owned).collect());
        }
    }
}

/// The command names `commands.ts` passes to its `this.call(...)`.
fn called_by_the_ui(source: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in source.match_indices("call") {
        let before = source[..at].strip_suffix("this.").unwrap_or(&source[..at]);
        let word_start = before
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
            "{} does not follow crates/counter/src/commands/list.rs. Write it again with: \
             CAREDESK_WRITE_BINDINGS=1 cargo test -p caredesk-counter bindings",
            path.display()
        );
    }
}

#[test]
fn every_command_is_listed_once() {
    let mut functions = BTreeMap::new();
    command_functions(&root().join("crates/counter/src/commands"), &mut functions);
    let listed = listed();
    assert_eq!(listed.len(), ALL.len(), "a command listed twice");
    let unlisted: Vec<_> = functions.keys().filter(|f| !listed.contains(*f)).collect();
    assert!(
        unlisted.is_empty(),
        "command functions missing from crates/counter/src/commands/list.rs: {unlisted:?}"
    );
    // The list's names are what the screens send: the function's own, so
    // that reading one tells what the other takes.
    for command in ALL {
        let args: Vec<&str> = command.args.to_vec();
        let taken: Vec<&str> = functions[command.name].iter().map(String::as_str).collect();
        assert_eq!(
            args, taken,
            "{}: the list names other arguments than its function",
            command.name
        );
    }
}

#[test]
fn the_ui_calls_every_command_by_its_name() {
    let source = std::fs::read_to_string(root().join("ui/src/lib/backend/commands.ts"))
        .expect("commands.ts");
    let called = called_by_the_ui(&source);
    let listed = listed();
    let unknown: Vec<_> = called.difference(&listed).collect();
    let unused: Vec<_> = listed.difference(&called).collect();
    assert!(
        unknown.is_empty() && unused.is_empty(),
        "commands.ts calls commands the app does not have: {unknown:?}; \
         the app exposes commands no screen calls: {unused:?}"
    );
}

#[test]
fn the_transport_scan_reads_calls_and_skips_the_rest() {
    let source = "private call<T>(command: Command) {}\n\
                  return this.call<Customer360>('customer_360', { id });\n\
                  return this.call('sign_out');\n\
                  backend.call('not_ours'); recall('nor_this'); that.call('nor_that');";
    assert_eq!(
        called_by_the_ui(source),
        BTreeSet::from(["customer_360".to_owned(), "sign_out".to_owned()])
    );
}

/// The argument keys each `this.call('name', { ... })` in `commands.ts`
/// sends: shorthand names, `key: value` pairs, and `...approved(approval)`
/// (which sends `approval`).
fn keys_sent_by_the_ui(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut sent: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (at, _) in source.match_indices("this.call") {
        let rest = &source[at + "this.call".len()..];
        let Some(open) = rest.find("('") else {
            continue;
        };
        let rest = &rest[open + 2..];
        let Some(end) = rest.find('\'') else { continue };
        let name = rest[..end].to_owned();
        let keys = sent.entry(name).or_default();
        let rest = rest[end + 1..].trim_start();
        let Some(object) = rest.strip_prefix(',').map(str::trim_start) else {
            continue;
        };
        let Some(object) = object.strip_prefix('{') else {
            continue;
        };
        // Up to the object's closing brace, split at its own commas.
        let mut depth = 0;
        let mut part = String::new();
        let mut parts = Vec::new();
        for c in object.chars() {
            match c {
                '{' | '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(std::mem::take(&mut part));
                    continue;
                }
                _ => {}
            }
            part.push(c);
        }
        parts.push(part);
        for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
            let key = match part.strip_prefix("...") {
                Some(spread) if spread.starts_with("approved(") => "approval",
                Some(spread) => panic!("{spread}: a spread the scan cannot read"),
                None => part.split(':').next().unwrap_or(part).trim(),
            };
            keys.insert(key.to_owned());
        }
    }
    sent
}

#[test]
fn the_ui_sends_each_command_the_arguments_it_takes() {
    let source = std::fs::read_to_string(root().join("ui/src/lib/backend/commands.ts"))
        .expect("commands.ts");
    let sent = keys_sent_by_the_ui(&source);
    for command in ALL {
        let taken: BTreeSet<String> = command
            .args
            .iter()
            .map(|arg| super::super::args::camel_case(arg))
            .collect();
        let keys = sent.get(command.name).cloned().unwrap_or_default();
        let unknown: Vec<_> = keys.difference(&taken).collect();
        assert!(
            unknown.is_empty(),
            "{}: the UI sends {unknown:?}, which the command does not take (it takes {taken:?})",
            command.name
        );
    }
}

#[test]
fn the_argument_scan_reads_shorthands_pairs_and_approvals() {
    let source = "return this.call('booking_status', { booking, action, note: note ?? null, ...approved(approval) });\n\
                  return this.call('list_staff');\n\
                  return this.call('move_cash', { amount, reason: f(a, b) });";
    let sent = keys_sent_by_the_ui(source);
    let keys = |name: &str| sent[name].iter().map(String::as_str).collect::<Vec<_>>();
    assert_eq!(
        keys("booking_status"),
        ["action", "approval", "booking", "note"]
    );
    assert!(keys("list_staff").is_empty());
    assert_eq!(keys("move_cash"), ["amount", "reason"]);
}
