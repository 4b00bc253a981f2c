//! Random passwords and salts for comparing every hashing path with the
//! reference: a small seeded generator (the same inputs on every run and on
//! every target, so a failure can be replayed), Unicode from every plane.

/// xorshift64*: fast, seeded, good enough to spread test inputs.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A password of 0 to 300 UTF-8 bytes: ASCII, Latin, CJK, emoji and
    /// control characters, so lengths cross HMAC's 64-byte key block (keys
    /// over 64 bytes are hashed first) at every offset.
    pub fn password(&mut self) -> String {
        let limit = self.below(301);
        let mut out = String::new();
        loop {
            let c = match self.below(6) {
                0 | 1 => char::from(b' ' + self.below(95) as u8),
                2 => char::from_u32(0x80 + self.below(0x780) as u32).unwrap_or('é'),
                3 => char::from_u32(0x4e00 + self.below(0x5000) as u32).unwrap_or('漢'),
                4 => char::from_u32(0x1_F300 + self.below(0x300) as u32).unwrap_or('🔑'),
                _ => char::from(self.below(32) as u8),
            };
            if out.len() + c.len_utf8() > limit {
                return out;
            }
            out.push(c);
        }
    }

    /// A salt of 0 to 119 bytes (half of them 10): ProGet's are 10, but a stored one may be
    /// any length, and a salt over 51 bytes needs a second block for `U1`.
    pub fn salt(&mut self) -> Vec<u8> {
        let len = if self.below(2) == 0 {
            10
        } else {
            self.below(120)
        };
        (0..len).map(|_| self.next() as u8).collect()
    }
}
