//! Declared figures (`[[declared_figures]]`): facts about the programme
//! that its data does not hold, such as its budget, each with its source.
//! A `[[record_figures]]` may take one as its denominator: its headline
//! then reads "9,6 M DH committed of 10 M DH", with the share.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::raw::PerLanguage;
use super::validate::Validator;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeclaredFigure {
    pub id: Spanned<String>,
    /// A whole number, or a decimal in quotes (`"10000000.50"`): a TOML
    /// float is not exact, so it is refused.
    pub value: Spanned<toml::Value>,
    /// A currency code (`MAD`) when the figure is an amount of money.
    pub currency: Option<Spanned<String>>,
    pub label: PerLanguage,
    /// Where the figure comes from, per language.
    pub source: PerLanguage,
    /// The source's web address, if it has one.
    pub source_url: Option<Spanned<String>>,
}

/// A fact declared in `site.toml`, with its source.
#[derive(Debug, Clone)]
pub struct DeclaredFigure {
    pub id: String,
    /// Above zero: it is a total other figures are compared with.
    pub value: Decimal,
    pub currency: Option<String>,
    pub label: BTreeMap<String, String>,
    pub source: BTreeMap<String, String>,
    pub source_url: Option<String>,
}

impl Validator<'_> {
    /// Each declared figure; an id given twice, or already a key figure's,
    /// is an error at the second.
    pub(super) fn declared_figures(
        &mut self,
        raw: Vec<RawDeclaredFigure>,
        key_figures: &[&str],
        codes: &[String],
    ) -> Vec<DeclaredFigure> {
        let mut seen: Vec<String> = key_figures.iter().map(|id| id.to_string()).collect();
        let mut figures = Vec::new();
        for figure in raw {
            let id = figure.id.get_ref();
            if seen.contains(id) {
                self.error(
                    format!("the figure id `{id}` is used twice"),
                    figure.id.span(),
                )
                .hint = Some(
                    "give each [[key_figures]] and [[declared_figures]] entry its own id".into(),
                );
            }
            seen.push(id.clone());
            let currency = figure.currency.map(|c| self.currency(c));
            figures.push(DeclaredFigure {
                value: self.declared_value(&figure.value),
                currency,
                label: self.labels(figure.label, codes),
                source: self.labels(figure.source, codes),
                source_url: figure.source_url.map(|u| self.web_address(u, "source_url")),
                id: figure.id.into_inner(),
            });
        }
        figures
    }

    /// The exact value, above zero; an error at it otherwise (and 1, so
    /// validation goes on).
    fn declared_value(&mut self, raw: &Spanned<toml::Value>) -> Decimal {
        let (value, hint) = match raw.get_ref() {
            toml::Value::Integer(n) => (Some(Decimal::from(*n)), ""),
            toml::Value::String(text) => (
                Decimal::from_str_exact(text.trim()).ok(),
                "write the digits with a point for decimals, such as \"10000000.50\"",
            ),
            toml::Value::Float(_) => (
                None,
                "write a whole number (10000000), or put a decimal in quotes (\"10000000.50\") so it stays exact",
            ),
            _ => (None, "write a number, such as value = 10000000"),
        };
        match value {
            Some(v) if v > Decimal::ZERO => v,
            Some(_) => {
                self.error("a declared figure must be above zero".into(), raw.span())
                    .hint = Some(
                    "it is a total, such as a budget, that other figures are compared with".into(),
                );
                Decimal::ONE
            }
            None => {
                self.error("this value is not an exact number".into(), raw.span())
                    .hint = Some(hint.into());
                Decimal::ONE
            }
        }
    }

    fn currency(&mut self, raw: Spanned<String>) -> String {
        let code = raw.get_ref();
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            self.error(format!("`{code}` is not a currency code"), raw.span())
                .hint =
                Some("write the three capital letters of ISO 4217, such as MAD or EUR".into());
        }
        raw.into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{MINIMAL, messages_and_hints, parse_text};

    const COMMITTED: &str = "[[key_figures]]\nid = \"committed\"\naggregate = \"sum\"\nfield = \"committed_mad\"\nlabel = { fr = \"Engagé\" }\n\n";
    const BUDGET: &str = "[[declared_figures]]\nid = \"budget\"\nvalue = 10000000\ncurrency = \"MAD\"\nlabel = { fr = \"Enveloppe\" }\nsource = { fr = \"Convention\" }\n\n";
    const OF_BUDGET: &str = "[[record_figures]]\nid = \"of\"\nnumerator = \"committed\"\ndenominator = \"budget\"\nheadline = true\nlabel = { fr = \"engagés\" }\n";

    /// A count read of a declared total: planned projects, with no currency.
    const OF_PLANNED: &str = "[[key_figures]]\nid = \"projects\"\naggregate = \"count\"\nlabel = { fr = \"Projets\" }\n\n[[declared_figures]]\nid = \"planned\"\nvalue = 70\nlabel = { fr = \"Prévus\" }\nsource = { fr = \"Convention\" }\n\n[[record_figures]]\nid = \"of-planned\"\nnumerator = \"projects\"\ndenominator = \"planned\"\nheadline = true\nlabel = { fr = \"projets\" }\n\n";

    #[test]
    fn a_record_figure_may_be_read_of_a_declared_total() {
        let text = format!("{MINIMAL}{COMMITTED}{BUDGET}{OF_PLANNED}{OF_BUDGET}");
        let (config, diagnostics) = parse_text(&text);
        assert_eq!(messages_and_hints(&diagnostics), []);
        let config = config.expect("a configuration");
        let budget = &config.declared_figures[0];
        assert_eq!(budget.value, rust_decimal::Decimal::from(10_000_000));
        assert_eq!(budget.currency.as_deref(), Some("MAD"));
        assert_eq!(budget.source["fr"], "Convention");
        assert_eq!(config.declared_figures[1].currency, None);
        let denominators: Vec<_> = config
            .record_figures
            .iter()
            .map(|r| r.denominator.as_deref())
            .collect();
        assert_eq!(denominators, [Some("planned"), Some("budget")]);
    }

    #[test]
    fn a_declared_value_is_exact_and_above_zero() {
        for (value, message) in [
            ("10000000.5", "this value is not an exact number"),
            ("\"dix\"", "this value is not an exact number"),
            ("0", "a declared figure must be above zero"),
        ] {
            let text = format!("{MINIMAL}{COMMITTED}{BUDGET}").replace("10000000", value);
            let (config, diagnostics) = parse_text(&text);
            assert!(config.is_none(), "{value}");
            let found = messages_and_hints(&diagnostics);
            assert_eq!(found.len(), 1, "{value}: {found:?}");
            assert_eq!(found[0].0, message, "{value}");
        }
        let quoted = format!("{MINIMAL}{COMMITTED}{BUDGET}").replace("10000000", "\"10000000.50\"");
        let (config, _) = parse_text(&quoted);
        assert_eq!(
            config.expect("valid").declared_figures[0].value.to_string(),
            "10000000.50"
        );
    }

    #[test]
    fn a_declared_id_is_its_own_and_a_denominator_must_exist() {
        let clash = format!("{MINIMAL}{COMMITTED}{BUDGET}")
            .replace("id = \"budget\"", "id = \"committed\"");
        let (_, diagnostics) = parse_text(&clash);
        let found = messages_and_hints(&diagnostics);
        assert_eq!(found[0].0, "the figure id `committed` is used twice");

        let typo = format!("{MINIMAL}{COMMITTED}{BUDGET}{OF_BUDGET}")
            .replace("denominator = \"budget\"", "denominator = \"budjet\"");
        let (config, diagnostics) = parse_text(&typo);
        assert!(config.is_none());
        assert_eq!(
            messages_and_hints(&diagnostics),
            [(
                "`budjet` is not a summed key figure or a declared figure".to_string(),
                Some("did you mean `budget`?".to_string())
            )]
        );
    }
}
