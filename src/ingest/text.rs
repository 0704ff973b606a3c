//! The `.txt` and `.md` reader: bytes to a Rust string, whatever the encoding French
//! administrative exports use (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252).
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::IngestError;
use crate::doc::{Format, RawText, Repairs};

/// Decodes a text file. Markup (for `.md`) is left for normalisation to reduce.
pub fn decode(bytes: &[u8], format: Format) -> Result<RawText, IngestError> {
    let mut repairs = Repairs::new();
    let text = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        if enc == UTF_16LE || enc == UTF_16BE {
            repairs.insert("encoding_utf16", 1);
        }
        let (s, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            repairs.insert("invalid_bytes", count_replacements(&s));
        }
        s.into_owned()
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        if looks_binary(s.as_bytes()) {
            return Err(IngestError::Binary);
        }
        s.to_owned()
    } else if looks_binary(bytes) {
        return Err(IngestError::Binary);
    } else if mostly_utf8(bytes) {
        // A UTF-8 file with a few damaged bytes: keep its accents, mark the damage.
        let s = String::from_utf8_lossy(bytes).into_owned();
        repairs.insert("invalid_bytes", count_replacements(&s));
        s
    } else {
        // Not UTF-8: Windows-1252, the encoding of most French office exports (a superset
        // of Latin-1 for printable text, with € and ’ in 0x80–0x9F).
        let (s, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
        repairs.insert("encoding_cp1252", 1);
        s.into_owned()
    };
    if looks_binary(text.as_bytes()) {
        return Err(IngestError::Binary);
    }
    Ok(RawText {
        format,
        pages: vec![text],
        repairs,
    })
}

fn count_replacements(s: &str) -> u64 {
    s.chars().filter(|&c| c == '\u{FFFD}').count() as u64
}

/// Text has no NUL bytes and few control characters; binaries have plenty of both.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 100 > sample.len().max(1)
}

/// More well-formed multi-byte UTF-8 sequences than invalid bytes: UTF-8 with damage,
/// not a single-byte encoding (where accented letters are lone high bytes).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multi, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multi += s.chars().filter(|c| c.len_utf8() > 1).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                if let Ok(s) = std::str::from_utf8(good) {
                    valid_multi += s.chars().filter(|c| c.len_utf8() > 1).count();
                }
                invalid += 1;
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = bad.get(skip..).unwrap_or_default();
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    valid_multi >= invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode(bytes, Format::Txt).unwrap().pages.concat()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text("Région Rhône-Alpes".as_bytes()), "Région Rhône-Alpes");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Métropole".as_bytes());
        assert_eq!(text(&b), "Métropole");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Économie sociale – 300 000 €".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(text(&le), "Économie sociale – 300 000 €");
        let mut be = vec![0xFE, 0xFF];
        for u in "Conseil général".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(text(&be), "Conseil général");
    }

    #[test]
    fn windows_1252_is_detected() {
        // "Délibération n° 12 : 1 500 € – l’ESS" in cp1252.
        let (bytes, _, _) = WINDOWS_1252.encode("Délibération n° 12 : 1 500 € – l’ESS");
        let raw = decode(&bytes, Format::Txt).unwrap();
        assert_eq!(raw.pages[0], "Délibération n° 12 : 1 500 € – l’ESS");
        assert_eq!(raw.repairs.get("encoding_cp1252"), Some(&1));
    }

    #[test]
    fn utf8_with_a_damaged_byte_keeps_its_accents() {
        let mut b = "Métropole de Lyon, économie sociale".as_bytes().to_vec();
        b[10] = 0xFF;
        let raw = decode(&b, Format::Txt).unwrap();
        assert!(raw.pages[0].contains("économie"));
        assert_eq!(raw.repairs.get("invalid_bytes"), Some(&1));
    }

    #[test]
    fn binary_is_refused() {
        let bin: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert_eq!(decode(&bin, Format::Txt).unwrap_err(), IngestError::Binary);
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0\0", Format::Txt).unwrap_err(),
            IngestError::Binary
        );
    }
}
