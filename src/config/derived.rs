//! Derived figures (`[[record_figures]]`) and the glossary they point to.

use std::collections::BTreeMap;

use toml::Spanned;

use super::declared::DeclaredFigure;
use super::raw;
use super::validate::Validator;
use super::{Aggregate, KeyFigure, RecordFigure, Term};

impl Validator<'_> {
    /// A share of two summed key figures, or (as a headline) one key
    /// figure alone; its term, if any, must be in the glossary.
    pub(super) fn record_figure(
        &mut self,
        raw: raw::RawRecordFigure,
        key_figures: &[KeyFigure],
        declared: &[DeclaredFigure],
        glossary: &[Term],
        codes: &[String],
    ) -> RecordFigure {
        let sums: Vec<&str> = key_figures
            .iter()
            .filter(|k| matches!(k.aggregate, Aggregate::Sum(_)))
            .map(|k| k.id.as_str())
            .collect();
        let headline = raw.headline.as_ref().is_some_and(|h| *h.get_ref());
        let all: Vec<&str> = key_figures.iter().map(|k| k.id.as_str()).collect();
        let declared: Vec<&str> = declared.iter().map(|d| d.id.as_str()).collect();
        match &raw.denominator {
            // A key figure "of" a declared total: any key figure will do.
            Some(denominator) if declared.contains(&denominator.get_ref().as_str()) => {
                self.expect_figure(&raw.numerator, &all, "a key figure", "");
            }
            Some(denominator) => {
                self.expect_figure(
                    &raw.numerator,
                    &sums,
                    "a summed key figure",
                    "with aggregate = \"sum\"",
                );
                let known: Vec<&str> = sums.iter().chain(&declared).copied().collect();
                self.expect_figure(
                    denominator,
                    &known,
                    "a summed key figure or a declared figure",
                    "with aggregate = \"sum\", or of a [[declared_figures]]",
                );
            }
            None => {
                self.expect_figure(&raw.numerator, &all, "a key figure", "");
                if !headline {
                    self.error(
                        format!("`{}` has no denominator and is not a headline", raw.id.get_ref()),
                        raw.id.span(),
                    )
                    .hint = Some(
                        "add denominator = \"…\" for a share, or headline = true to show the figure rounded on the home page".into(),
                    );
                }
            }
        }
        if let Some(term) = &raw.term {
            let ids: Vec<&str> = glossary.iter().map(|t| t.id.as_str()).collect();
            self.expect_id(term, &ids, "a term of the glossary", "[[glossary]]");
        }
        RecordFigure {
            id: raw.id.into_inner(),
            numerator: raw.numerator.into_inner(),
            denominator: raw.denominator.map(Spanned::into_inner),
            label: self.labels(raw.label, codes),
            headline,
            term: raw.term.map(Spanned::into_inner),
        }
    }

    fn expect_figure(&mut self, side: &Spanned<String>, known: &[&str], what: &str, kind: &str) {
        let table = if kind.is_empty() {
            "[[key_figures]]".to_string()
        } else {
            format!("[[key_figures]] {kind}")
        };
        self.expect_id(side, known, what, &table);
    }

    /// `id` must be one of `known`: else an error at it, with the nearest.
    fn expect_id(&mut self, id: &Spanned<String>, known: &[&str], what: &str, table: &str) {
        if known.contains(&id.get_ref().as_str()) {
            return;
        }
        let hint = match crate::diagnostics::suggest(id.get_ref(), known.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("use the id of a {table}: {}", known.join(", ")),
        };
        self.error(format!("`{}` is not {what}", id.get_ref()), id.span())
            .hint = Some(hint);
    }

    /// The glossary's terms; an id given twice is an error at the second.
    pub(super) fn glossary(&mut self, raw: Vec<raw::RawTerm>, codes: &[String]) -> Vec<Term> {
        let mut seen = BTreeMap::new();
        let mut terms = Vec::new();
        for term in raw {
            if seen.insert(term.id.get_ref().clone(), ()).is_some() {
                self.error(
                    format!("the term `{}` is defined twice", term.id.get_ref()),
                    term.id.span(),
                )
                .hint = Some("give each [[glossary]] term its own id".into());
            }
            terms.push(Term {
                id: term.id.into_inner(),
                term: self.labels(term.term, codes),
                definition: self.labels(term.definition, codes),
            });
        }
        terms
    }
}
