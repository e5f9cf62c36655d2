//! Embeds `migrations/local/*.sql` into the binary, in order, and checks that
//! they are numbered 0001, 0002, ... without gaps.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = root.join("../../migrations/local");
    println!("cargo::rerun-if-changed={}", dir.display());

    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
        .collect();
    files.sort();

    let mut out = String::from("pub(crate) const MIGRATIONS: &[(&str, &str)] = &[\n");
    for (index, path) in files.iter().enumerate() {
        let name = path.file_stem().expect("file name").to_string_lossy();
        let expected = format!("{:04}_", index + 1);
        assert!(
            name.starts_with(&expected),
            "migration {name} is out of sequence: expected a name starting with {expected}"
        );
        let absolute = fs::canonicalize(path).expect("canonical path");
        println!("cargo::rerun-if-changed={}", absolute.display());
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            absolute.display().to_string()
        )
        .expect("write to string");
    }
    out.push_str("];\n");
    let target = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("migrations.rs");
    fs::write(target, out).expect("write migrations.rs");
}
