//! The report's chart, progress by field, as a PNG to embed in the DOCX:
//! for each field two horizontal bars — the share of its tasks finished and
//! the mean reported % — with their values written beside them, an axis
//! from 0 to 100 % and a legend. Drawn here: rectangles into an RGB buffer,
//! text through ab_glyph with a vendored DejaVu Serif (it has every
//! Vietnamese letter), encoded with png. Nothing is read from the system.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use tiendo_core::vn::format_number;

use crate::model::FieldLine;

const FONT: &[u8] = include_bytes!("../assets/DejaVuSerif.ttf");

const WIDTH: u32 = 1600;
const LABEL: f32 = 600.0;
const RIGHT: f32 = 170.0;
const TOP: f32 = 100.0;
const ROW: f32 = 112.0;
const BAR: f32 = 36.0;
const TEXT: f32 = 36.0;

const INK: [u8; 3] = [0x1b, 0x1f, 0x24];
const GRID: [u8; 3] = [0xd5, 0xda, 0xe0];
const FINISHED: [u8; 3] = [0x0b, 0x5c, 0xad];
const MEAN: [u8; 3] = [0x8f, 0xb8, 0xe3];

struct Canvas {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Canvas {
        Canvas {
            width,
            height,
            rgb: vec![255; (width * height * 3) as usize],
        }
    }

    /// Mixes `colour` into the pixel by `cover` (0 to 1).
    fn blend(&mut self, x: i64, y: i64, colour: [u8; 3], cover: f32) {
        if x < 0 || y < 0 || x >= i64::from(self.width) || y >= i64::from(self.height) {
            return;
        }
        let at = ((y as u32 * self.width + x as u32) * 3) as usize;
        let cover = cover.clamp(0.0, 1.0);
        for (i, c) in colour.iter().enumerate() {
            let old = f32::from(self.rgb[at + i]);
            self.rgb[at + i] = (old + (f32::from(*c) - old) * cover).round() as u8;
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: [u8; 3]) {
        for yy in y.round() as i64..(y + h).round() as i64 {
            for xx in x.round() as i64..(x + w).round() as i64 {
                self.blend(xx, yy, colour, 1.0);
            }
        }
    }

    /// Writes `text` with its baseline at `y`, starting at `x`; its width.
    fn text(&mut self, font: &FontRef<'_>, x: f32, y: f32, text: &str, colour: [u8; 3]) -> f32 {
        let scaled = font.as_scaled(PxScale::from(TEXT));
        let mut caret = x;
        let mut last = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(prev) = last {
                caret += scaled.kern(prev, id);
            }
            let glyph = id.with_scale_and_position(TEXT, point(caret, y));
            caret += scaled.h_advance(id);
            last = Some(id);
            if let Some(outline) = font.outline_glyph(glyph) {
                let b = outline.px_bounds();
                outline.draw(|gx, gy, cover| {
                    self.blend(
                        b.min.x as i64 + i64::from(gx),
                        b.min.y as i64 + i64::from(gy),
                        colour,
                        cover,
                    );
                });
            }
        }
        caret - x
    }
}

/// The width `text` takes.
fn measure(font: &FontRef<'_>, text: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(TEXT));
    text.chars()
        .map(|c| scaled.h_advance(scaled.glyph_id(c)))
        .sum()
}

/// `text` cut to `room` pixels, with `…` when cut.
fn fit(font: &FontRef<'_>, text: &str, room: f32) -> String {
    if measure(font, text) <= room {
        return text.to_string();
    }
    let mut out: String = text.to_string();
    while !out.is_empty() && measure(font, &format!("{out}…")) > room {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

fn percent(p: Decimal) -> String {
    format!("{}%", format_number(p.round_dp(1)))
}

/// The chart as PNG bytes with its size in pixels; `None` without fields.
pub fn progress_by_field(fields: &[FieldLine]) -> Option<(Vec<u8>, u32, u32)> {
    if fields.is_empty() {
        return None;
    }
    let font = FontRef::try_from_slice(FONT).ok()?;
    let height = (TOP + ROW * fields.len() as f32 + 70.0) as u32;
    let mut c = Canvas::new(WIDTH, height);
    let plot = WIDTH as f32 - LABEL - RIGHT;
    let x_of = |p: f32| LABEL + plot * p.clamp(0.0, 100.0) / 100.0;

    // The legend, from the left edge: the plot is too narrow for it.
    c.rect(10.0, 22.0, 40.0, 30.0, FINISHED);
    let w = c.text(&font, 60.0, 50.0, "Tỷ lệ nhiệm vụ hoàn thành", INK);
    let next = 60.0 + w + 50.0;
    c.rect(next, 22.0, 40.0, 30.0, MEAN);
    c.text(
        &font,
        next + 50.0,
        50.0,
        "% hoàn thành bình quân theo báo cáo",
        INK,
    );

    // The grid and its axis.
    let bottom = TOP + ROW * fields.len() as f32;
    for step in [0.0f32, 25.0, 50.0, 75.0, 100.0] {
        let x = x_of(step);
        c.rect(x, TOP - 10.0, 2.0, bottom - TOP + 10.0, GRID);
        let label = format!("{}%", step as u32);
        let w = measure(&font, &label);
        c.text(&font, x - w / 2.0, bottom + 46.0, &label, INK);
    }

    for (i, f) in fields.iter().enumerate() {
        let y = TOP + ROW * i as f32 + 12.0;
        let name = fit(&font, &format!("{}. {}", f.number, f.title), LABEL - 30.0);
        c.text(&font, 10.0, y + BAR + 8.0, &name, INK);
        let finished = f.tally.finished_share().unwrap_or_default();
        for (j, (value, colour)) in [(finished, FINISHED), (f.mean_percent, MEAN)]
            .into_iter()
            .enumerate()
        {
            let top = y + j as f32 * (BAR + 4.0);
            let v = value.to_f32().unwrap_or(0.0);
            c.rect(LABEL, top, x_of(v) - LABEL, BAR, colour);
            c.text(&font, x_of(v) + 8.0, top + BAR - 6.0, &percent(value), INK);
        }
    }

    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, c.width, c.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&c.rgb).ok()?;
    }
    Some((png, c.width, c.height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tally;

    #[test]
    fn draws_one_row_of_two_bars_per_field() {
        let mut tally = Tally::default();
        tally.add(tiendo_core::TaskStatus::Done);
        tally.add(tiendo_core::TaskStatus::InProgress);
        let field = |n: &str, title: &str| FieldLine {
            number: n.into(),
            title: title.into(),
            tally,
            mean_percent: Decimal::new(625, 1),
        };
        let (png, w, h) =
            progress_by_field(&[field("1", "Kinh tế"), field("2", "Văn hóa - xã hội")]).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        assert_eq!(w, WIDTH);
        assert_eq!(h, (TOP + ROW * 2.0 + 70.0) as u32);
        assert!(progress_by_field(&[]).is_none());
    }

    #[test]
    fn long_names_are_cut_to_their_room() {
        let font = FontRef::try_from_slice(FONT).unwrap();
        let long = "Về xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh toàn diện";
        let cut = fit(&font, long, 300.0);
        assert!(cut.ends_with('…') && measure(&font, &cut) <= 300.0, "{cut}");
        assert_eq!(fit(&font, "Kinh tế", 300.0), "Kinh tế");
    }
}
