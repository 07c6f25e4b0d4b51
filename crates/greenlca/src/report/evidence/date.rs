//! The report's date: given (`--date YYYY-MM-DD`), from `SOURCE_DATE_EPOCH` (seconds since
//! 1970-01-01 UTC, the reproducible-builds convention), or today's date in UTC.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{Error, ErrorKind, Location, Result};

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i64,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day, 1 to 31.
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil-from-days algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date { year, month, day }
    }

    /// Parses `YYYY-MM-DD`, checking the day exists.
    pub fn parse(s: &str) -> Result<Date> {
        let bad = || {
            Error::new(
                ErrorKind::Value,
                Location::entity("--date"),
                format!("`{s}` is not a date of the form YYYY-MM-DD"),
                "write e.g. --date 2026-01-01",
            )
        };
        let parts: Vec<&str> = s.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else { return Err(bad()) };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year: i64 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        let day: u32 = d.parse().map_err(|_| bad())?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(bad()),
        };
        if day == 0 || day > days_in_month {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }

    /// The date of the report: `given` if any, else `source_date_epoch` (the value of the
    /// environment variable of that name), else today (UTC).
    pub fn resolve(given: Option<&str>, source_date_epoch: Option<&str>) -> Result<Date> {
        if let Some(g) = given {
            return Date::parse(g);
        }
        if let Some(e) = source_date_epoch.map(str::trim).filter(|e| !e.is_empty()) {
            let secs: i64 = e.parse().map_err(|_| {
                Error::new(
                    ErrorKind::Value,
                    Location::entity("SOURCE_DATE_EPOCH"),
                    format!("`{e}` is not a number of seconds since 1970-01-01"),
                    "set SOURCE_DATE_EPOCH to an integer such as 1767225600, or unset it",
                )
            })?;
            return Ok(Date::from_unix_days(secs.div_euclid(86_400)));
        }
        let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        Ok(Date::from_unix_days(secs.div_euclid(86_400)))
    }

    /// The date in Chinese: `2026年1月1日`.
    pub fn zh(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_454).to_string(), "2026-01-01");
        assert_eq!(Date::from_unix_days(11_016).to_string(), "2000-02-29");
        assert_eq!(Date::from_unix_days(-1).to_string(), "1969-12-31");
        assert_eq!(Date::parse("2024-02-29").unwrap().zh(), "2024年2月29日");
        for bad in ["2023-02-29", "2026-13-01", "2026-1-1", "26-01-01", "2026-01-00", "x"] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Date::resolve(None, Some("1767225600")).unwrap().to_string(), "2026-01-01");
        assert_eq!(Date::resolve(Some("2025-06-30"), Some("0")).unwrap().to_string(), "2025-06-30");
        assert!(Date::resolve(None, Some("soon")).is_err());
    }
}
