//! HMAC-SHA1 taken apart, once per password: the inner and outer pad
//! states, and PBKDF2's first block `U1` (the only one that reads the salt).
//!
//! HMAC(key, m) = SHA1((key ^ opad) || SHA1((key ^ ipad) || m)). Both pads
//! are exactly one 64-byte block, so SHA-1's state after each of them is
//! the same for every message: computed here once, every one of PBKDF2's
//! 20,000 compressions starts from one of these two states, as the `pbkdf2`
//! crate does through `hmac`'s cloned cores.

use zeroize::Zeroize;

/// SHA-1's initial state.
pub(crate) const IV: [u32; 5] = [
    0x6745_2301,
    0xEFCD_AB89,
    0x98BA_DCFE,
    0x1032_5476,
    0xC3D2_E1F0,
];

/// SHA-1's block size, which is also HMAC's key block size.
const BLOCK: usize = 64;

/// The two SHA-1 states after the HMAC pads of one password's key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pads {
    /// After `key ^ 0x36…` (the inner hash).
    pub inner: [u32; 5],
    /// After `key ^ 0x5c…` (the outer hash).
    pub outer: [u32; 5],
}

impl Pads {
    /// The pad states for `key` (the UTF-8 password). A key longer than a
    /// block is hashed first, as HMAC says. The key's copies are wiped.
    pub fn new(key: &[u8]) -> Pads {
        let mut block = [0u8; BLOCK];
        if key.len() > BLOCK {
            use sha1::Digest;
            let mut digest = sha1::Sha1::digest(key);
            block[..digest.len()].copy_from_slice(&digest);
            digest.as_mut_slice().zeroize();
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let mut pad = [0u8; BLOCK];
        let mut state = |byte: u8| {
            for (p, k) in pad.iter_mut().zip(&block) {
                *p = k ^ byte;
            }
            let mut state = IV;
            compress(&mut state, &pad);
            state
        };
        let pads = Pads {
            inner: state(0x36),
            outer: state(0x5c),
        };
        block.zeroize();
        pad.zeroize();
        pads
    }

    /// PBKDF2's first block for the first (and, for a 20-byte key, only)
    /// output block: `U1 = HMAC(password, salt || 00 00 00 01)`.
    pub fn first(&self, salt: &[u8]) -> [u32; 5] {
        let inner = finish(self.inner, salt, &1u32.to_be_bytes());
        outer(self, &inner)
    }
}

/// The HMAC of a 20-byte message whose inner hash is `inner`, from the
/// outer pad state.
fn outer(pads: &Pads, inner: &[u32; 5]) -> [u32; 5] {
    finish(pads.outer, &to_bytes(inner), &[])
}

/// SHA-1 of one block already absorbed (a pad) followed by `a || b`:
/// the rest of the message, with SHA-1's padding and length.
fn finish(mut state: [u32; 5], a: &[u8], b: &[u8]) -> [u32; 5] {
    let len = a.len() + b.len();
    let bits = ((BLOCK + len) as u64) * 8;
    // The tail: the message, 0x80, zeros, the 8-byte length, in whole blocks.
    let blocks = (len + 1 + 8).div_ceil(BLOCK);
    let mut tail = vec![0u8; blocks * BLOCK];
    tail[..a.len()].copy_from_slice(a);
    tail[a.len()..len].copy_from_slice(b);
    tail[len] = 0x80;
    let end = tail.len();
    tail[end - 8..].copy_from_slice(&bits.to_be_bytes());
    for block in tail.chunks_exact(BLOCK) {
        compress(&mut state, block.try_into().expect("a 64-byte block"));
    }
    state
}

/// One SHA-1 compression of a block in bytes (SHA-NI where the processor
/// has it, through the `sha1` crate).
pub(crate) fn compress(state: &mut [u32; 5], block: &[u8; BLOCK]) {
    sha1::compress(state, core::slice::from_ref(block.into()));
}

/// The 20 bytes of a SHA-1 state, big-endian.
pub(crate) fn to_bytes(words: &[u32; 5]) -> [u8; 20] {
    let mut out = [0u8; 20];
    for (chunk, word) in out.chunks_exact_mut(4).zip(words) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}
