//! The brand colour's derived colours keep WCAG AA contrast; the colour scheme option.

use crate::theme::{AA_CONTRAST, BrandColors, ColorScheme, DARK_BG, LIGHT_BG, Rgb};

#[test]
fn colours_parse_only_as_six_digit_hex() {
    assert_eq!(Rgb::parse("#1662dd"), Some(Rgb(0x16, 0x62, 0xdd)));
    assert_eq!(Rgb::parse(" #1A2b3C "), Some(Rgb(0x1a, 0x2b, 0x3c)));
    for bad in [
        "",
        "#",
        "1662dd",
        "#1662d",
        "#1662ddd",
        "#gg0000",
        "red",
        "#ffé000",
        "#12345\u{0}",
    ] {
        assert_eq!(Rgb::parse(bad), None, "{bad:?}");
        assert_eq!(BrandColors::of(bad), None, "{bad:?}");
    }
    assert_eq!(Rgb(0x0a, 0xbc, 0x01).to_string(), "#0abc01");
}

#[test]
fn contrast_matches_wcag() {
    let white = Rgb(255, 255, 255);
    let black = Rgb(0, 0, 0);
    assert!((white.contrast(black) - 21.0).abs() < 1e-9);
    assert!((white.contrast(white) - 1.0).abs() < 1e-9);
    // The widget's default brand on white: 5.49:1.
    let brand = Rgb(0x16, 0x62, 0xdd);
    assert!(
        (brand.contrast(white) - 5.49).abs() < 0.01,
        "{}",
        brand.contrast(white)
    );
    assert_eq!(brand.contrast(white), white.contrast(brand));
}

#[test]
fn text_on_the_brand_is_white_unless_black_is_needed() {
    let dark = BrandColors::of("#1662dd").unwrap();
    assert_eq!(dark.on_brand, Rgb(255, 255, 255));
    assert_eq!(dark.text_light, dark.brand, "already readable on white");
    let gold = BrandColors::of("#ffd700").unwrap();
    assert_eq!(gold.on_brand, Rgb(0, 0, 0));
    assert_ne!(
        gold.text_light, gold.brand,
        "gold text on white is darkened"
    );
    assert_eq!(gold.text_dark, gold.brand, "and readable as it is on dark");
}

#[test]
fn every_brand_colour_keeps_aa_contrast_everywhere() {
    let steps = [0u8, 0x33, 0x66, 0x80, 0x99, 0xb3, 0xcc, 0xe6, 0xff];
    for r in steps {
        for g in steps {
            for b in steps {
                let hex = Rgb(r, g, b).to_string();
                let colors = BrandColors::of(&hex).unwrap();
                assert!(
                    colors.brand.contrast(colors.on_brand) >= AA_CONTRAST,
                    "{hex} button"
                );
                assert!(
                    colors.text_light.contrast(LIGHT_BG) >= AA_CONTRAST,
                    "{hex} link (light)"
                );
                assert!(
                    colors.text_dark.contrast(DARK_BG) >= AA_CONTRAST,
                    "{hex} link (dark)"
                );
            }
        }
    }
}

#[test]
fn the_rule_sets_the_custom_properties_for_one_root() {
    let css = BrandColors::of("#FFD700")
        .unwrap()
        .css(".authn-widget[data-authn-brand=\"b1\"]");
    assert!(
        css.starts_with(".authn-widget[data-authn-brand=\"b1\"]{--authn-brand:#ffd700;"),
        "{css}"
    );
    for property in [
        "--authn-brand-fg:#000000",
        "--authn-brand-text-light:#",
        "--authn-brand-text-dark:#ffd700",
        "--authn-focus:0 0 0 3px var(--authn-brand-text,#",
    ] {
        assert!(css.contains(property), "{property} in {css}");
    }
    assert_eq!(css.matches('{').count(), 1, "one rule, nothing injected");
}

#[test]
fn colour_schemes() {
    for scheme in [ColorScheme::Auto, ColorScheme::Light, ColorScheme::Dark] {
        assert_eq!(ColorScheme::parse(scheme.as_str()), Some(scheme));
    }
    assert_eq!(ColorScheme::parse("Dark"), None);
    assert_eq!(ColorScheme::parse("sepia"), None);
    assert_eq!(ColorScheme::default(), ColorScheme::Auto);
}
