//! What every document starts with (the business: name, address, tax
//! code, and on a receipt its logo), and the logo itself.

use caredesk_domain::business::BusinessSettings;
use printpdf::{RawImage, RawImageData, RawImageFormat};

use crate::error::{PrintError, Result};
use crate::layout::{Flow, Style};
use crate::words::Words;

/// The business's name, address and tax code, centred.
pub(crate) fn business(flow: &mut Flow, business: &BusinessSettings, words: &Words, body: Style) {
    flow.text(
        &business.name,
        Style::new(body.size * 1.4).bold().centered(),
    );
    if !business.address.is_empty() {
        flow.text(&business.address, body.centered());
    }
    if !business.tax_code.is_empty() {
        flow.text(
            &words.fill("tax_code", &[("code", &business.tax_code)]),
            body.centered(),
        );
    }
}

/// A logo as the caller gives it (PNG bytes), decoded to 8-bit pixels.
/// Refused before anything is laid out, so a bad file makes no document.
pub(crate) fn decode_logo(png: &[u8]) -> Result<RawImage> {
    let bad = |e: &dyn std::fmt::Display| PrintError::BadLogo(e.to_string());
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| bad(&e))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| PrintError::BadLogo("the image is too large".to_owned()))?;
    if size > 16 * 1024 * 1024 {
        return Err(PrintError::BadLogo("the image is too large".to_owned()));
    }
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).map_err(|e| bad(&e))?;
    pixels.truncate(frame.buffer_size());
    let format = match frame.color_type {
        png::ColorType::Grayscale => RawImageFormat::R8,
        png::ColorType::GrayscaleAlpha => RawImageFormat::RG8,
        png::ColorType::Rgb => RawImageFormat::RGB8,
        png::ColorType::Rgba => RawImageFormat::RGBA8,
        png::ColorType::Indexed => {
            return Err(PrintError::BadLogo(
                "an indexed PNG was not expanded".to_owned(),
            ));
        }
    };
    Ok(RawImage {
        pixels: RawImageData::U8(pixels),
        width: frame.width as usize,
        height: frame.height as usize,
        data_format: format,
        tag: Vec::new(),
    })
}
