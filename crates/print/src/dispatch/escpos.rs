//! The bytes an ESC/POS thermal printer takes: the picture as `GS v 0`
//! raster bands, then feed and cut. Raster rather than text mode because a
//! printer's built-in fonts have no Vietnamese, and so that the paper shows
//! exactly what the PDF does.

use super::raster::Bitmap;

/// `ESC @`: forget any mode a previous job left set.
pub const INITIALISE: [u8; 2] = [0x1B, 0x40];
/// `GS v 0` with m = 0 (normal density), followed by xL xH yL yH and data.
pub const RASTER: [u8; 4] = [0x1D, 0x76, 0x30, 0x00];
/// `GS V 66 0`: feed to the cutter, then a partial cut (a hinge that keeps
/// the receipt from falling on the floor).
pub const FEED_AND_CUT: [u8; 4] = [0x1D, 0x56, 0x42, 0x00];
/// `ESC d 4`: four lines past the tear bar, for printers with no cutter.
pub const FEED_TO_TEAR: [u8; 3] = [0x1B, 0x64, 0x04];
/// Rows in one `GS v 0` command. Printers limit a command's height (often
/// to a few hundred rows) and buffer a whole command before printing it;
/// short bands keep both small and the paper moving.
pub const BAND_ROWS: u32 = 128;

/// The whole job: `copies` times the picture, each followed by the cut (or
/// the feed to the tear bar).
pub fn job(bitmap: &Bitmap, copies: u16, cutter: bool) -> Vec<u8> {
    let row = bitmap.bytes_per_row() as usize;
    let bands = bitmap.height().div_ceil(BAND_ROWS) as usize;
    let mut bytes = Vec::with_capacity(
        INITIALISE.len()
            + usize::from(copies)
                * (bitmap.height() as usize * row + bands * 8 + FEED_AND_CUT.len()),
    );
    bytes.extend_from_slice(&INITIALISE);
    for _ in 0..copies {
        let mut from = 0;
        while from < bitmap.height() {
            let to = (from + BAND_ROWS).min(bitmap.height());
            bytes.extend_from_slice(&RASTER);
            bytes.extend_from_slice(&(bitmap.bytes_per_row() as u16).to_le_bytes());
            bytes.extend_from_slice(&((to - from) as u16).to_le_bytes());
            bytes.extend_from_slice(bitmap.rows(from, to));
            from = to;
        }
        if cutter {
            bytes.extend_from_slice(&FEED_AND_CUT);
        } else {
            bytes.extend_from_slice(&FEED_TO_TEAR);
        }
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_carry_their_size_little_endian() {
        let mut bitmap = Bitmap::blank(16, BAND_ROWS + 2);
        bitmap.set_ink(0, 0);
        let bytes = job(&bitmap, 1, true);
        assert_eq!(&bytes[..2], &INITIALISE);
        assert_eq!(&bytes[2..6], &RASTER);
        // 2 bytes a row, 128 rows = 0x80 0x00.
        assert_eq!(&bytes[6..10], &[2, 0, 0x80, 0]);
        assert_eq!(bytes[10], 0x80);
        let second = 10 + 2 * BAND_ROWS as usize;
        assert_eq!(
            &bytes[second..second + 8],
            &[0x1D, 0x76, 0x30, 0, 2, 0, 2, 0]
        );
        assert_eq!(&bytes[bytes.len() - 4..], &FEED_AND_CUT);
        assert_eq!(bytes.len(), second + 8 + 4 + 4);
    }

    #[test]
    fn without_a_cutter_the_paper_is_fed_to_the_tear_bar() {
        let bitmap = Bitmap::blank(8, 1);
        let bytes = job(&bitmap, 2, false);
        let tears = bytes
            .windows(FEED_TO_TEAR.len())
            .filter(|window| *window == FEED_TO_TEAR)
            .count();
        assert_eq!(tears, 2);
        assert!(!bytes.windows(2).any(|window| window == [0x1D, 0x56]));
    }
}
