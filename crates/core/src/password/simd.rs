//! Four passwords per instruction in WebAssembly: [`Lanes`] for `v128`,
//! one password in each 32-bit lane (`-C target-feature=+simd128`; every
//! current browser runs it).
//!
//! SHA-1's boolean functions are one or two instructions here:
//! `v128.bitselect` is "choose" as it stands, and "majority" is a
//! bitselect on `b ^ c`. Rotations are two shifts and an or (wasm has no
//! lane rotation).

use super::lanes::Lanes;
use core::arch::wasm32::*;

impl Lanes for v128 {
    const N: usize = 4;
    #[inline(always)]
    fn splat(word: u32) -> Self {
        u32x4_splat(word)
    }
    #[inline(always)]
    fn gather(words: &[u32]) -> Self {
        u32x4(words[0], words[1], words[2], words[3])
    }
    #[inline(always)]
    fn scatter(self, out: &mut [u32]) {
        out[0] = u32x4_extract_lane::<0>(self);
        out[1] = u32x4_extract_lane::<1>(self);
        out[2] = u32x4_extract_lane::<2>(self);
        out[3] = u32x4_extract_lane::<3>(self);
    }
    #[inline(always)]
    fn add(self, other: Self) -> Self {
        u32x4_add(self, other)
    }
    #[inline(always)]
    fn xor(self, other: Self) -> Self {
        v128_xor(self, other)
    }
    #[inline(always)]
    fn rotl<const BITS: u32>(self) -> Self {
        v128_or(u32x4_shl(self, BITS), u32x4_shr(self, 32 - BITS))
    }
    #[inline(always)]
    fn choose(b: Self, c: Self, d: Self) -> Self {
        // c where b has a 1, d where it has a 0.
        v128_bitselect(c, d, b)
    }
    #[inline(always)]
    fn majority(b: Self, c: Self, d: Self) -> Self {
        // Where b and c differ, d decides; where they agree, they do.
        v128_bitselect(d, b, v128_xor(b, c))
    }
}

/// The keys of `jobs` (UTF-8 password, salt), four per instruction.
pub fn derive_all(jobs: &[(&[u8], &[u8])]) -> Vec<[u8; super::KEY_LEN]> {
    super::lanes::derive_all::<v128>(jobs)
}
