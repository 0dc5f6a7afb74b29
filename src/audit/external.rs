//! Links to other sites, checked only with `check --external`: CI may have
//! no internet, and another site's outage is not this site's error. Each
//! address is asked once (HEAD, then GET when HEAD is refused), a few at a
//! time; a failure is a warning naming the first page that links to it.

use std::time::Duration;

use rayon::prelude::*;

use super::External;
use crate::diagnostics::Diagnostic;

/// How long one address may take to answer.
const TIMEOUT: Duration = Duration::from_secs(15);

/// One warning per external address that does not answer with success.
pub fn check(external: &External) -> Vec<Diagnostic> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("bayan-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut found: Vec<Diagnostic> = external
        .par_iter()
        .filter_map(|(url, page)| {
            let problem = problem(&agent, url)?;
            Some(
                Diagnostic::warning(format!("the external link `{url}` {problem}"))
                    .with_code("external-link-broken")
                    .with_note(format!("on the page {page}"))
                    .with_hint("check the address in a browser; update or remove the link if the page moved or is gone"),
            )
        })
        .collect();
    found.sort_by(|a, b| a.message.cmp(&b.message));
    found
}

/// What went wrong with one address, in words; `None` when it answered.
fn problem(agent: &ureq::Agent, url: &str) -> Option<String> {
    let status = |response: Result<ureq::http::Response<ureq::Body>, ureq::Error>| {
        response.map(|r| r.status().as_u16())
    };
    let answer = match status(agent.head(url).call()) {
        // Some servers refuse HEAD: ask again with GET.
        Ok(405 | 403 | 501) => status(agent.get(url).call()),
        other => other,
    };
    match answer {
        Ok(code) if code < 400 => None,
        Ok(code) => Some(format!("answered HTTP {code}")),
        Err(error) => Some(format!("could not be reached: {error}")),
    }
}
