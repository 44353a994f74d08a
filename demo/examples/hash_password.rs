//! Prints argon2id PHC strings for scenario files.
//!
//! `cargo run -p demo --example hash_password -- [--memory-kib N] [--iterations N] PASSWORD...`
//! (defaults: 19456 KiB, 2 iterations, 1 lane; the OWASP minimum for argon2id).

use demo::scenario::Argon2Cost;

fn main() {
    let mut cost = Argon2Cost {
        memory_kib: 19_456,
        iterations: 2,
        parallelism: 1,
    };
    let mut args = std::env::args().skip(1);
    let mut passwords = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--memory-kib" => {
                cost.memory_kib = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(cost.memory_kib)
            }
            "--iterations" => {
                cost.iterations = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(cost.iterations)
            }
            _ => passwords.push(arg),
        }
    }
    if passwords.is_empty() {
        eprintln!("usage: hash_password [--memory-kib N] [--iterations N] PASSWORD...");
        std::process::exit(2);
    }
    for password in passwords {
        match demo::secrets::hash_password(&password, &cost) {
            Ok(phc) => println!("{password}\t{phc}"),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
}
