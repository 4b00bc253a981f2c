//! PBKDF2 one password at a time, on raw SHA-1 compressions.
//!
//! After `U1`, every PBKDF2 round is two HMACs of a 20-byte message, and
//! each of those is one compression of a block whose last 44 bytes never
//! change (SHA-1's padding and the length of 64 + 20 bytes), starting from
//! a pad state ([`Pads`]). So a round is exactly two compressions and
//! nothing else: no hasher objects, no buffering, no finalisation. The
//! compression is the `sha1` crate's, which uses the SHA-NI instructions
//! where the processor has them.

use super::pads::{compress, to_bytes, Pads};
use super::{ITERATIONS, KEY_LEN};
use zeroize::Zeroize;

/// The block of a 20-byte message after a one-block pad: the message, 0x80,
/// zeros and the length in bits (84 bytes = 672 bits).
const fn round_block() -> [u8; 64] {
    let mut block = [0u8; 64];
    block[20] = 0x80;
    let bits = (84u64 * 8).to_be_bytes();
    let mut i = 0;
    while i < 8 {
        block[56 + i] = bits[i];
        i += 1;
    }
    block
}

/// ProGet's 20-byte key of the UTF-8 `password` with `salt`, equal to
/// [`reference::derive`](super::reference::derive) bit for bit.
pub fn derive(password: &[u8], salt: &[u8]) -> [u8; KEY_LEN] {
    let pads = Pads::new(password);
    let key = iterate(&pads, pads.first(salt));
    to_bytes(&key)
}

/// Rounds 2 to [`ITERATIONS`] from `U1`: `T = U1 ^ U2 ^ … ^ U10000`.
pub(crate) fn iterate(pads: &Pads, first: [u32; 5]) -> [u32; 5] {
    let mut block = round_block();
    let mut u = first;
    let mut t = first;
    for _ in 1..ITERATIONS {
        block[..20].copy_from_slice(&to_bytes(&u));
        let mut inner = pads.inner;
        compress(&mut inner, &block);
        block[..20].copy_from_slice(&to_bytes(&inner));
        u = pads.outer;
        compress(&mut u, &block);
        for (t, u) in t.iter_mut().zip(&u) {
            *t ^= u;
        }
    }
    block.zeroize();
    u.zeroize();
    t
}
