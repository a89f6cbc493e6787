//! HTML pages: the main text by readability, and the metadata news pages carry.

use crate::detect::{HTML, strip_extension};
use crate::{InputError, Item, Origin, TextOptions, dates, whole};
use chrono::NaiveDate;
use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, TextMode};
use dyad_types::{DocId, Document};
use std::borrow::Cow;
use std::collections::HashMap;

/// Meta tags (`property`, `name` or `itemprop`) that state the publication date, best first,
/// before JSON-LD's `datePublished`.
const DATE_FIRST: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
];

/// Meta tags that state the publication date, after JSON-LD's `datePublished`.
const DATE_THEN: &[&str] = &[
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
];

/// Elements whose text is never the page's text.
const INVISIBLE: &str = "script, style, noscript, template, iframe, svg, head, nav, header, footer";

/// How far into a page its charset declaration is looked for.
const CHARSET_WINDOW: usize = 1024;

/// The deepest nesting, estimated from the tags, that is parsed at all: the HTML parser's time
/// grows with the square of the nesting of block elements (100,000 nested `<div>`s take minutes).
const MAX_TAG_DEPTH: usize = 2000;

/// The deepest parsed tree handed to readability, which recurses (and overflows the stack on very
/// deep trees) and slows down with depth; deeper pages get their visible text instead. News
/// pages nest a few dozen elements deep.
const MAX_READABILITY_DEPTH: usize = 256;

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "basefont", "bgsound", "frame", "image", "isindex", "menuitem",
];

/// Elements whose end tag may be left out: the next sibling closes them.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "colgroup", "caption",
    "option", "optgroup", "rt", "rp", "rb", "rtc",
];

/// Elements whose content is text, not tags, up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// What a page gives besides its text.
#[derive(Debug, Default)]
struct Meta {
    url: Option<String>,
    published: Option<NaiveDate>,
    title: Option<String>,
    site: Option<String>,
}

/// The document in an HTML page.
pub(crate) fn document(bytes: &[u8], origin: &Origin, opts: &TextOptions) -> Item {
    let html = decode(bytes, &origin.file)?;
    if nesting_estimate(&html) > MAX_TAG_DEPTH {
        return Err(InputError::file(
            &origin.file,
            format!("elements nested more than {MAX_TAG_DEPTH} deep; skipped"),
        ));
    }
    let (meta, text) = crate::guard(&origin.file, "HTML", || Ok(extract(&html)))?;
    let Some(text) = text else {
        return Err(InputError::file(&origin.file, "no text in the page"));
    };
    Ok(Document {
        id: DocId(
            meta.url
                .clone()
                .unwrap_or_else(|| strip_extension(&origin.id, HTML)),
        ),
        published: meta.published.or(opts.published),
        title: meta.title,
        url: meta.url,
        source: meta.site,
        text,
    })
}

/// The metadata and the main text (`None` when the page has no text at all).
fn extract(html: &str) -> (Meta, Option<String>) {
    let dom = Dom::from(html);
    let tags = meta_tags(&dom);
    let mut meta = Meta {
        url: canonical(&dom).or_else(|| tags.get("og:url").cloned()),
        published: None,
        title: tags
            .get("og:title")
            .and_then(|t| non_empty(t))
            .or_else(|| dom.try_select("title").and_then(|t| non_empty(&t.text()))),
        site: tags.get("og:site_name").and_then(|t| non_empty(t)),
    };
    let time = time_element(&dom);
    let published = |json_ld: Option<NaiveDate>| {
        first_date(&tags, DATE_FIRST)
            .or(json_ld)
            .or_else(|| first_date(&tags, DATE_THEN))
            .or(time)
    };
    if deeper_than(&dom, MAX_READABILITY_DEPTH) {
        meta.published = published(None);
        return (meta, visible_text(dom));
    }
    let found = readable(dom);
    meta.published = published(found.published);
    meta.title = found.title.or(meta.title);
    let text = found.text.or_else(|| visible_text(Dom::from(html)));
    (meta, text)
}

/// What readability finds in a page.
struct Readable {
    /// JSON-LD's `datePublished`.
    published: Option<NaiveDate>,
    /// The title from the metadata, else `<title>` without the site's name.
    title: Option<String>,
    /// The article's text, if it found one.
    text: Option<String>,
}

/// Run readability on a page (menus, the page's header and footer removed first).
fn readable(dom: Dom) -> Readable {
    remove_page_furniture(&dom);
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // Fails only for a bad document URL, and none is given.
    let Ok(mut readability) = Readability::with_document(dom, None, Some(config)) else {
        return Readable {
            published: None,
            title: None,
            text: None,
        };
    };
    let json_ld = readability.parse_json_ld();
    let published = json_ld
        .as_ref()
        .and_then(|m| m.published_time.as_deref())
        .and_then(dates::parse_loose);
    let title = non_empty(&readability.get_article_metadata(json_ld).title);
    let text = readability
        .parse()
        .ok()
        .map(|article| tidy(&article.text_content))
        .filter(|t| !t.is_empty());
    Readable {
        published,
        title,
        text,
    }
}

/// The page as text: UTF-8, or the encoding it declares when it is not UTF-8.
fn decode<'a>(bytes: &'a [u8], file: &str) -> Result<Cow<'a, str>, InputError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(x) => match declared_encoding(bytes) {
            Some(enc) if enc != encoding_rs::UTF_8 => Ok(enc.decode_without_bom_handling(bytes).0),
            _ => Err(whole::utf8_error(bytes, x, file)),
        },
    }
}

/// The encoding a page declares in its first bytes (`<meta charset=…>` or an `http-equiv`
/// content type), as a decoder would use it (UTF-16 labels mean UTF-8 here, as in browsers).
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes[..bytes.len().min(CHARSET_WINDOW)].to_ascii_lowercase();
    let at = head.windows(7).position(|w| w == b"charset")? + 7;
    let rest = &head[at..];
    let skip = rest
        .iter()
        .take_while(|b| b.is_ascii_whitespace() || matches!(b, b'=' | b'"' | b'\''))
        .count();
    let label: Vec<u8> = rest[skip..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .copied()
        .collect();
    encoding_rs::Encoding::for_label(&label).map(|e| e.output_encoding())
}

/// Every `<meta>` with `content`, by its lower-cased `property`, `name` or `itemprop` (the first
/// of each).
fn meta_tags(dom: &Dom) -> HashMap<String, String> {
    let mut tags = HashMap::new();
    let Some(metas) = dom.try_select("meta[content]") else {
        return tags;
    };
    for node in metas.nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = node.attr(key) {
                tags.entry(k.trim().to_ascii_lowercase())
                    .or_insert_with(|| content.to_string());
            }
        }
    }
    tags
}

/// `<link rel=canonical href=…>`.
fn canonical(dom: &Dom) -> Option<String> {
    dom.try_select("link[rel~=canonical][href]")?
        .attr("href")
        .as_deref()
        .and_then(non_empty)
}

/// The first readable date among the meta tags named, in the order named.
fn first_date(tags: &HashMap<String, String>, keys: &[&str]) -> Option<NaiveDate> {
    keys.iter()
        .filter_map(|k| tags.get(*k))
        .find_map(|v| dates::parse_loose(v))
}

/// The date of a `<time datetime>`: one marked as the publication date, else the first.
fn time_element(dom: &Dom) -> Option<NaiveDate> {
    [
        "time[pubdate][datetime]",
        "time[itemprop=datePublished][datetime]",
        "time[datetime]",
    ]
    .iter()
    .filter_map(|sel| dom.try_select(sel))
    .flat_map(|s| s.nodes().to_vec())
    .filter_map(|n| n.attr("datetime"))
    .find_map(|v| dates::parse_loose(&v))
}

/// Remove menus, and the page's own header and footer (not an article's), before readability
/// looks for the article: on a short page it would otherwise keep them.
fn remove_page_furniture(dom: &Dom) {
    if let Some(nav) = dom.try_select("nav") {
        nav.remove();
    }
    let Some(bands) = dom.try_select("header, footer") else {
        return;
    };
    for node in bands.nodes() {
        let in_article = node
            .ancestors_it(None)
            .any(|a| a.has_name("article") || a.has_name("main"));
        if !in_article {
            node.remove_from_parent();
        }
    }
}

/// The visible text of the body: what is left without scripts, styles, menus, headers and footers.
fn visible_text(dom: Dom) -> Option<String> {
    if let Some(hidden) = dom.try_select(INVISIBLE) {
        hidden.remove();
    }
    let text = match dom.body() {
        Some(body) => body.formatted_text(),
        None => dom.formatted_text(),
    };
    Some(tidy(&text)).filter(|t| !t.is_empty())
}

/// Text turned out of HTML (a feed item's content): paragraphs as blank lines, scripts and styles
/// left out; an error if its elements nest too deep to parse.
pub(crate) fn fragment_text(html: &str) -> Result<String, String> {
    if nesting_estimate(html) > MAX_TAG_DEPTH {
        return Err(format!("HTML nested more than {MAX_TAG_DEPTH} deep"));
    }
    let dom = Dom::fragment(html);
    if let Some(hidden) = dom.try_select("script, style, noscript, template") {
        hidden.remove();
    }
    Ok(tidy(&dom.formatted_text()))
}

/// Whether the parsed tree is deeper than `limit` (walked without recursion).
fn deeper_than(dom: &Dom, limit: usize) -> bool {
    let mut stack = vec![(dom.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            stack.push((c, depth + 1));
        }
    }
    false
}

/// How deep the elements of a page nest, estimated from its tags without parsing it: start tags
/// count one deeper and end tags one shallower, except void elements, elements a sibling closes
/// (`p`, `li`, `td`…), tags self-closed inside SVG or MathML (elsewhere `<div/>` stays open, as
/// the HTML parser has it), comments and the content of scripts and styles.
fn nesting_estimate(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max, mut foreign) = (0, 0usize, 0, 0usize);
    while let Some(lt) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + lt + 1;
        let rest = &b[at..];
        if rest.starts_with(b"!--") {
            i = find(b, at + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let start = at + usize::from(closing);
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if len == 0 || !b[start].is_ascii_alphabetic() {
            i = at;
            continue;
        }
        let name = b[start..start + len].to_ascii_lowercase();
        let name = std::str::from_utf8(&name).unwrap_or_default();
        let end = find(b, start + len, b">").unwrap_or(b.len());
        i = (end + 1).min(b.len());
        let counted = !VOID.contains(&name) && !SELF_CLOSING_SIBLINGS.contains(&name);
        let self_closed = b.get(end.wrapping_sub(1)) == Some(&b'/');
        let is_foreign_root = name == "svg" || name == "math";
        if closing {
            depth = depth.saturating_sub(usize::from(counted));
            foreign = foreign.saturating_sub(usize::from(is_foreign_root));
        } else if self_closed && (foreign > 0 || is_foreign_root) {
            // Closed where it opens.
        } else if RAW_TEXT.contains(&name) {
            // Counted like any element; its end tag, next, counts back.
            depth += 1;
            max = max.max(depth);
            let close = format!("</{name}");
            i = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
        } else if counted {
            depth += 1;
            max = max.max(depth);
            foreign += usize::from(is_foreign_root);
        }
    }
    max
}

/// Where `needle` next occurs in `hay` from `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Where `needle` (lower case) next occurs in `hay` from `from`, ignoring ASCII case.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// Lines trimmed, runs of blank lines made one blank line, no blank lines at either end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        blank = false;
    }
    out
}

/// A trimmed string, if anything is left.
fn non_empty(s: &str) -> Option<String> {
    Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_charsets_are_found() {
        let enc = |s: &[u8]| declared_encoding(s).map(|e| e.name());
        assert_eq!(enc(b"<meta charset=\"ISO-8859-1\">"), Some("windows-1252"));
        assert_eq!(
            enc(b"<meta http-equiv=Content-Type content='text/html; charset = shift_jis'>"),
            Some("Shift_JIS")
        );
        assert_eq!(enc(b"<meta charset=utf-16>"), Some("UTF-8"));
        assert_eq!(enc(b"<p>no declaration</p>"), None);
    }

    #[test]
    fn nesting_is_estimated_from_tags() {
        assert_eq!(nesting_estimate("<div><div><p>a<p>b</div></div>"), 2);
        assert_eq!(nesting_estimate("<ul><li>a<li>b<br><img src=x></ul>"), 1);
        assert_eq!(
            nesting_estimate("<script>'<div><div><div>'</SCRIPT><!-- <div><div> --><b>x</b>"),
            1
        );
        assert_eq!(
            nesting_estimate("<div><script>'<div>'</script><style>p{}</style></div>"),
            2
        );
        assert_eq!(
            nesting_estimate("<svg><path d=x/><path/></svg> a < b <3"),
            1
        );
        assert_eq!(nesting_estimate("<svg/><math><mi/></math>"), 1);
        assert_eq!(nesting_estimate("<div/><div/><br/>"), 2);
        assert_eq!(nesting_estimate(&"<div>".repeat(5000)), 5000);
        assert_eq!(nesting_estimate("<div"), 1);
    }

    #[test]
    fn deep_pages_give_their_visible_text_without_readability() {
        let n = 20_000;
        let deep = format!(
            "<html><head><title>T</title></head><body>{}Deep text.</body></html>",
            "<span>".repeat(n)
        );
        assert_eq!(extract(&deep).1.as_deref(), Some("Deep text."));
    }

    #[test]
    fn tidy_keeps_paragraphs() {
        assert_eq!(tidy("\n\n a \n\n\n\n b\nc  \n\n"), "a\n\nb\nc");
    }
}
