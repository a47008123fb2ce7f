//! What a watched address lists: the items of an RSS or Atom feed, the pages of a sitemap
//! (sitemaps.org 0.9, with the Google News `news:` extension's title, date and publication
//! name), or the sitemaps of a sitemap index. Gzip-compressed sitemaps (`sitemap.xml.gz`,
//! served as a file rather than with a `Content-Encoding`) are decompressed; a plain-text
//! sitemap (one URL a line) is read too.
//!
//! The forgiving XML reader of [`crate::dom`] reads sitemaps as it reads feeds.

use crate::date::parse_attr_date;
use crate::decode::decode_html_bytes;
use crate::dom::{parse_xml, Dom, NodeId};
use crate::feed::read_feed;
use crate::knowledge::HtmlKnowledge;
use std::io::Read;
use std::sync::Arc;

/// The most a listing may hold, decompressed: sitemaps.org caps a sitemap at 50 MB.
pub const MAX_LISTING_BYTES: usize = 50 * 1024 * 1024;

/// One page a listing announces.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListedPage {
    /// As written in the listing (absolute or relative to the listing's address).
    pub url: String,
    pub title: Option<String>,
    /// `YYYY-MM-DD`: the item's publication date, or a sitemap entry's `lastmod`.
    pub published: Option<String>,
    /// The publication's name, when the listing gives one (`news:publication`).
    pub source: Option<String>,
}

/// One sitemap a sitemap index lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListedSitemap {
    pub url: String,
    /// `YYYY-MM-DD` of its `lastmod`.
    pub modified: Option<String>,
}

/// What a feed or sitemap lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    pub pages: Vec<ListedPage>,
    /// Sitemaps of a sitemap index, to be read in turn.
    pub sitemaps: Vec<ListedSitemap>,
}

/// Read an RSS or Atom feed, a sitemap or a sitemap index, plain or gzip-compressed.
pub fn read_listing(bytes: &[u8], k: &Arc<HtmlKnowledge>) -> Result<Listing, String> {
    let inflated;
    let bytes = if crate::sniff::is_gzip(bytes) {
        inflated = gunzip(bytes)?;
        &inflated[..]
    } else {
        bytes
    };
    if bytes.len() > MAX_LISTING_BYTES {
        return Err(format!(
            "listing is over the {} MB limit",
            MAX_LISTING_BYTES >> 20
        ));
    }
    let text = decode_html_bytes(bytes);
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("http://") || head.starts_with("https://") {
        return Ok(text_sitemap(head));
    }
    let dom = parse_xml(&text, k);
    let root = (1..dom.nodes.len() as NodeId)
        .find(|&i| matches!(local(dom.name(i)), "urlset" | "sitemapindex"));
    let Some(root) = root else {
        let items = read_feed(bytes, k).map_err(|_| {
            "neither a feed nor a sitemap: no <rss>, <feed>, <rdf:RDF>, <urlset> or \
             <sitemapindex> element"
                .to_string()
        })?;
        let pages = items
            .into_iter()
            .filter_map(|item| {
                Some(ListedPage {
                    url: item.link?,
                    title: item.title,
                    published: item.published,
                    source: None,
                })
            })
            .collect();
        return Ok(Listing {
            pages,
            sitemaps: Vec::new(),
        });
    };
    let mut listing = Listing::default();
    let index = local(dom.name(root)) == "sitemapindex";
    let entry_tag = if index { "sitemap" } else { "url" };
    for entry in (root..dom.subtree_end(root)).filter(|&i| local(dom.name(i)) == entry_tag) {
        let Some(url) = child_text(&dom, entry, "loc") else {
            continue;
        };
        let modified = child_text(&dom, entry, "lastmod")
            .and_then(|d| parse_attr_date(&d, k))
            .map(|d| d.iso());
        if index {
            listing.sitemaps.push(ListedSitemap { url, modified });
            continue;
        }
        let news = dom.children(entry).find(|&c| local(dom.name(c)) == "news");
        let news_text = |name: &str| news.and_then(|n| child_text(&dom, n, name));
        let published = news_text("publication_date")
            .and_then(|d| parse_attr_date(&d, k))
            .map(|d| d.iso())
            .or(modified);
        let source = news
            .and_then(|n| {
                dom.children(n)
                    .find(|&c| local(dom.name(c)) == "publication")
            })
            .and_then(|p| child_text(&dom, p, "name"));
        listing.pages.push(ListedPage {
            url,
            title: news_text("title").map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")),
            published,
            source,
        });
    }
    Ok(listing)
}

/// A tag name without its namespace prefix (`news:title` -> `title`).
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The trimmed text of the first direct child of `parent` named `name` (any prefix).
fn child_text(dom: &Dom, parent: NodeId, name: &str) -> Option<String> {
    dom.children(parent)
        .filter(|&c| local(dom.name(c)) == name)
        .find_map(|c| {
            let text = dom.text_of(c);
            let text = text.trim();
            (!text.is_empty()).then(|| text.to_string())
        })
}

/// A text sitemap: one absolute URL a line.
fn text_sitemap(text: &str) -> Listing {
    let pages = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("http://") || l.starts_with("https://"))
        .map(|url| ListedPage {
            url: url.to_string(),
            ..ListedPage::default()
        })
        .collect();
    Listing {
        pages,
        sitemaps: Vec::new(),
    }
}

/// Decompress a gzip file, refusing one that inflates past the listing cap.
fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_LISTING_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("gzip: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const NEWS_SITEMAP: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://harbour.example/2024/05/07/ferry-strike.html</loc>
    <lastmod>2024-05-07T09:40:00+02:00</lastmod>
    <news:news>
      <news:publication><news:name>Harbour Herald</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-05-07T08:15:00+02:00</news:publication_date>
      <news:title>Ferry crews walk out
        over rosters</news:title>
    </news:news>
  </url>
  <url><loc>https://harbour.example/about</loc><lastmod>2023-01-02</lastmod></url>
  <url><lastmod>2023-01-02</lastmod></url>
</urlset>"#;

    #[test]
    fn a_news_sitemap_lists_pages_with_title_date_and_publication() {
        let listing = read_listing(NEWS_SITEMAP.as_bytes(), &crate::knowledge::embedded()).unwrap();
        assert!(listing.sitemaps.is_empty());
        assert_eq!(listing.pages.len(), 2, "an entry without <loc> is skipped");
        let first = &listing.pages[0];
        assert_eq!(
            first.url,
            "https://harbour.example/2024/05/07/ferry-strike.html"
        );
        assert_eq!(
            first.title.as_deref(),
            Some("Ferry crews walk out over rosters")
        );
        assert_eq!(first.published.as_deref(), Some("2024-05-07"));
        assert_eq!(first.source.as_deref(), Some("Harbour Herald"));
        assert_eq!(listing.pages[1].published.as_deref(), Some("2023-01-02"));
    }

    #[test]
    fn a_sitemap_index_lists_sitemaps_and_gzip_is_read() {
        let index = "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
            <sitemap><loc>https://harbour.example/sitemap-news.xml.gz</loc>\
            <lastmod>2024-05-07</lastmod></sitemap>\
            <sitemap><loc>https://harbour.example/sitemap-2019.xml</loc></sitemap></sitemapindex>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(index.as_bytes()).unwrap();
        let listing = read_listing(&gz.finish().unwrap(), &crate::knowledge::embedded()).unwrap();
        assert!(listing.pages.is_empty());
        assert_eq!(
            listing.sitemaps,
            vec![
                ListedSitemap {
                    url: "https://harbour.example/sitemap-news.xml.gz".into(),
                    modified: Some("2024-05-07".into()),
                },
                ListedSitemap {
                    url: "https://harbour.example/sitemap-2019.xml".into(),
                    modified: None,
                },
            ]
        );
    }

    #[test]
    fn feeds_and_text_sitemaps_are_listings_too() {
        let rss = "<rss><channel><item><title>Dam opens</title>\
            <link>https://valley.example/dam</link><pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate>\
            </item><item><title>No link</title></item></channel></rss>";
        let listing = read_listing(rss.as_bytes(), &crate::knowledge::embedded()).unwrap();
        assert_eq!(listing.pages.len(), 1);
        assert_eq!(listing.pages[0].url, "https://valley.example/dam");
        assert_eq!(listing.pages[0].published.as_deref(), Some("2024-05-07"));

        let text = "https://valley.example/a\n\nhttps://valley.example/b\nnot a url\n";
        let urls: Vec<String> = read_listing(text.as_bytes(), &crate::knowledge::embedded())
            .unwrap()
            .pages
            .into_iter()
            .map(|p| p.url)
            .collect();
        assert_eq!(
            urls,
            ["https://valley.example/a", "https://valley.example/b"]
        );

        assert!(read_listing(
            b"<html><body>a page</body></html>",
            &crate::knowledge::embedded()
        )
        .is_err());
    }
}
