//! The brand colour (Okta's `colors.brand`) as CSS custom properties, with the colours drawn on and
//! next to it computed so that text keeps WCAG AA contrast (4.5:1), and the colour scheme (light, dark
//! or the browser's preference).
//!
//! Pure: the widget turns [`BrandColors::css`] into a constructed stylesheet scoped to its root
//! (never a `style` attribute, so `style-src 'self'` holds).

use std::fmt;

/// WCAG 2.1 AA contrast for normal text.
pub const AA_CONTRAST: f64 = 4.5;

/// The widget's own backgrounds (`--authn-bg` in `widget.css`), light and dark: links in the brand
/// colour must be readable on them.
pub const LIGHT_BG: Rgb = Rgb(0xff, 0xff, 0xff);
/// See [`LIGHT_BG`].
pub const DARK_BG: Rgb = Rgb(0x18, 0x19, 0x1d);

const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
const BLACK: Rgb = Rgb(0, 0, 0);

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb` (any case, surrounding spaces ignored); `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Self(channel(0)?, channel(2)?, channel(4)?))
    }

    /// WCAG relative luminance (0 black .. 1 white).
    pub fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// WCAG contrast ratio with `other` (1 .. 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour moved a `t` part (0..=1) of the way to `to`.
    fn mix(self, to: Rgb, t: f64) -> Rgb {
        let channel = |a: u8, b: u8| {
            let mixed = f64::from(a) + (f64::from(b) - f64::from(a)) * t;
            // In 0..=255 by construction.
            mixed.round().clamp(0.0, 255.0) as u8
        };
        Rgb(
            channel(self.0, to.0),
            channel(self.1, to.1),
            channel(self.2, to.2),
        )
    }

    /// The colour nearest to this one, moving towards black or white (whichever contrasts more with
    /// `background`), that has AA contrast with `background`.
    fn readable_on(self, background: Rgb) -> Rgb {
        let toward = if background.luminance() > 0.5 {
            BLACK
        } else {
            WHITE
        };
        (0..=20)
            .map(|step| self.mix(toward, f64::from(step) / 20.0))
            .find(|c| c.contrast(background) >= AA_CONTRAST)
            .unwrap_or(toward)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colours derived from a brand colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrandColors {
    /// The brand colour: primary buttons (`--authn-brand`).
    pub brand: Rgb,
    /// Text on the brand colour: white, or black when white would not reach AA
    /// (`--authn-brand-fg`).
    pub on_brand: Rgb,
    /// Links and secondary buttons on the light background (`--authn-brand-text-light`).
    pub text_light: Rgb,
    /// The same on the dark background (`--authn-brand-text-dark`).
    pub text_dark: Rgb,
}

impl BrandColors {
    /// The colours of `brand` (`#rrggbb`); `None` when it is not such a colour.
    pub fn of(brand: &str) -> Option<Self> {
        let brand = Rgb::parse(brand)?;
        let on_brand = if brand.contrast(WHITE) >= AA_CONTRAST {
            WHITE
        } else {
            BLACK
        };
        Some(Self {
            brand,
            on_brand,
            text_light: brand.readable_on(LIGHT_BG),
            text_dark: brand.readable_on(DARK_BG),
        })
    }

    /// The rule setting the custom properties on the widget root matching `selector`. The focus ring
    /// is drawn in the readable brand colour (a pale brand would not show on the background).
    pub fn css(&self, selector: &str) -> String {
        format!(
            "{selector}{{--authn-brand:{};--authn-brand-fg:{};--authn-brand-text-light:{};\
             --authn-brand-text-dark:{};--authn-focus:0 0 0 3px var(--authn-brand-text,{})}}",
            self.brand, self.on_brand, self.text_light, self.text_dark, self.text_light
        )
    }
}

/// Light or dark: the browser's preference (`prefers-color-scheme`) or one forced by the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ColorScheme {
    /// Follow the browser (`prefers-color-scheme`).
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ColorScheme {
    /// `auto`, `light` or `dark` (the option's values; the root's `data-color-scheme`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    /// The scheme named `text` (`auto`, `light` or `dark`); `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Auto, Self::Light, Self::Dark]
            .into_iter()
            .find(|scheme| scheme.as_str() == text)
    }
}
