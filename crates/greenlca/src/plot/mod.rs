//! Charts of LCA results as SVG (default) or PNG bytes: stacked life-cycle-stage bars, bars
//! normalised to a baseline, top contributors, tornado, histogram, violins and Sobol indices.
//!
//! The functions take plain data (names and numbers) and return the encoded image; they never
//! print or write files (use [`crate::report::write_atomic`] to save one). Empty or non-finite input
//! is an [`Error`] of kind [`Value`](crate::ErrorKind::Value).
//!
//! Layout rules common to all plots:
//! - the title's first line is set large; further lines (after `\n`) are a subtitle, the place for
//!   the functional unit, e.g. `"Climate change by life-cycle stage\nper 1 kg of product"`;
//! - axis titles carry the unit, e.g. `"GWP100 [kg CO2-eq]"`; when values are very large or small
//!   the ticks are divided by a power of ten that the axis title shows (`×10⁻⁶`);
//! - long category labels wrap onto up to three lines, or turn vertical when they still do not
//!   fit; over-long names end in an ellipsis; the left margin fits the longest row label;
//! - series take the Okabe-Ito colours, which stay distinct for colour-blind readers.
//!
//! SVG text names the bundled DejaVu Sans first and then CJK-capable families, so Chinese labels
//! render where such a font is installed. PNG output needs no installed font: it draws each
//! character from the bundled DejaVu Sans when DejaVu has it, else from the bundled Noto Sans CJK SC
//! subset (the 3,755 common hanzi of GB 2312 level 1, CJK punctuation, full-width forms), else as
//! a replacement box; both formats show Chinese.
//!
//! ```
//! use greenlca::plot::{PlotOptions, Series, stacked_bars};
//! let groups = vec!["design A".to_string(), "design B".to_string()];
//! let series = vec![
//!     Series { name: "production".into(), values: vec![3.2, 2.9] },
//!     Series { name: "end of life".into(), values: vec![-0.4, 0.1] },
//! ];
//! let svg = stacked_bars("GWP by stage\nper 1 unit", "GWP100 [kg CO2-eq]", &groups, &series,
//!     &PlotOptions::default()).unwrap();
//! assert!(String::from_utf8(svg).unwrap().contains("production"));
//! ```

mod check;
mod columns;
mod contributions;
mod distribution;
mod fonts;
mod frame;
mod histogram;
mod normalized;
mod raster;
mod render;
mod rows;
mod scale;
mod scene;
mod sobol;
mod stacked;
mod stats;
mod text;
mod tornado;
mod xy;

pub use contributions::horizontal_bars;
pub use distribution::violins;
pub use histogram::histogram;
pub use normalized::normalized_bars;
pub use sobol::sobol_bars;
pub use stacked::stacked_bars;
pub use tornado::tornado;

use crate::error::{Error, ErrorKind, Location, Result};

/// The image format a plot is encoded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ImageFormat {
    /// Scalable vector graphics (UTF-8 XML text, drawn with the viewer's fonts); the default.
    #[default]
    Svg,
    /// A PNG bitmap drawn with the bundled fonts: DejaVu Sans (Latin, Greek, Cyrillic) and a
    /// Noto Sans CJK SC subset (common Chinese).
    Png,
}

impl ImageFormat {
    /// Parses `svg` or `png` (any case).
    pub fn parse(s: &str) -> Option<ImageFormat> {
        match s.to_ascii_lowercase().as_str() {
            "svg" => Some(ImageFormat::Svg),
            "png" => Some(ImageFormat::Png),
            _ => None,
        }
    }
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
        }
    }
}

/// How to render a plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlotOptions {
    /// The output format.
    pub format: ImageFormat,
    /// Width in pixels (200 to 8000); text scales with the size.
    pub width: u32,
    /// Height in pixels (150 to 8000).
    pub height: u32,
    /// The charts' own words (legends, axis titles) in Chinese instead of English; the caller's
    /// titles and labels are drawn as given.
    pub chinese: bool,
}

impl Default for PlotOptions {
    fn default() -> Self {
        PlotOptions { format: ImageFormat::Svg, width: 960, height: 540, chinese: false }
    }
}

impl PlotOptions {
    /// SVG of the default size.
    pub fn svg() -> Self {
        PlotOptions::default()
    }
    /// PNG of the default size.
    pub fn png() -> Self {
        PlotOptions { format: ImageFormat::Png, ..PlotOptions::default() }
    }
    /// The same options with another size.
    pub fn with_size(self, width: u32, height: u32) -> Self {
        PlotOptions { width, height, ..self }
    }
    /// The same options with the charts' own words in Chinese (or English).
    pub fn in_chinese(self, chinese: bool) -> Self {
        PlotOptions { chinese, ..self }
    }
    /// A chart's own word in the language of these options.
    pub(crate) fn word(&self, en: &'static str, zh: &'static str) -> &'static str {
        if self.chinese { zh } else { en }
    }
    fn check(&self) -> Result<()> {
        if !(200..=8000).contains(&self.width) || !(150..=8000).contains(&self.height) {
            return Err(Error::new(
                ErrorKind::Value,
                Location::entity("plot options"),
                format!("image size `{}x{}` is out of range", self.width, self.height),
                "use a width of 200 to 8000 and a height of 150 to 8000 pixels (default 960x540)",
            ));
        }
        Ok(())
    }
}

/// One stacked series of [`stacked_bars`], e.g. a life-cycle stage: one value per group.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Name shown in the legend.
    pub name: String,
    /// One value per group, in the order of the groups; negative values stack below zero.
    pub values: Vec<f64>,
}

/// One bar of a [`tornado()`] chart: the result when a parameter is set low and high.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoBar {
    /// The parameter varied.
    pub label: String,
    /// The result with the parameter at its low value.
    pub low: f64,
    /// The result with the parameter at its high value.
    pub high: f64,
    /// Text at the low end, e.g. the parameter's low value (`"0.8 kWh"`); the result if `None`.
    pub low_label: Option<String>,
    /// Text at the high end; the result if `None`.
    pub high_label: Option<String>,
}

/// Renders a laid-out scene in the requested format.
fn finish(scene: scene::Scene, opts: &PlotOptions) -> Result<Vec<u8>> {
    render::render(&scene, opts.format)
}
