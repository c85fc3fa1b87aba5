//! Instance ids pasted by hand or imported from a CSV (the cloud consoles export one): each id is
//! recognised by its product's format, duplicates are dropped, and anything else is reported by line,
//! not silently ignored.

use crate::catalog::Product;
use crate::format::{DDS_INSTANCE_ID, ES_INSTANCE_ID, REDIS_INSTANCE_ID, TAURUS_INSTANCE_ID};

/// The result of reading pasted text or a CSV file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedIds {
    /// Recognised ids, in first-seen order, without duplicates.
    pub ids: Vec<(Product, String)>,
    /// Tokens that are no known instance id: `(line number, token)`.
    pub rejected: Vec<(usize, String)>,
}

/// The product whose id format `id` matches.
#[must_use]
pub fn product_of(id: &str) -> Option<Product> {
    [
        (Product::Dds, &DDS_INSTANCE_ID),
        (Product::RKvstore, &REDIS_INSTANCE_ID),
        (Product::Elasticsearch, &ES_INSTANCE_ID),
        (Product::TaurusDb, &TAURUS_INSTANCE_ID),
    ]
    .into_iter()
    .find(|(_, f)| f.matches(id))
    .map(|(p, _)| p)
}

const ID_HEADERS: [&str; 6] = [
    "id",
    "instance_id",
    "instanceid",
    "dbinstanceid",
    "instance id",
    "实例id",
];

/// Splits a CSV line on `,`, `;` or tab outside double quotes (`""` inside quotes is a quote).
fn cells(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(s) = out.last_mut() {
                    s.push('"');
                }
            }
            '"' => quoted = !quoted,
            ',' | ';' | '\t' if !quoted => out.push(String::new()),
            c => {
                if let Some(s) = out.last_mut() {
                    s.push(c);
                }
            }
        }
    }
    out.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// Reads ids from free text (separated by commas, spaces, tabs, semicolons or new lines) or from a CSV
/// whose header row names an id column (`id`, `instance_id`, `InstanceId`, `DBInstanceId`…); in a CSV,
/// only that column is read.
#[must_use]
pub fn parse_ids(text: &str) -> ParsedIds {
    let mut out = ParsedIds::default();
    let mut lines = text.lines().enumerate().peekable();
    let column = lines.peek().and_then(|(_, first)| {
        cells(first)
            .iter()
            .position(|c| ID_HEADERS.contains(&c.to_lowercase().as_str()))
    });
    if column.is_some() {
        lines.next();
    }
    for (n, line) in lines {
        let tokens: Vec<String> = match column {
            Some(c) => cells(line).into_iter().nth(c).into_iter().collect(),
            None => line
                .split([',', ';', '\t', ' '])
                .map(|t| t.trim().trim_matches('"').to_owned())
                .collect(),
        };
        for t in tokens.into_iter().filter(|t| !t.is_empty()) {
            match product_of(&t) {
                Some(p) if !out.ids.iter().any(|(_, i)| *i == t) => out.ids.push((p, t)),
                Some(_) => {}
                None if t.starts_with('#') => break,
                None => out.rejected.push((n + 1, t)),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_and_csv() {
        let p = parse_ids(
            "dds-bp1sandbox0001, r-bp1sandbox0001\nes-cn-sandbox0001 bogus\ndds-bp1sandbox0001",
        );
        assert_eq!(p.ids.len(), 3);
        assert_eq!(p.ids[1].0, Product::RKvstore);
        assert_eq!(p.rejected, vec![(2, "bogus".to_owned())]);
        let csv = "Name,InstanceId,Status\n\"a, b\",r-bp1sandbox0002,Normal\nx,,y\n";
        let p = parse_ids(csv);
        assert_eq!(
            p.ids,
            vec![(Product::RKvstore, "r-bp1sandbox0002".to_owned())]
        );
        assert!(p.rejected.is_empty());
        assert_eq!(parse_ids(""), ParsedIds::default());
    }
}
