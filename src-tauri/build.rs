//! Tauri's build step, pointed at the shell's own folders: capabilities and
//! the app's command permissions live in src-tauri/ with the code they
//! guard, not beside the root manifest (which is also the workspace's).

fn main() {
    // A production build embeds the built UI; say how to make it instead of
    // letting tauri's macro fail with a bare "path doesn't exist".
    if std::env::var_os("CARGO_FEATURE_CUSTOM_PROTOCOL").is_some()
        && !std::path::Path::new("ui/dist/index.html").exists()
    {
        panic!(
            "ui/dist is missing: build the UI first with `make ui` (npm ci && npm run build in ui/)"
        );
    }
    println!("cargo:rerun-if-changed=ui/dist/index.html");
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/permissions");
    // Permissions are written by hand rather than generated with
    // `AppManifest::commands`, because tauri-build writes generated ones to
    // ./permissions at the workspace root.
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(
            tauri_build::AppManifest::new().permissions_path_pattern("src-tauri/permissions/**/*"),
        );
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script reports by failing; the message is what the developer needs.
        panic!("tauri-build failed: {error:#}");
    }
}
