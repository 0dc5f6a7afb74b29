//! Cross-field rules, declared in the schema: `disbursed_mad <= committed_mad`.

use super::load_table::Loaded;
use crate::diagnostics::Diagnostic;

/// Every row where a rule does not hold; rows missing either value are skipped.
pub fn check(loaded: &Loaded) -> Vec<Diagnostic> {
    let table = &loaded.table;
    let mut diagnostics = Vec::new();
    for rule in &table.schema.rules {
        let (Some(left), Some(right)) = (
            table.column_of(&rule.left, None),
            table.column_of(&rule.right, None),
        ) else {
            continue;
        };
        for (index, row) in table.rows.iter().enumerate() {
            let (Some(l), Some(r)) = (row.values.get(left), row.values.get(right)) else {
                continue;
            };
            if l.compare(r).is_none_or(|ordering| rule.op.holds(ordering)) {
                continue;
            }
            let diagnostic = Diagnostic {
                notes: vec![
                    format!("{}: {l}", rule.left),
                    format!("{}: {r}", rule.right),
                    format!("rule: {} {} {}", rule.left, rule.op.symbol(), rule.right),
                ],
                hint: Some(format!(
                    "check both values on this line: {} and {}",
                    rule.left, rule.right
                )),
                ..loaded.cell_error(index, left, rule.message.clone())
            };
            diagnostics.push(diagnostic);
        }
    }
    diagnostics
}
