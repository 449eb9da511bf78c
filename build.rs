//! Build script: with the `transformer` feature, records where libtorch lives as an rpath, so that the
//! binary and the tests run without `LD_LIBRARY_PATH`. The default build links no libtorch and does nothing.

fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_TRANSFORMER").is_none() {
        return;
    }
    match std::env::var("LIBTORCH") {
        Ok(dir) if !dir.is_empty() => println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}/lib"),
        _ => panic!(
            "the `transformer` feature needs libtorch 2.4.0: run scripts/setup-transformer.sh and build with \
             the LIBTORCH and LIBTORCH_CXX11_ABI=0 it prints"
        ),
    }
}
