//! `frontline`: import evidence of territorial control and ask who held what, when.

mod builtin;
mod cli;
mod commands;
mod import;
mod output;
mod settings;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("error: {err}");
                for cause in err.chain().skip(1) {
                    eprintln!("  caused by: {cause}");
                }
            }
            ExitCode::FAILURE
        }
    }
}

/// A closed pipe (`frontline state ... | head`) is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Returns the memory the allocator holds free to the system (`serve` calls it when idle,
/// after dropping its caches).
#[allow(unsafe_code)]
pub(crate) fn give_back_memory() {
    // SAFETY: mi_collect takes no pointer; it only frees and purges memory no block uses.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
