# Shared helpers for scripts/serve and scripts/test. Source it; do not run it.
#
# Each ensure_* function installs one tool the project needs, or does nothing
# when the right version is already there, so the scripts are safe to run
# again and again on a fresh machine or a warm one. Each prints one line.

# Where `cargo install` puts trunk, wasm-bindgen and wasm-split-cli (and,
# when CARGO_HOME is elsewhere, where rustup's cargo still is).
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

# The repository root (the folder above scripts/).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Versions the build needs. Trunk 0.22 needs a newer rustc than ours.
TRUNK_VERSION="0.21.14"

# step "message": announce a step of a script.
step() {
    printf '==> %s\n' "$*"
}

# die "message": stop the script with a clear message on stderr.
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# need_cmd NAME "hint": fail unless NAME is on PATH.
need_cmd() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' was not found on PATH. $2"
}

# Run a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "'$*' needs root and sudo is not installed"
    fi
}

# The Rust toolchain with rustfmt, clippy and the wasm32 target.
ensure_rust() {
    need_cmd cargo "Install Rust with rustup (https://rustup.rs) first."
    need_cmd rustup "This project expects a rustup-managed toolchain."
    local installed missing=()
    installed="$(rustup component list --installed)"
    grep -q '^rustfmt' <<<"$installed" || missing+=(rustfmt)
    grep -q '^clippy' <<<"$installed" || missing+=(clippy)
    # The page's standard library is built from source for size (page_trunk).
    grep -q '^rust-src' <<<"$installed" || missing+=(rust-src)
    if [ ${#missing[@]} -gt 0 ]; then
        printf '    installing rust components: %s\n' "${missing[*]}"
        rustup component add "${missing[@]}" || die "rustup component add ${missing[*]} failed"
    fi
    printf '    rust: %s (rustfmt, clippy, rust-src)\n' "$(rustc --version)"
}

ensure_wasm_target() {
    if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
        printf '    wasm32-unknown-unknown target: present\n'
    else
        printf '    wasm32-unknown-unknown target: installing\n'
        rustup target add wasm32-unknown-unknown || die "rustup target add wasm32-unknown-unknown failed"
    fi
}

# Trunk builds and serves the browser editor. Exactly $TRUNK_VERSION.
ensure_trunk() {
    local have=""
    if command -v trunk >/dev/null 2>&1; then
        have="$(trunk --version 2>/dev/null || true)"
    fi
    if [ "$have" = "trunk $TRUNK_VERSION" ]; then
        printf '    trunk %s: present\n' "$TRUNK_VERSION"
        return
    fi
    printf '    trunk %s: installing with cargo (takes about 8 minutes once)\n' "$TRUNK_VERSION"
    cargo install --locked trunk --version "$TRUNK_VERSION" \
        || die "cargo install trunk $TRUNK_VERSION failed"
    [ "$(trunk --version)" = "trunk $TRUNK_VERSION" ] \
        || die "installed trunk but 'trunk --version' says '$(trunk --version)'"
}

# The version of the wasm-bindgen crate that Cargo.lock pins.
wasm_bindgen_version() {
    awk '
        $0 == "[[package]]" { name = "" }
        $1 == "name" && $3 == "\"wasm-bindgen\"" { name = "wasm-bindgen" }
        name == "wasm-bindgen" && $1 == "version" { gsub(/"/, "", $3); print $3; exit }
    ' "$ROOT/Cargo.lock"
}

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in
# Cargo.lock, or the generated glue does not match the compiled module.
# (It is installed without --locked: its own lockfile does not build.)
ensure_wasm_bindgen() {
    local want have=""
    want="$(wasm_bindgen_version)"
    [ -n "$want" ] || die "could not read the wasm-bindgen version from $ROOT/Cargo.lock"
    if command -v wasm-bindgen >/dev/null 2>&1; then
        have="$(wasm-bindgen --version 2>/dev/null || true)"
    fi
    if [ "$have" = "wasm-bindgen $want" ]; then
        printf '    wasm-bindgen %s: present\n' "$want"
        return
    fi
    printf '    wasm-bindgen-cli %s: installing with cargo (takes about 3 minutes once)\n' "$want"
    cargo install wasm-bindgen-cli --version "=$want" \
        || die "cargo install wasm-bindgen-cli --version =$want failed"
    [ "$(wasm-bindgen --version)" = "wasm-bindgen $want" ] \
        || die "installed wasm-bindgen-cli but 'wasm-bindgen --version' says '$(wasm-bindgen --version)'"
}

# Debian's Chromium and its ChromeDriver, for the wasm tests and the
# end-to-end tests. apt-get update runs only when something is missing.
ensure_chromium() {
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        printf '    chromium and chromedriver: present\n'
        return
    fi
    need_cmd apt-get "Install Chromium and ChromeDriver (Debian packages chromium, chromium-driver) by hand."
    printf '    chromium and chromedriver: installing with apt-get (takes about 1 minute once)\n'
    as_root apt-get update -qq || die "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
        || die "apt-get install chromium chromium-driver failed"
    [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
        || die "chromium or chromedriver is still missing from /usr/bin after apt-get install"
}

# The end-to-end tests' npm packages (playwright-core), exactly as in
# e2e/package-lock.json. Re-installed when the lockfile is newer.
ensure_node_modules() {
    need_cmd node "Install Node.js 20 or newer (Debian package nodejs)."
    need_cmd npm "Install npm (Debian package npm)."
    local dir="$ROOT/e2e"
    if [ -d "$dir/node_modules" ] && [ ! "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
        printf '    e2e node_modules: present (node %s)\n' "$(node --version)"
        return
    fi
    printf '    e2e node_modules: npm ci\n'
    (cd "$dir" && npm ci --no-audit --no-fund) || die "npm ci in e2e/ failed"
    touch "$dir/node_modules"
}

# wasm-opt from the npm package binaryen, exactly $BINARYEN_VERSION: Trunk
# runs it on the release build (index.html's data-wasm-opt) and finds it on
# PATH (Trunk.toml pins the version, so a stray other wasm-opt, such as
# Debian's binaryen 108 that breaks the module, makes the build fail rather
# than the page). Installed once into target/tools/binaryen (git-ignored).
BINARYEN_VERSION="132"
BINARYEN_DIR="$ROOT/target/tools/binaryen"
export PATH="$BINARYEN_DIR/node_modules/.bin:$PATH"

ensure_wasm_opt() {
    local have=""
    if [ -x "$BINARYEN_DIR/node_modules/.bin/wasm-opt" ]; then
        have="$("$BINARYEN_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null || true)"
    fi
    if [[ "$have" == "wasm-opt version $BINARYEN_VERSION "* ]]; then
        printf '    wasm-opt %s (npm binaryen): present\n' "$BINARYEN_VERSION"
        return
    fi
    need_cmd npm "Install npm (Debian package npm)."
    printf '    wasm-opt %s: installing the npm package binaryen (takes about 20 seconds once)\n' "$BINARYEN_VERSION"
    mkdir -p "$BINARYEN_DIR"
    (cd "$BINARYEN_DIR" && npm install --no-audit --no-fund --no-save --prefix "$BINARYEN_DIR" "binaryen@$BINARYEN_VERSION") \
        || die "npm install binaryen@$BINARYEN_VERSION failed"
    have="$("$BINARYEN_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null || true)"
    [[ "$have" == "wasm-opt version $BINARYEN_VERSION "* ]] \
        || die "installed binaryen but 'wasm-opt --version' says '$have'"
}

# wasm-split-cli (the crate wasm_split_cli_support, Leptos's splitter, as
# cargo-leptos --split uses it): scripts/build-page cuts the editor's wasm
# with it. Exactly $WASM_SPLIT_VERSION.
WASM_SPLIT_VERSION="0.2.4"
ensure_wasm_split() {
    if cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" \
        && command -v wasm-split-cli >/dev/null 2>&1; then
        printf '    wasm-split-cli %s: present\n' "$WASM_SPLIT_VERSION"
        return
    fi
    printf '    wasm-split-cli %s: installing with cargo (takes about 2 minutes once)\n' "$WASM_SPLIT_VERSION"
    cargo install --locked wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary \
        || die "cargo install wasm_split_cli_support --version =$WASM_SPLIT_VERSION failed"
}

# The crates the build needs, from crates.io, before Trunk builds offline:
# the workspace's (Cargo.lock) and those of the standard library that
# page_trunk compiles from source (rust-src's own Cargo.lock; reading that
# manifest takes RUSTC_BOOTSTRAP=1). Quick when they are all there.
ensure_crates() {
    cargo fetch --locked --quiet || die "cargo fetch failed"
    local library
    library="$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
    [ -f "$library" ] || die "$library is missing: rustup component add rust-src"
    RUSTC_BOOTSTRAP=1 cargo fetch --locked --quiet --manifest-path "$library" \
        || die "cargo fetch of the standard library's crates failed"
    printf '    crates (workspace and standard library): present\n'
}

# Everything scripts/serve needs.
ensure_build_tools() {
    ensure_rust
    ensure_wasm_target
    ensure_wasm_bindgen
    ensure_trunk
    ensure_wasm_opt
    ensure_wasm_split
    ensure_crates
}

# trunk, with the editor's wasm built for size: its standard library is
# compiled from source with the page's profile (`-Z build-std`, from the
# rust-src component) and it panics with `panic = "immediate-abort"`: no
# panic messages, hook or formatting in the first load (32 KB gzipped less;
# README, "Page size"). Both are unstable cargo features, enabled on the
# stable toolchain with RUSTC_BOOTSTRAP=1 for this command only, as
# scripts/fuzz does for cargo-fuzz. Only the `page` profile aborts so: the
# Web Workers (profile `release`) keep their panic hook, which tells the page
# that a worker died. A bare `trunk build` still builds a working page, larger.
page_trunk() {
    RUSTC_BOOTSTRAP=1 \
        CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
        CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT=true \
        CARGO_PROFILE_PAGE_PANIC=immediate-abort \
        trunk "$@"
}
