package extract

import (
	"bytes"
	"errors"
	"fmt"
	nurl "net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	htmldate "github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"

	"sitrep/internal/model"
)

// HTMLOptions tunes HTML extraction.
type HTMLOptions struct {
	URL          string // the page address, when known (improves link and date handling)
	Fallback     bool   // let trafilatura compare with readability and dom-distiller
	FastDate     bool   // skip htmldate's extensive search (faster, fewer dates found)
	SkipRemoved  bool   // do not compute the list of removed blocks (benchmarks)
	Now          time.Time
	ContentType  string // HTTP Content-Type, when known, for charset detection
	MaxRemovedIn int    // cap on removed blocks reported; 0 means 300
}

// HTMLResult is what extraction finds in one page.
type HTMLResult struct {
	Title       string
	Author      string
	Site        string
	URL         string
	Language    string
	Description string
	Published   time.Time
	DatePrec    model.Precision
	Text        string
	Removed     []model.RemovedBlock
}

// ErrNoText means the page parsed but no main text was found.
var ErrNoText = errors.New("no main text found")

// DecodeHTML converts raw page bytes to UTF-8, honouring a BOM, the
// Content-Type header, <meta charset> and, failing those, a content guess.
func DecodeHTML(raw []byte, contentType string) []byte {
	if utf8.Valid(raw) && !bytes.HasPrefix(raw, []byte{0xfe, 0xff}) && !bytes.HasPrefix(raw, []byte{0xff, 0xfe}) {
		return bytes.TrimPrefix(raw, []byte("\ufeff"))
	}
	enc, _, certain := charset.DetermineEncoding(raw, contentType)
	if !certain {
		declared := declaredCharset(raw)
		if declared == nil && mostlyUTF8(raw) {
			// No charset given, and the bytes are UTF-8 but for a stray
			// few: guessing windows-1252 would garble every accented letter.
			return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
		}
		if declared != nil {
			enc = declared
		}
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	if !utf8.Valid(out) {
		// "UTF-8" guessed from a text that ends in a cut sequence decodes
		// as the bytes themselves (found by FuzzDecodeHTML).
		return bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out
}

// metaCharset is a charset declared in a <meta> tag.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// charsetScan is how far into a page declaredCharset looks. Browsers look
// in the first kilobyte only, but an archive's banner or a long <head>
// pushes a page's declaration further (a GB2312 page behind a web
// archive's wrapper came out as mojibake).
const charsetScan = 64 << 10

// declaredCharset is the encoding the page's first <meta> charset names,
// or nil.
func declaredCharset(raw []byte) encoding.Encoding {
	m := metaCharset.FindSubmatch(raw[:min(len(raw), charsetScan)])
	if m == nil {
		return nil
	}
	enc, _ := charset.Lookup(string(m[1]))
	return enc
}

// mostlyUTF8 reports a text whose multi-byte UTF-8 sequences far
// outnumber its invalid bytes. A text in an 8-bit encoding almost never
// forms a valid multi-byte sequence, so a few valid ones beside many
// invalid bytes is windows-1252 or Latin-1, not UTF-8.
func mostlyUTF8(b []byte) bool {
	multi, bad := 0, 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			bad++
		} else {
			multi++
		}
		b = b[n:]
	}
	return multi >= 4*bad && multi > 0
}

// ParseHTML decodes and parses a page.
func ParseHTML(raw []byte, contentType string) (*html.Node, error) {
	doc, err := html.Parse(bytes.NewReader(DecodeHTML(raw, contentType)))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	return doc, nil
}

// PublishedDate finds a page's original publication date with go-htmldate.
func PublishedDate(doc *html.Node, opts HTMLOptions) (time.Time, model.Precision) {
	res, err := htmldate.FromDocument(doc, htmldate.Options{
		UseOriginalDate:     true,
		ExtractTime:         true,
		URL:                 opts.URL,
		SkipExtensiveSearch: opts.FastDate,
		MaxDate:             opts.Now,
	})
	if err != nil || res.DateTime.IsZero() {
		return time.Time{}, model.PrecisionNone
	}
	prec := model.PrecisionDay
	if res.HasTime {
		prec = model.PrecisionMinute
	}
	return res.DateTime, prec
}

// HTML extracts the main text and metadata of one page with trafilatura.
// Its fallback extractors (readability, dom-distiller) are tried too when
// trafilatura finds no text, text without a sentence (a menu, a tag cloud),
// or far less than the page's paragraphs hold (it sometimes stops after
// the first section of a long article); their text is kept when it reads as
// prose and, in the last case, holds what trafilatura found and half as
// much again. Using them on every page costs accuracy on the Zyte benchmark
// (F1 0.964 against 0.971), so by default they only rescue pages.
func HTML(raw []byte, opts HTMLOptions) (*HTMLResult, error) {
	doc, err := ParseHTML(raw, opts.ContentType)
	if err != nil {
		return nil, err
	}
	if opts.Fallback {
		return HTMLDocument(doc, opts)
	}
	paraWords := paragraphWords(doc) // before trafilatura prunes the tree
	r, err := HTMLDocument(doc, opts)
	short := err == nil && float64(paraWords) >= 1.5*float64(wordCount(r.Text))
	if err == nil && proseShare(r.Text) > 0 && !short {
		return r, nil
	}
	opts.Fallback = true
	doc, err2 := ParseHTML(raw, opts.ContentType) // trafilatura pruned the first tree
	if err2 != nil {
		return r, err
	}
	r2, err2 := HTMLDocument(doc, opts)
	switch {
	case err2 != nil:
		return r, err
	case err != nil:
		return r2, nil
	case proseShare(r2.Text) < 0.8:
		return r, nil
	case proseShare(r.Text) == 0:
		return r2, nil
	case len(r2.Text) >= len(r.Text)*3/2 && covered(r.Text, r2.Text) >= 0.9:
		return r2, nil
	}
	return r, nil
}

// paragraphWords counts the words in the page's <p> elements outside
// navigation, headers, footers, asides and forms.
func paragraphWords(doc *html.Node) int {
	n := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.ElementNode {
			switch x.Data {
			case "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form":
				return
			case "p":
				n += wordCount(nodeText(x))
				return
			}
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return n
}

// covered is the share of a's words that stand in paragraphs b holds too.
func covered(a, b string) float64 {
	kb := normKey(b)
	in, total := 0, 0
	for _, p := range strings.Split(a, "\n\n") {
		w := wordCount(p)
		total += w
		if strings.Contains(kb, normKey(p)) {
			in += w
		}
	}
	if total == 0 {
		return 0
	}
	return float64(in) / float64(total)
}

// proseShare is the share of text's words that stand in paragraphs of eight
// words or more ending like a sentence.
func proseShare(text string) float64 {
	total, prose := 0, 0
	for _, p := range strings.Split(text, "\n\n") {
		w := wordCount(p)
		total += w
		if w >= 8 && endsSentence(p) {
			prose += w
		}
	}
	if total == 0 {
		return 0
	}
	return float64(prose) / float64(total)
}

// HTMLDocument is HTML on an already parsed page.
func HTMLDocument(doc *html.Node, opts HTMLOptions) (*HTMLResult, error) {
	pub, prec := PublishedDate(doc, opts)
	topts := trafilatura.Options{
		EnableFallback:  opts.Fallback,
		ExcludeComments: true,
		// The date was found above; give it to trafilatura so it does not
		// search a second time.
		HtmlDateOverride: &htmldate.Result{DateTime: pub},
	}
	if opts.URL != "" {
		if u, err := nurl.ParseRequestURI(opts.URL); err == nil {
			topts.OriginalURL = u
		}
	}
	res, err := trafilatura.ExtractDocument(doc, topts)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoText, err)
	}
	out := &HTMLResult{
		Title:       strings.TrimSpace(res.Metadata.Title),
		Author:      strings.TrimSpace(res.Metadata.Author),
		Site:        strings.TrimSpace(res.Metadata.Sitename),
		URL:         res.Metadata.URL,
		Language:    res.Metadata.Language,
		Description: res.Metadata.Description,
		Published:   pub,
		DatePrec:    prec,
		Text:        RenderText(res.ContentNode),
	}
	if out.Site == "" {
		out.Site = res.Metadata.Hostname
	}
	if out.URL == "" {
		out.URL = opts.URL
	}
	// The headline is the title, not body text (as in plain text, where
	// the headline line moves to Title): drop it when the text opens with it.
	var headline string
	out.Text, headline = dropHeadline(out.Text, out.Title)
	out.Text = dropBoilerplateParagraphs(out.Text)
	if out.Text == "" {
		return nil, ErrNoText
	}
	if !opts.SkipRemoved {
		limit := opts.MaxRemovedIn
		if limit == 0 {
			limit = 300
		}
		out.Removed = removedBlocks(doc, out.Text, headline, limit)
	}
	return out, nil
}

// dropHeadline removes text's first paragraph when it is the title (letters
// and digits compared, case ignored); it returns the text and the removed
// paragraph ("" when none was).
func dropHeadline(text, title string) (string, string) {
	first, rest, _ := strings.Cut(text, "\n\n")
	if title == "" || normKey(first) != normKey(title) || normKey(first) == "" {
		return text, ""
	}
	return rest, first
}

// blockTags are elements whose text forms a paragraph-sized unit.
var blockTags = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "figcaption": true, "blockquote": true, "dt": true, "dd": true, "pre": true,
	"caption": true, "label": true, "button": true, "td": true,
}

// dropBoilerplateParagraphs removes the short paragraphs trafilatura left
// in that plainly are not body text: a date or "Updated at" line, a byline,
// a photo or contributor credit, a related-article teaser ("Read more: …").
// The narrower list than for plain text keeps every body sentence; the
// removed paragraphs are listed by removedBlocks with their reasons.
func dropBoilerplateParagraphs(text string) string {
	paras := strings.Split(text, "\n\n")
	kept := paras[:0]
	for _, p := range paras {
		if paragraphBoilerplate(p) == "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}

// paragraphBoilerplate is the reason dropBoilerplateParagraphs drops p, or "".
func paragraphBoilerplate(p string) string {
	words := wordCount(p)
	if words > shortWords {
		return ""
	}
	low := strings.ToLower(p)
	switch {
	case words <= 12 && dateLineRe.MatchString(low):
		return ReasonDate
	case contribRe.MatchString(p):
		return ReasonContrib
	case creditRe.MatchString(p):
		return ReasonCredit
	case byRe.MatchString(p) && !endsSentence(p):
		return ReasonByline
	case teaserHeaderRe.MatchString(low):
		return ReasonRelated
	}
	for _, r := range rules {
		if r.reason == ReasonRelated && r.pat.MatchString(low) {
			return ReasonRelated
		}
	}
	return ""
}

// removedBlocks lists text blocks of the page that are not in the extracted
// text, each with a reason guessed from the element and its ancestors; the
// headline taken out of the text (if any) comes first, as the title.
func removedBlocks(doc *html.Node, text, headline string, limit int) []model.RemovedBlock {
	kept := normKey(text)
	var out []model.RemovedBlock
	seen := map[string]bool{}
	if headline != "" {
		out = append(out, model.RemovedBlock{Text: truncate(headline, 500), Reason: ReasonTitle})
		seen[normKey(headline)] = true
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if len(out) >= limit {
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "template", "svg", "head", "iframe":
				return
			}
			if blockTags[n.Data] {
				t := strings.Join(strings.Fields(nodeText(n)), " ")
				k := normKey(t)
				if wordCount(t) >= 3 && !seen[k] && !strings.Contains(kept, k) {
					seen[k] = true
					out = append(out, model.RemovedBlock{Text: truncate(t, 500), Reason: htmlReason(n)})
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// htmlReason names why a block was probably dropped, from the block itself
// (the same rules as for plain text) or from its ancestors' tags, classes and ids.
func htmlReason(n *html.Node) string {
	// The text rules describe short boilerplate lines; long blocks are left
	// to the structural clues below (and running every rule on every long
	// block cost a sixth of ingest time).
	if t := strings.Join(strings.Fields(nodeText(n)), " "); wordCount(t) <= shortWords {
		if r := paragraphBoilerplate(t); r != "" {
			return r
		}
		t = strings.ToLower(t)
		for _, r := range rules {
			if r.pat.MatchString(t) {
				return r.reason
			}
		}
	}
	for a := n; a != nil; a = a.Parent {
		if a.Type != html.ElementNode {
			continue
		}
		switch a.Data {
		case "nav", "header", "menu":
			return ReasonNav
		case "footer":
			return "footer"
		case "aside":
			return "sidebar"
		case "form":
			return "form"
		case "figcaption", "figure":
			return ReasonCaption
		}
		var attrs string
		for _, at := range a.Attr {
			if at.Key == "class" || at.Key == "id" || at.Key == "role" {
				attrs += " " + strings.ToLower(at.Val)
			}
		}
		for _, c := range attrClues {
			if strings.Contains(attrs, c.clue) {
				return c.reason
			}
		}
	}
	return "not main content"
}

var attrClues = []struct{ clue, reason string }{
	{"comment", ReasonComments}, {"newsletter", ReasonNewsletter}, {"subscri", ReasonPaywall},
	{"paywall", ReasonPaywall}, {"related", ReasonRelated}, {"recommend", ReasonRelated},
	{"share", ReasonNav}, {"social", ReasonNav}, {"nav", ReasonNav}, {"menu", ReasonNav},
	{"breadcrumb", ReasonNav}, {"caption", ReasonCaption}, {"credit", ReasonCredit},
	{"byline", ReasonByline}, {"author", ReasonByline}, {"promo", ReasonPromo},
	{"advert", "advert"}, {" ad ", "advert"}, {"sidebar", "sidebar"}, {"footer", "footer"},
	{"cookie", "cookie notice"}, {"header", ReasonNav},
}
