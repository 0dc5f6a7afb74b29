//! The template side: filters and the `t()` function.
//!
//! Every helper reads the page language from the context variable `lang`.
//!
//! Safety: `number`, `money`, `percent`, `date` and `plural_category` return
//! ordinary strings, auto-escaped by Tera like any variable (they hold no
//! markup; a money pattern comes from the strings file and is escaped too).
//! `t()` returns a safe string because it escapes the text and every
//! parameter itself (a parameter already marked safe is kept as is), and may
//! wrap a fallback text in `<span lang dir class="untranslated">`.
//! Templates wrap numbers on Arabic pages in `<bdi>`; helpers never do.

use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::Decimal;
use tera::{Error, Kwargs, Number, State, TeraResult, Value};

use super::strings::fill;
use super::{DateLength, Locale, Locales};

/// Names `t()` keeps for itself; every other argument is a placeholder.
const RESERVED: [&str; 4] = ["key", "count", "lang", "plain"];

/// Registers the filters `number`, `money`, `percent`, `date`,
/// `plural_category`, `text` and the function `t`.
pub fn register_template_helpers(tera: &mut tera::Tera, locales: Arc<Locales>) {
    let l = Arc::clone(&locales);
    tera.register_filter("number", move |v: Value, k: Kwargs, s: &State| {
        number(&l, &v, &k, s)
    });
    let l = Arc::clone(&locales);
    tera.register_filter("money", move |v: Value, k: Kwargs, s: &State| {
        money(&l, &v, &k, s)
    });
    let l = Arc::clone(&locales);
    tera.register_filter("percent", move |v: Value, k: Kwargs, s: &State| {
        percent(&l, &v, &k, s)
    });
    let l = Arc::clone(&locales);
    tera.register_filter("date", move |v: Value, k: Kwargs, s: &State| {
        date(&l, &v, &k, s)
    });
    let l = Arc::clone(&locales);
    tera.register_filter("plural_category", move |v: Value, k: Kwargs, s: &State| {
        plural_category(&l, &v, &k, s)
    });
    let l = Arc::clone(&locales);
    tera.register_filter("text", move |v: Value, _: Kwargs, s: &State| {
        text(&l, &v, s)
    });
    tera.register_function("t", move |k: Kwargs, s: &State| translate(&locales, &k, s));
}

/// A translated text from the views (`{text, lang, fallback}`) as HTML. A
/// fallback keeps its own language and direction, and says in the page's
/// language that it is not translated. A filter rather than a template
/// component: it runs dozens of times per page.
fn text(locales: &Locales, value: &Value, state: &State) -> TeraResult<Value> {
    let field = |key: &'static str| value.get_from_path(key);
    let body = field("text").and_then(Value::as_str).unwrap_or_default();
    let escaped = state.escape(body)?;
    if !field("fallback").and_then(Value::as_bool).unwrap_or(false) {
        return Ok(Value::safe_string(&escaped));
    }
    let lang = field("lang").and_then(Value::as_str).unwrap_or_default();
    let dir = locales.get(lang).map_or("auto", Locale::direction);
    let (page_lang, _) = current(locales, state, "text")?;
    let note = untranslated_note(locales, &page_lang, lang);
    Ok(Value::safe_string(&format!(
        "<span lang=\"{}\" dir=\"{dir}\" class=\"untranslated\">{escaped}</span><small class=\"untranslated-note\">({})</small>",
        state.escape(lang)?,
        state.escape(&note)?
    )))
}

/// "not yet translated into LANGUAGE: shown in LANGUAGE", in the reader's
/// language, naming the language of the text shown (`languages.CODE` of
/// the reader's strings, else its code).
fn untranslated_note(locales: &Locales, page_lang: &str, shown: &str) -> String {
    let Some(note) = locales.lookup(page_lang, "not_translated", None) else {
        return String::new();
    };
    let name = locales
        .lookup(page_lang, &format!("languages.{shown}"), None)
        .filter(|found| found.fallback_lang.is_none())
        .map_or_else(|| shown.to_string(), |found| found.text);
    fill(&note.text, |key| {
        (key == "language").then(|| name.as_str().into())
    })
}

fn number(locales: &Locales, value: &Value, kwargs: &Kwargs, state: &State) -> TeraResult<String> {
    let (_, locale) = current(locales, state, "number")?;
    let digits = kwargs.get::<u8>("digits")?.unwrap_or(2);
    Ok(to_decimal(value, "number")?.map_or_else(String::new, |d| locale.decimal(d, digits)))
}

fn money(locales: &Locales, value: &Value, _: &Kwargs, state: &State) -> TeraResult<String> {
    let (lang, locale) = current(locales, state, "money")?;
    let Some(amount) = to_decimal(value, "money")? else {
        return Ok(String::new());
    };
    let pattern = locales
        .lookup(&lang, "money.pattern", None)
        .filter(|found| found.fallback_lang.as_deref() != Some(""))
        .map_or_else(|| "{amount}".to_string(), |found| found.text);
    Ok(locale.money(amount, &pattern))
}

fn percent(locales: &Locales, value: &Value, kwargs: &Kwargs, state: &State) -> TeraResult<String> {
    let (_, locale) = current(locales, state, "percent")?;
    let digits = kwargs.get::<u8>("digits")?.unwrap_or(0);
    Ok(to_decimal(value, "percent")?.map_or_else(String::new, |d| locale.percent(d, digits)))
}

fn date(locales: &Locales, value: &Value, kwargs: &Kwargs, state: &State) -> TeraResult<String> {
    let (_, locale) = current(locales, state, "date")?;
    let length = match kwargs.get::<&str>("length")? {
        None => DateLength::Long,
        Some(name) => DateLength::parse(name).ok_or_else(|| {
            Error::message(format!(
                "date: length `{name}` is not one of long, medium, short"
            ))
        })?,
    };
    if value.is_none() || value.is_undefined() {
        return Ok(String::new());
    }
    let text = value.as_str().ok_or_else(|| {
        Error::message(format!(
            "date: expected a YYYY-MM-DD text, got {}",
            value.name()
        ))
    })?;
    let day = jiff::civil::Date::from_str(text.trim())
        .map_err(|_| Error::message(format!("date: `{text}` is not a date like 2023-08-08")))?;
    Ok(locale.date(day, length))
}

fn plural_category(
    locales: &Locales,
    value: &Value,
    _: &Kwargs,
    state: &State,
) -> TeraResult<&'static str> {
    let (_, locale) = current(locales, state, "plural_category")?;
    let n = to_decimal(value, "plural_category")?
        .ok_or_else(|| Error::message("plural_category: the value is empty"))?;
    Ok(locale.count(n).1.as_str())
}

/// `t(key="…", count=…, lang=…, plain=true, name=…)`.
fn translate(locales: &Locales, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    let key = kwargs.must_get::<&str>("key")?;
    let lang = match kwargs.get::<String>("lang")? {
        Some(lang) => lang,
        None => current(locales, state, "t")?.0,
    };
    let locale = site_locale(locales, &lang, "t")?;
    let count = match kwargs.get::<Value>("count")? {
        Some(value) => to_decimal(&value, "t")?,
        None => None,
    };
    let found = locales
        .lookup(&lang, key, count)
        .ok_or_else(|| Error::message(format!("t: `{lang}` is not a site language")))?;
    let escaping = state.autoescaping_enabled();
    let text = if escaping {
        state.escape(&found.text)?
    } else {
        found.text
    };
    let params = params(kwargs, locale, state)?;
    let text = fill(&text, |name| {
        params.get(name).map(|v| Cow::Borrowed(v.as_str()))
    });
    let plain = kwargs.get::<bool>("plain")?.unwrap_or(false);
    Ok(match found.fallback_lang {
        Some(fallback) if escaping && !plain => {
            let dir = locales.get(&fallback).map_or("ltr", Locale::direction);
            Value::safe_string(&format!(
                "<span lang=\"{fallback}\" dir=\"{dir}\" class=\"untranslated\">{text}</span>"
            ))
        }
        _ => Value::safe_string(&text),
    })
}

/// The placeholder values: numbers formatted like `number`, the rest
/// escaped unless marked safe.
fn params(kwargs: &Kwargs, locale: &Locale, state: &State) -> TeraResult<HashMap<String, String>> {
    let mut params = HashMap::new();
    for (name, value) in kwargs.iter() {
        let Some(name) = name.as_str().filter(|n| !RESERVED.contains(n)) else {
            continue;
        };
        let text = match value.as_number() {
            Some(_) => to_decimal(value, "t")?.map_or_else(String::new, |d| locale.decimal(d, 2)),
            None => state.escape_if_needed(value)?,
        };
        params.insert(name.to_string(), text);
    }
    Ok(params)
}

/// The page language from the context variable `lang`, and its Locale.
fn current<'a>(
    locales: &'a Locales,
    state: &State,
    helper: &str,
) -> TeraResult<(String, &'a Locale)> {
    let lang = state.get::<String>("lang")?.ok_or_else(|| {
        Error::message(format!(
            "{helper}: the template context has no `lang` variable"
        ))
    })?;
    let locale = site_locale(locales, &lang, helper)?;
    Ok((lang, locale))
}

fn site_locale<'a>(locales: &'a Locales, lang: &str, helper: &str) -> TeraResult<&'a Locale> {
    locales
        .get(lang)
        .ok_or_else(|| Error::message(format!("{helper}: `{lang}` is not a site language")))
}

/// An exact decimal from a template value: a number, or a text holding a
/// decimal such as "125000.50" (exact amounts reach templates as text).
/// None and undefined give `None`; anything else is an error.
fn to_decimal(value: &Value, helper: &str) -> TeraResult<Option<Decimal>> {
    if value.is_none() || value.is_undefined() {
        return Ok(None);
    }
    let not_a_number = || Error::message(format!("{helper}: {value} is not a number"));
    let decimal = match (value.as_number(), value.as_str()) {
        (Some(Number::Integer(i)), _) => Decimal::try_from_i128_with_scale(i, 0).ok(),
        // Rounded to what a decimal holds: a ratio of amounts far apart
        // has more fraction digits than 28.
        (Some(Number::Float(f)), _) if f.is_finite() => {
            rust_decimal::prelude::FromPrimitive::from_f64(f)
        }
        (None, Some(text)) => Decimal::from_str_exact(text.trim()).ok(),
        _ => None,
    };
    decimal.map(Some).ok_or_else(not_a_number)
}
