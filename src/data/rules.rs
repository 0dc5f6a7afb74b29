//! Rules across the fields of a row, declared in the schema:
//! comparisons (`disbursed_mad <= committed_mad`, `year == the year of
//! approved_on`), each under an optional `when`, and `required_when`.

use super::load_table::Loaded;
use super::schema::{Condition, Field, Operand, Rule, Underived};
use super::value::Value;
use super::{Row, Table};
use crate::diagnostics::Diagnostic;

/// Every row where a rule does not hold; rows missing either value are skipped.
pub fn check(loaded: &Loaded) -> Vec<Diagnostic> {
    let table = &loaded.table;
    let mut diagnostics = Vec::new();
    for rule in &table.schema.rules {
        comparison(loaded, rule, &mut diagnostics);
    }
    for (index, field) in table.schema.fields.iter().enumerate() {
        if let Some(condition) = &field.constraints.required_when {
            required_when(loaded, index, field, condition, &mut diagnostics);
        }
    }
    diagnostics
}

/// Whether `condition` holds on `row`; false when its cell is empty.
fn holds(table: &Table, row: &Row, condition: &Condition) -> bool {
    table
        .value(row, &condition.field)
        .and_then(|v| v.compare(&condition.equals))
        .is_some_and(std::cmp::Ordering::is_eq)
}

fn comparison(loaded: &Loaded, rule: &Rule, diagnostics: &mut Vec<Diagnostic>) {
    let table = &loaded.table;
    let (Some(left), Some(right)) = (
        table.column_of(&rule.left.field, None),
        table.column_of(&rule.right.field, None),
    ) else {
        return;
    };
    for (index, row) in table.rows.iter().enumerate() {
        if rule.when.as_ref().is_some_and(|w| !holds(table, row, w)) {
            continue;
        }
        let (Some(l), Some(r)) = (row.values.get(left), row.values.get(right)) else {
            continue;
        };
        let derived = (rule.left.derive(l), rule.right.derive(r));
        let (lv, rv) = match derived {
            (Ok(lv), Ok(rv)) => (lv, rv),
            (Err(why), _) => {
                diagnostics.push(underived(loaded, index, left, &rule.left, why));
                continue;
            }
            (_, Err(why)) => {
                diagnostics.push(underived(loaded, index, right, &rule.right, why));
                continue;
            }
        };
        if lv
            .compare(&rv)
            .is_none_or(|ordering| rule.op.holds(ordering))
        {
            continue;
        }
        let mut notes = vec![
            side_note(&rule.left, &lv, l),
            side_note(&rule.right, &rv, r),
            format!("rule: {} {} {}", rule.left, rule.op.symbol(), rule.right),
        ];
        if let Some(when) = &rule.when {
            notes.push(format!("the rule applies because {when}"));
        }
        let diagnostic = Diagnostic {
            notes,
            hint: Some(format!(
                "check both values on this line: {} and {}",
                rule.left.field, rule.right.field
            )),
            ..loaded.cell_error(index, left, rule.message.clone())
        };
        diagnostics.push(diagnostic);
    }
}

/// `the year of approved_on: 2023 (approved_on: 2023-05-02)`.
fn side_note(operand: &Operand, derived: &Value, value: &Value) -> String {
    if derived == value {
        format!("{operand}: {derived}")
    } else {
        format!("{operand}: {derived} ({}: {value})", operand.field)
    }
}

fn underived(
    loaded: &Loaded,
    row: usize,
    column: usize,
    operand: &Operand,
    why: Underived,
) -> Diagnostic {
    let (message, hint) = match why {
        Underived::NoMatch => (
            format!("a rule reads {operand}, but this value does not match"),
            "write the value in the form the rule's capture pattern expects".to_string(),
        ),
        Underived::NotOfType(text) => (
            format!(
                "a rule reads {operand}, and `{text}` is not {}",
                operand.kind.with_article()
            ),
            format!(
                "write the value so that its captured part is {}",
                operand.kind.with_article()
            ),
        ),
    };
    loaded.cell_error(row, column, message).with_hint(hint)
}

/// Empty cells of a field that its condition makes required.
fn required_when(
    loaded: &Loaded,
    index: usize,
    field: &Field,
    condition: &Condition,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let table = &loaded.table;
    let columns: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.field == index)
        .map(|(i, _)| i)
        .collect();
    let Some(first) = columns.first().copied() else {
        return;
    };
    for (row_index, row) in table.rows.iter().enumerate() {
        let empty = columns
            .iter()
            .all(|c| row.values.get(*c).is_none_or(Value::is_null));
        if !empty || !holds(table, row, condition) {
            continue;
        }
        let message = format!(
            "the cell in column `{}` is empty, but it is required when {condition}",
            field.name
        );
        let hint = format!(
            "fill in {}, or check the value of {}",
            field.name, condition.field
        );
        let diagnostic = loaded
            .cell_error(row_index, first, message)
            .with_note(format!("{}: {}", condition.field, condition.equals))
            .with_hint(hint);
        diagnostics.push(diagnostic);
    }
}
