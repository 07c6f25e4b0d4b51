//! Terms used in both languages, and number formats for running text.

use super::lang::Lang;
use crate::model::StageScheme;
use crate::report::format::human;

/// (Chinese, English) name of a stage id of the model's scheme.
pub fn stage(scheme: &StageScheme, id: &str) -> (&'static str, &'static str) {
    scheme.names(id)
}

/// (Chinese, English) of a requirement or indicator status of the check report.
pub fn status(s: &str) -> (&'static str, &'static str) {
    match s {
        "met" => ("符合", "met"),
        "pass" => ("符合", "pass"),
        "not met" => ("不符合", "not met"),
        "fail" => ("不符合", "fail"),
        _ => ("缺少证据（不符合）", "not met: evidence missing"),
    }
}

/// A number for running text and tables: four significant digits, very large or small ones as
/// `3.007×10⁻⁴` (never E-notation).
pub fn num(x: f64) -> String {
    times_ten(&human(x, 4))
}

/// A value as the applicant declared it: no digits added (`28`, not `28.00`), at most twelve
/// significant digits, very large or small ones as `1.5×10⁻⁷`.
pub fn declared(x: f64) -> String {
    times_ten(&crate::numfmt::short(x, 12))
}

/// `3.007e-4` written as `3.007×10⁻⁴`; other text unchanged.
pub fn times_ten(s: &str) -> String {
    let Some((mantissa, exp)) = s.split_once('e') else { return s.to_string() };
    let Ok(e) = exp.parse::<i32>() else { return s.to_string() };
    let sup: String = e
        .to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect();
    if mantissa == "1" { format!("10{sup}") } else { format!("{mantissa}×10{sup}") }
}

/// A unit as written in the report's language: Chinese names for the counting and time units
/// (`unit` 件, `cycle` 次, `a` 年, `fraction` 比例); physical units (kg, kWh, m3) stay as symbols.
pub fn unit(lang: Lang, u: &str) -> String {
    if lang != Lang::Zh {
        return u.to_string();
    }
    let word = |w: &str| -> Option<&'static str> {
        Some(match w {
            "unit" | "units" | "piece" | "pieces" | "pc" | "pcs" | "item" => "件",
            "cycle" | "cycles" | "use" | "uses" | "boil" | "boils" => "次",
            "a" | "year" | "years" | "yr" => "年",
            "d" | "day" | "days" => "天",
            "fraction" | "share" | "ratio" => "比例",
            "kgce" => "千克标准煤",
            "tce" => "吨标准煤",
            "l" | "L" | "litre" | "liter" => "升",
            _ => return None,
        })
    };
    // Units built of words and `/`, `*`: each word translated where it has a Chinese name.
    u.split_inclusive(['/', '*', ' '])
        .map(|part| {
            let (w, sep) = match part.char_indices().last() {
                Some((i, c)) if "/* ".contains(c) => (&part[..i], &part[i..]),
                _ => (part, ""),
            };
            format!("{}{sep}", word(w).unwrap_or(w))
        })
        .collect()
}

/// A share as a percentage with one decimal: `94.1%` (never `-0.0%`).
pub fn pct(share: f64) -> String {
    let p = share * 100.0;
    if p.abs() < 0.05 { "0.0%".into() } else { format!("{p:.1}%") }
}

/// A number among others of magnitude `scale`: rounding noise below 1e-9 of it shows as `0`.
pub fn num_in(x: f64, scale: f64) -> String {
    if x.abs() <= 1e-9 * scale.abs() { "0".into() } else { num(x) }
}

/// A share as a percentage, or `-` when undefined.
pub fn pct_opt(share: Option<f64>) -> String {
    share.map_or_else(|| "-".into(), pct)
}

/// An amount with its unit: `300.0 kWh`.
pub fn amount(x: f64, unit: &str) -> String {
    if unit.is_empty() { num(x) } else { format!("{} {unit}", num(x)) }
}

/// A compartment label (`air`, `water/fresh water`) in Chinese; unknown parts stay as written.
pub fn compartment_zh(c: &str) -> String {
    c.split('/')
        .map(|part| match part.trim() {
            "air" => "空气",
            "water" => "水体",
            "soil" => "土壤",
            "natural resource" => "自然资源",
            "fresh water" => "淡水",
            "sea water" | "ocean" => "海水",
            "ground water" => "地下水",
            "in water" => "水中",
            "in ground" => "地下",
            "land" => "土地",
            "biotic" => "生物",
            "in air" => "空气中",
            "urban air close to ground" => "城市近地面空气",
            "non-urban air or from high stacks" => "非城市或高烟囱排放",
            "agricultural" => "农业土壤",
            "industrial" => "工业土壤",
            other => other,
        })
        .map(str::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_without_e_notation() {
        assert_eq!(num(3.0071e-4), "3.007×10⁻⁴");
        assert_eq!(num(1.5e-7), "1.500×10⁻⁷");
        assert_eq!(num(-2.0e9), "-2.000×10⁹");
        assert_eq!(num(1234.567), "1235");
        assert_eq!(num(0.012345), "0.01235");
        assert_eq!(declared(28.0), "28");
        assert_eq!(declared(0.86), "0.86");
        assert_eq!(declared(1.5e-7), "1.5×10⁻⁷");
        assert_eq!(times_ten("1e-5"), "10⁻⁵");
        assert_eq!(times_ten("kg"), "kg");
    }

    #[test]
    fn units_in_chinese() {
        assert_eq!(unit(Lang::Zh, "unit"), "件");
        assert_eq!(unit(Lang::Zh, "cycle"), "次");
        assert_eq!(unit(Lang::Zh, "a"), "年");
        assert_eq!(unit(Lang::Zh, "1/a"), "1/年");
        assert_eq!(unit(Lang::Zh, "kgce/unit"), "千克标准煤/件");
        assert_eq!(unit(Lang::Zh, "kg CO2-eq"), "kg CO2-eq");
        assert_eq!(unit(Lang::En, "unit"), "unit");
    }
}
