//! PBKDF2 for several passwords at once: SHA-1 written once over a "lanes"
//! type, so that one instruction works on one 32-bit word of each of
//! [`Lanes::N`] passwords (the four lanes of a wasm `v128`, see
//! `simd`, on wasm32 only), or of one password (`u32`, the portable path).
//!
//! The compression here is specialised to PBKDF2's rounds: the message is
//! always 20 bytes after a one-block pad, so 11 of the 16 message words
//! are constants (SHA-1's padding and the length), and the compiler folds
//! them and the parts of the message schedule that follow from them.

use super::pads::Pads;
use super::{ITERATIONS, KEY_LEN};
use zeroize::Zeroize;

/// A vector of `N` independent 32-bit words and the operations SHA-1
/// needs, each applied lane by lane.
pub trait Lanes: Copy {
    /// How many passwords one value carries.
    const N: usize;
    /// The same word in every lane.
    fn splat(word: u32) -> Self;
    /// Lane `i` of each value comes from `words[i]`; `words.len() == N`.
    fn gather(words: &[u32]) -> Self;
    /// Writes lane `i` to `out[i]`; `out.len() == N`.
    fn scatter(self, out: &mut [u32]);
    /// Wrapping addition.
    fn add(self, other: Self) -> Self;
    /// Exclusive or.
    fn xor(self, other: Self) -> Self;
    /// Rotation left by `BITS`.
    fn rotl<const BITS: u32>(self) -> Self;
    /// SHA-1's "choose" (rounds 0–19): `(b & c) | (!b & d)`.
    fn choose(b: Self, c: Self, d: Self) -> Self;
    /// SHA-1's "majority" (rounds 40–59): `(b & c) | (b & d) | (c & d)`.
    fn majority(b: Self, c: Self, d: Self) -> Self;
}

impl Lanes for u32 {
    const N: usize = 1;
    #[inline(always)]
    fn splat(word: u32) -> Self {
        word
    }
    #[inline(always)]
    fn gather(words: &[u32]) -> Self {
        words[0]
    }
    #[inline(always)]
    fn scatter(self, out: &mut [u32]) {
        out[0] = self;
    }
    #[inline(always)]
    fn add(self, other: Self) -> Self {
        self.wrapping_add(other)
    }
    #[inline(always)]
    fn xor(self, other: Self) -> Self {
        self ^ other
    }
    #[inline(always)]
    fn rotl<const BITS: u32>(self) -> Self {
        self.rotate_left(BITS)
    }
    #[inline(always)]
    fn choose(b: Self, c: Self, d: Self) -> Self {
        d ^ (b & (c ^ d))
    }
    #[inline(always)]
    fn majority(b: Self, c: Self, d: Self) -> Self {
        (b & c) | (d & (b | c))
    }
}

/// Four `u32` lanes in plain Rust: the multi-buffer logic of the SIMD path
/// (groups, partial groups, lane order), runnable and testable anywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quad(pub [u32; 4]);

impl Quad {
    #[inline(always)]
    fn map2(self, other: Self, f: impl Fn(u32, u32) -> u32) -> Self {
        Quad(std::array::from_fn(|i| f(self.0[i], other.0[i])))
    }
}

impl Lanes for Quad {
    const N: usize = 4;
    #[inline(always)]
    fn splat(word: u32) -> Self {
        Quad([word; 4])
    }
    #[inline(always)]
    fn gather(words: &[u32]) -> Self {
        Quad([words[0], words[1], words[2], words[3]])
    }
    #[inline(always)]
    fn scatter(self, out: &mut [u32]) {
        out[..4].copy_from_slice(&self.0);
    }
    #[inline(always)]
    fn add(self, other: Self) -> Self {
        self.map2(other, u32::wrapping_add)
    }
    #[inline(always)]
    fn xor(self, other: Self) -> Self {
        self.map2(other, |a, b| a ^ b)
    }
    #[inline(always)]
    fn rotl<const BITS: u32>(self) -> Self {
        Quad(self.0.map(|w| w.rotate_left(BITS)))
    }
    #[inline(always)]
    fn choose(b: Self, c: Self, d: Self) -> Self {
        Quad(std::array::from_fn(|i| u32::choose(b.0[i], c.0[i], d.0[i])))
    }
    #[inline(always)]
    fn majority(b: Self, c: Self, d: Self) -> Self {
        Quad(std::array::from_fn(|i| {
            u32::majority(b.0[i], c.0[i], d.0[i])
        }))
    }
}

const K0: u32 = 0x5A82_7999;
const K1: u32 = 0x6ED9_EBA1;
const K2: u32 = 0x8F1B_BCDC;
const K3: u32 = 0xCA62_C1D6;

/// SHA-1 of a 20-byte message `m` after a one-block pad whose state is
/// `state`: one compression, feed-forward included.
#[inline(always)]
pub fn compress_round<L: Lanes>(state: &[L; 5], m: &[L; 5]) -> [L; 5] {
    let zero = L::splat(0);
    let mut w = [
        m[0],
        m[1],
        m[2],
        m[3],
        m[4],
        L::splat(0x8000_0000),
        zero,
        zero,
        zero,
        zero,
        zero,
        zero,
        zero,
        zero,
        zero,
        L::splat(84 * 8),
    ];
    let [mut a, mut b, mut c, mut d, mut e] = *state;

    macro_rules! step {
        ($t:literal, $f:expr, $k:expr) => {{
            if $t >= 16 {
                w[$t & 15] = w[($t + 13) & 15]
                    .xor(w[($t + 8) & 15])
                    .xor(w[($t + 2) & 15])
                    .xor(w[$t & 15])
                    .rotl::<1>();
            }
            let f = $f(b, c, d);
            let temp = a
                .rotl::<5>()
                .add(f)
                .add(e)
                .add(L::splat($k))
                .add(w[$t & 15]);
            e = d;
            d = c;
            c = b.rotl::<30>();
            b = a;
            a = temp;
        }};
    }
    macro_rules! steps {
        ($f:expr, $k:expr; $($t:literal)*) => { $( step!($t, $f, $k); )* };
    }
    let parity = |b: L, c: L, d: L| b.xor(c).xor(d);
    steps!(L::choose, K0; 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19);
    steps!(parity, K1; 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39);
    steps!(L::majority, K2; 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59);
    steps!(parity, K3; 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79);

    [
        state[0].add(a),
        state[1].add(b),
        state[2].add(c),
        state[3].add(d),
        state[4].add(e),
    ]
}

/// Rounds 2 to [`ITERATIONS`] for `L::N` passwords at once, from their pad
/// states and `U1`s (lane `i` of each word is password `i`).
#[inline(always)]
pub fn iterate<L: Lanes>(inner: &[L; 5], outer: &[L; 5], first: [L; 5]) -> [L; 5] {
    let mut u = first;
    let mut t = first;
    for _ in 1..ITERATIONS {
        let h = compress_round(inner, &u);
        u = compress_round(outer, &h);
        t = std::array::from_fn(|i| t[i].xor(u[i]));
    }
    t
}

/// One password made ready for the rounds: its pad states and `U1`.
#[derive(Clone, Copy, Debug)]
pub struct Prepared {
    pub pads: Pads,
    pub first: [u32; 5],
}

impl Prepared {
    /// Pads and `U1` of the UTF-8 `password` with `salt`.
    pub fn new(password: &[u8], salt: &[u8]) -> Prepared {
        let pads = Pads::new(password);
        Prepared {
            pads,
            first: pads.first(salt),
        }
    }

    /// Word `j` of each of the states, as one row: inner, outer, `U1`.
    fn row(&self, j: usize) -> [u32; 3] {
        [self.pads.inner[j], self.pads.outer[j], self.first[j]]
    }
}

impl Zeroize for Prepared {
    fn zeroize(&mut self) {
        self.pads.inner.zeroize();
        self.pads.outer.zeroize();
        self.first.zeroize();
    }
}

/// The keys of up to `L::N` prepared passwords; a partial group fills its
/// empty lanes with the last password's work and drops their results.
pub fn derive_group<L: Lanes>(group: &[Prepared], out: &mut [[u8; KEY_LEN]]) {
    assert!(!group.is_empty() && group.len() <= L::N && out.len() == group.len());
    let mut words = vec![[0u32; 3]; L::N];
    let mut inner = [L::splat(0); 5];
    let mut outer = [L::splat(0); 5];
    let mut first = [L::splat(0); 5];
    let mut lane = vec![0u32; L::N];
    for j in 0..5 {
        for (i, w) in words.iter_mut().enumerate() {
            *w = group[i.min(group.len() - 1)].row(j);
        }
        for (k, state) in [&mut inner, &mut outer, &mut first].into_iter().enumerate() {
            for (l, w) in lane.iter_mut().zip(&words) {
                *l = w[k];
            }
            state[j] = L::gather(&lane);
        }
    }
    words.zeroize();
    let t = iterate(&inner, &outer, first);
    for (j, word) in t.iter().enumerate() {
        word.scatter(&mut lane);
        for (key, w) in out.iter_mut().zip(&lane) {
            key[j * 4..j * 4 + 4].copy_from_slice(&w.to_be_bytes());
        }
    }
    lane.zeroize();
}

/// The keys of `jobs` (UTF-8 password, salt), `L::N` at a time.
pub fn derive_all<L: Lanes>(jobs: &[(&[u8], &[u8])]) -> Vec<[u8; KEY_LEN]> {
    let mut keys = vec![[0u8; KEY_LEN]; jobs.len()];
    let mut group = Vec::with_capacity(L::N);
    for (chunk, out) in jobs.chunks(L::N).zip(keys.chunks_mut(L::N)) {
        group.clear();
        group.extend(chunk.iter().map(|(p, s)| Prepared::new(p, s)));
        derive_group::<L>(&group, out);
        group.iter_mut().for_each(Zeroize::zeroize);
    }
    keys
}
