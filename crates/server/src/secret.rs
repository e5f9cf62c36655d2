//! Pairing codes and device tokens: random, shown once, stored as SHA-256.
//!
//! A plain hash (not a password hash) is enough: both are long random
//! strings, not something a person chose, so there is nothing to guess from
//! a leaked hash, and a token is checked on every request.

use rand::Rng;
use sha2::{Digest, Sha256};

/// Crockford's base 32: no I, L, O or U to misread when typed from a screen.
const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A pairing code lives this long.
pub const CODE_LIFETIME_MS: i64 = 24 * 60 * 60 * 1000;

/// `len` random characters of the alphabet: pairing codes, and the
/// register codes the server hands out.
pub fn random_code(len: usize) -> String {
    let mut rng = rand::rng();
    (0..len)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// `K7QM-2XPA-9D3F`: 60 bits, typed by a person at the new counter.
pub fn pairing_code() -> String {
    let chars: Vec<char> = random_code(12).chars().collect();
    chars
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What a person typed, read the way it was printed: case, spaces and
/// dashes do not matter, and the letters people confuse map to digits.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// `cdt_` and 256 random bits in hex (the protocol's shape, which a
/// counter re-keying itself makes too).
pub fn device_token() -> String {
    caredesk_protocol::new_device_token()
}

pub fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// The hash a pairing code is stored and looked up by.
pub fn code_hash(typed: &str) -> String {
    hash(&normalise_code(typed))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_however_it_is_typed() {
        let code = pairing_code();
        assert_eq!(code.len(), 14);
        assert_eq!(
            code_hash(&code),
            code_hash(&code.to_lowercase().replace('-', " "))
        );
        assert_eq!(normalise_code("k7qo-i2xl"), "K7Q012X1");
        assert_ne!(code_hash(&code), code_hash(&pairing_code()));
    }

    #[test]
    fn tokens_are_long_and_distinct() {
        let token = device_token();
        assert_eq!(token.len(), 4 + 64);
        assert!(caredesk_protocol::is_device_token(&token));
        assert_ne!(token, device_token());
        assert_eq!(hash(&token).len(), 64);
    }
}
