//! Content hashes: what tells a changed schema or file from an unchanged one, and the
//! supergraph identifier printed in reload logs (`sha256sum` of the SDL, comparable by hand).

use sha2::{Digest, Sha256};

/// The SHA-256 of `bytes`, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// One hash over several strings, each length-prefixed so `["ab", "c"]` and `["a", "bc"]`
/// differ.
pub fn sha256_of_parts<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hex(&hasher.finalize())
}

/// The first 12 hex digits, enough to tell supergraphs apart in a log line.
pub fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_sha256sum_and_parts_do_not_run_together() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(sha256_of_parts(["ab", "c"]), sha256_of_parts(["a", "bc"]));
        assert_eq!(short(&sha256_hex(b"abc")), "ba7816bf8f01");
    }
}
