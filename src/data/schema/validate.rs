//! Raw schema TOML to the validated [`Schema`], every mistake a diagnostic
//! with its position. Foreign keys naming other tables are checked later,
//! once all schemas are known, from the locations kept here.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::raw::{RawConstraints, RawField, RawSchema, RawText};
use super::{Constraints, Field, FieldType, MONEY_LIMIT, Pattern, Schema, Translated};
use crate::data::parse::{expected, parse_cell};
use crate::data::value::Value;
use crate::diagnostics::{Diagnostic, Location, did_you_mean};

/// A validated schema, plus where each foreign key's reference is written.
#[derive(Debug)]
pub struct ParsedSchema {
    pub schema: Schema,
    pub reference_locations: Vec<Location>,
}

/// Parses and validates a schema; `None` when it cannot be used at all.
pub fn parse(
    source: &str,
    path: &Path,
    languages: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ParsedSchema> {
    let raw: RawSchema = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(error) => {
            diagnostics.push(toml_error(&error, source, path));
            return None;
        }
    };
    let mut checker = Checker {
        source,
        path,
        languages,
        diagnostics,
    };
    Some(checker.schema(raw))
}

/// A TOML or serde error, with a "did you mean" for a misspelt key.
pub fn toml_error(error: &toml::de::Error, source: &str, path: &Path) -> Diagnostic {
    let message = error.message().trim();
    let mut diagnostic = match message.strip_prefix("unknown field `") {
        Some(rest) => {
            let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
            let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let d = Diagnostic::error(format!("unknown key `{key}`"))
                .with_note(format!("known keys here: {}", known.join(", ")));
            match did_you_mean(key, known.iter().copied()) {
                Some(hint) => d.with_hint(hint),
                None => d,
            }
        }
        None => Diagnostic::error(format!("this schema is not valid: {message}")),
    };
    diagnostic = match error.span() {
        Some(span) => diagnostic.at(path, Location::at(source, span)),
        None => diagnostic.in_file(path),
    };
    diagnostic
}

pub(super) struct Checker<'a> {
    pub(super) source: &'a str,
    pub(super) path: &'a Path,
    /// The site's languages, which `by_language` may name.
    pub(super) languages: &'a [String],
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    pub(super) fn error(&mut self, span: Range<usize>, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(message).at(self.path, Location::at(self.source, span));
        d.hint = hint;
        self.diagnostics.push(d);
    }

    fn schema(&mut self, raw: RawSchema) -> ParsedSchema {
        let mut fields: Vec<Field> = Vec::new();
        // Conditions name other fields: resolved once all are known.
        let mut conditions = Vec::new();
        for mut raw_field in raw.fields {
            let name = raw_field.name.get_ref();
            if fields.iter().any(|f| &f.name == name) {
                let message = format!("the field `{name}` is declared twice");
                self.error(raw_field.name.span(), message, None);
                continue;
            }
            let condition = raw_field
                .constraints
                .as_mut()
                .and_then(|c| c.required_when.take());
            if let Some(field) = self.field(raw_field) {
                conditions.push((fields.len(), condition));
                fields.push(field);
            }
        }
        let primary_key = self.primary_key(raw.primary_key, &mut fields);
        let mut schema = Schema {
            title: translated(raw.title),
            description: translated(raw.description),
            fields,
            primary_key,
            ..Schema::default()
        };
        for (index, condition) in conditions {
            let condition = condition.and_then(|c| self.condition(c, &schema));
            if let Some(field) = schema.fields.get_mut(index) {
                field.constraints.required_when = condition;
            }
        }
        let mut reference_locations = Vec::new();
        for raw_key in raw.foreign_keys {
            let location = Location::at(self.source, raw_key.reference.span());
            if let Some(key) = self.foreign_key(raw_key, &schema) {
                schema.foreign_keys.push(key);
                reference_locations.push(location);
            }
        }
        schema.rules = raw
            .rules
            .into_iter()
            .filter_map(|r| self.rule(r, &schema))
            .collect();
        schema.as_of = raw.as_of.and_then(|d| self.as_of(d));
        schema.licence = raw.licence.map(|l| self.licence(l));
        schema.withhold = raw.withhold.and_then(|w| self.withhold(w, &schema));
        ParsedSchema {
            schema,
            reference_locations,
        }
    }

    fn field(&mut self, raw: RawField) -> Option<Field> {
        let name = raw.name.into_inner();
        let kind = match raw.kind {
            None => FieldType::String,
            Some(kind) => match self.field_type(&kind) {
                Some(kind) => kind,
                // Reported; the field stays declared, so the primary key,
                // foreign keys and rules that name it are not errors too.
                None => return Some(Field::untyped(name)),
            },
        };
        if let Some(t) = raw
            .translated
            .as_ref()
            .filter(|t| *t.get_ref() && kind != FieldType::String)
        {
            let message = format!("the field `{name}` is a {kind}: only text can be translated");
            self.error(t.span(), message, None);
        }
        if let Some(unit) = raw.unit.as_ref().filter(|_| !kind.is_numeric()) {
            let message =
                format!("the field `{name}` is a {kind}: a unit only fits an integer or a number");
            self.error(unit.span(), message, None);
        }
        let constraints = self.constraints(raw.constraints.unwrap_or_default(), kind);
        let by_language = self.by_language(raw.by_language, &name, &raw.translated, kind);
        let mut field = Field {
            title: raw
                .title
                .map_or_else(|| Translated::any(&name), |t| translated(Some(t))),
            description: translated(raw.description),
            translated: raw.translated.is_some_and(|t| t.into_inner()),
            unit: raw.unit.map(Spanned::into_inner),
            name,
            kind,
            constraints,
            by_language,
            privacy: match raw.private {
                None => super::Privacy::Undeclared,
                Some(false) => super::Privacy::Public,
                Some(true) => super::Privacy::Private,
            },
        };
        if field.is_money() {
            money_bounds(&mut field.constraints, kind);
        }
        Some(field)
    }

    fn field_type(&mut self, kind: &Spanned<String>) -> Option<FieldType> {
        let name = kind.get_ref().as_str();
        if let Some(kind) = FieldType::from_name(name) {
            return Some(kind);
        }
        let hint = match name {
            "decimal" | "float" | "double" | "money" | "numeric" => {
                Some("use `number`".to_string())
            }
            "int" | "long" => Some("use `integer`".to_string()),
            "text" | "str" => Some("use `string`".to_string()),
            "bool" => Some("use `boolean`".to_string()),
            "datetime" | "time" | "yearmonth" | "duration" | "geopoint" | "array" | "object"
            | "any" => {
                Some("Bayan does not support this Frictionless type: use `string`".to_string())
            }
            _ => did_you_mean(name, FieldType::ALL.iter().map(|t| t.name())),
        };
        let known: Vec<&str> = FieldType::ALL.iter().map(|t| t.name()).collect();
        let message = format!("unknown type `{name}` (known types: {})", known.join(", "));
        self.error(kind.span(), message, hint);
        None
    }

    pub(super) fn constraints(&mut self, raw: RawConstraints, kind: FieldType) -> Constraints {
        let mut c = Constraints {
            required: raw.required.unwrap_or(false),
            unique: raw.unique.unwrap_or(false),
            ..Constraints::default()
        };
        c.minimum = raw.minimum.and_then(|v| self.bound("minimum", &v, kind));
        c.maximum = raw.maximum.and_then(|v| self.bound("maximum", &v, kind));
        c.min_length = raw
            .min_length
            .and_then(|v| self.length("minLength", &v, kind));
        c.max_length = raw
            .max_length
            .and_then(|v| self.length("maxLength", &v, kind));
        c.pattern = raw.pattern.and_then(|p| self.pattern(&p, kind));
        c.max_decimals = raw.max_decimals.and_then(|d| self.decimals(&d, kind));
        c.enum_values = raw.enum_values.map(|list| {
            let span = list.span();
            let values = list.into_inner();
            values
                .iter()
                .filter_map(|v| self.typed("enum", v, span.clone(), kind))
                .collect()
        });
        c
    }

    fn bound(&mut self, key: &str, value: &Spanned<toml::Value>, kind: FieldType) -> Option<Value> {
        if !kind.is_ordered() {
            let message = format!("`{key}` does not fit a {kind} field");
            let hint = (kind == FieldType::String)
                .then(|| "for the length of text, use minLength or maxLength".into());
            self.error(value.span(), message, hint);
            return None;
        }
        self.typed(key, value.get_ref(), value.span(), kind)
    }

    /// A constraint value read as the field's type, like a cell.
    pub(super) fn typed(
        &mut self,
        key: &str,
        value: &toml::Value,
        span: Range<usize>,
        kind: FieldType,
    ) -> Option<Value> {
        let text = match value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(f) => f.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Datetime(d) => d.to_string(),
            _ => String::new(),
        };
        match parse_cell(kind, &text) {
            Ok(value) if !value.is_null() => Some(value),
            _ => {
                let message = format!(
                    "`{key}` value `{text}` does not fit a {kind} field: expected {}",
                    expected(kind)
                );
                self.error(span, message, None);
                None
            }
        }
    }

    fn length(&mut self, key: &str, value: &Spanned<i64>, kind: FieldType) -> Option<usize> {
        if kind != FieldType::String {
            let message = format!("`{key}` only fits a string field, not a {kind}");
            self.error(value.span(), message, Some("use minimum or maximum".into()));
            return None;
        }
        let length = usize::try_from(*value.get_ref()).ok();
        if length.is_none() {
            self.error(value.span(), format!("`{key}` cannot be negative"), None);
        }
        length
    }

    fn decimals(&mut self, places: &Spanned<i64>, kind: FieldType) -> Option<u32> {
        if kind != FieldType::Number {
            let message = format!(
                "`maxDecimals` only fits a number field, not {}",
                kind.with_article()
            );
            self.error(places.span(), message, None);
            return None;
        }
        let places_ok = u32::try_from(*places.get_ref()).ok().filter(|p| *p <= 28);
        if places_ok.is_none() {
            let message = "`maxDecimals` is a number of places from 0 to 28".to_string();
            self.error(places.span(), message, None);
        }
        places_ok
    }

    fn pattern(&mut self, pattern: &Spanned<String>, kind: FieldType) -> Option<Pattern> {
        if kind != FieldType::String {
            let message = format!("`pattern` only fits a string field, not a {kind}");
            self.error(pattern.span(), message, None);
            return None;
        }
        match Pattern::new(pattern.get_ref()) {
            Ok(compiled) => Some(compiled),
            Err(error) => {
                let message = "this `pattern` is not a valid regular expression".to_string();
                let detail = error.to_string();
                let d = Diagnostic::error(message)
                    .at(self.path, Location::at(self.source, pattern.span()))
                    .with_note(detail.lines().last().unwrap_or_default().trim().to_string())
                    .with_hint(
                        "in TOML, write a backslash twice (\"\\\\d\") or use single quotes ('\\d')",
                    );
                self.diagnostics.push(d);
                None
            }
        }
    }
}

/// Bounds amounts of money at [`MONEY_LIMIT`] either way where the schema
/// declares no bound, so that no sum of them can overflow.
fn money_bounds(c: &mut Constraints, kind: FieldType) {
    let limit = |sign: i64| match kind {
        FieldType::Integer => Value::Integer(sign * MONEY_LIMIT),
        _ => Value::Number(rust_decimal::Decimal::from(sign * MONEY_LIMIT)),
    };
    if c.minimum.is_none() {
        c.minimum = Some(limit(-1));
        c.default_minimum = true;
    }
    if c.maximum.is_none() {
        c.maximum = Some(limit(1));
        c.default_maximum = true;
    }
}

fn translated(raw: Option<RawText>) -> Translated {
    match raw {
        None => Translated::default(),
        Some(RawText::Any(text)) => Translated::any(text),
        Some(RawText::PerLanguage(map)) => Translated(map),
    }
}
