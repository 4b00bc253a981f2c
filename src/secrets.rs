//! Plaintext passwords in the page: taken out of their fields at once, and
//! overwritten in memory as soon as they are no longer needed.

/// Takes a password out of its field: returns it and empties the field.
pub fn take_password(input: &web_sys::HtmlInputElement) -> String {
    let value = input.value();
    input.set_value("");
    value
}

/// Overwrites a secret's bytes with zeros and empties it. The compiler may
/// not remove the overwrite: the bytes are read back through `black_box`.
pub fn wipe(secret: &mut String) {
    let mut bytes = std::mem::take(secret).into_bytes();
    bytes.iter_mut().for_each(|b| *b = 0);
    std::hint::black_box(&bytes);
}

#[cfg(test)]
mod tests {
    use super::wipe;

    #[test]
    fn wipe_empties_the_secret() {
        let mut secret = String::from("hunter2");
        wipe(&mut secret);
        assert!(secret.is_empty());
    }
}
