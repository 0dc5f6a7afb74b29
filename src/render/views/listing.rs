//! One page of a list of records, with its pagination.

use serde::Serialize;

use crate::model::{PageKey, Site};

use super::{RecordSummary, record_summary};

#[derive(Serialize)]
pub struct ListingView<'a> {
    pub records: Vec<RecordSummary<'a>>,
    /// Records in the whole list, not just this page.
    pub total: usize,
    /// 1-based position of the first and last record shown.
    pub first: usize,
    pub last: usize,
    pub pagination: Pagination<'a>,
}

#[derive(Serialize)]
pub struct Pagination<'a> {
    pub page: usize,
    pub pages: usize,
    pub previous: Option<&'a str>,
    pub next: Option<&'a str>,
    pub links: Vec<PageLink<'a>>,
}

#[derive(Serialize)]
pub struct PageLink<'a> {
    pub number: usize,
    pub href: Option<&'a str>,
    pub current: bool,
}

/// Page `page` of the records `all`; `key_of(n)` is the key of page n.
pub fn listing<'a>(
    site: &'a Site<'_>,
    all: &[usize],
    page: usize,
    lang: &'a str,
    key_of: impl Fn(usize) -> PageKey,
) -> ListingView<'a> {
    let per_page = site.config.records.per_page;
    let pages = all.len().div_ceil(per_page).max(1);
    let start = (page - 1) * per_page;
    let shown = all.iter().skip(start).take(per_page);
    let records: Vec<_> = shown.map(|&i| record_summary(site, i, lang)).collect();
    let href = |n: usize| site.href(&key_of(n), lang);
    ListingView {
        total: all.len(),
        first: if records.is_empty() { 0 } else { start + 1 },
        last: start + records.len(),
        records,
        pagination: Pagination {
            page,
            pages,
            previous: (page > 1).then(|| href(page - 1)).flatten(),
            next: (page < pages).then(|| href(page + 1)).flatten(),
            links: window(page, pages)
                .map(|number| PageLink {
                    number,
                    href: href(number),
                    current: number == page,
                })
                .collect(),
        },
    }
}

/// The page numbers worth linking: the first, the last and two either side
/// of the current one, so a list of thousands of pages stays small.
fn window(page: usize, pages: usize) -> impl Iterator<Item = usize> {
    (1..=pages).filter(move |&n| n == 1 || n == pages || n.abs_diff(page) <= 2)
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_a_window_of_pages() {
        let shown: Vec<_> = super::window(10, 40).collect();
        assert_eq!(shown, [1, 8, 9, 10, 11, 12, 40]);
        assert_eq!(super::window(1, 1).collect::<Vec<_>>(), [1]);
    }
}
