package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A block is one paragraph-sized unit of plain text: a line in line-per-paragraph
// dumps (like the seed corpus), or a blank-line-separated paragraph in
// hard-wrapped text.
type block struct {
	text   string
	kind   blockKind
	reason string // why a boilerplate block was dropped
	words  int
}

type blockKind int

const (
	kindUnknown  blockKind = iota
	kindBody               // article prose
	kindHeading            // headline-like line (title or subheading)
	kindDrop               // boilerplate, see reason
	kindByline             // author line (kept as metadata)
	kindDateline           // body paragraph that opens with a dateline ("PARIS —")
)

// Reasons recorded for removed blocks. They are part of the stored data and
// the UI shows them, so they are stable strings.
const (
	ReasonPaywall    = "paywall"
	ReasonNewsletter = "newsletter"
	ReasonComments   = "comments"
	ReasonRelated    = "related"
	ReasonNav        = "share/nav"
	ReasonPromo      = "promo"
	ReasonCaption    = "photo caption"
	ReasonCredit     = "photo credit"
	ReasonByline     = "byline"
	ReasonContrib    = "contributor credit"
	ReasonDuplicate  = "duplicate"
	ReasonPullQuote  = "pull quote"
	ReasonTitle      = "title"
	ReasonFooter     = "footer"
)

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

// Patterns are matched against a lower-cased block. "short" patterns only
// apply to blocks of at most shortWords words, so a body sentence that
// mentions a subscription is never dropped.
const shortWords = 25

type rule struct {
	pat    *regexp.Regexp
	reason string
	short  bool // only for short blocks
	end    bool // marks the end of an article (used by the story splitter)
}

var rules = []rule{
	// Paywalls and subscription offers.
	{re(`(you'?ve|you have) reached (your|the) (limit|maximum)|free articles? (left|remaining)`), ReasonPaywall, false, true},
	{re(`to (read|continue reading|access) (the|this) (full|entire|rest of the) (story|article)|start your free trial|already have an account`), ReasonPaywall, true, true},
	{re(`\bsubscri(be|ber|bers|ption|ptions)\b|^(log|sign) ?in\b|\b(log|sign) ?in (to|here|now|with)\b|\b(log|sign) ?in\s*\.?$`), ReasonPaywall, true, false},
	{re(`unlimited (digital )?access|cancel (anytime|any time|at any time)|free (trial|access)|\bper (month|year|week)\b|best value|ad-free|digital (magazine|edition)|\barchives?\b|save \$?\d`), ReasonPaywall, true, false},
	{re(`^\$?[0-9]+([.,][0-9]{2})? ?(\$|€|£|usd|eur)?( per| a| /)? ?(month|year|week)?\.?$`), ReasonPaywall, true, false},
	{re(`^(get|try|unlock|gain|enjoy) (unlimited|full|premium|exclusive)\b`), ReasonPaywall, true, false},
	// Newsletter sign-ups.
	{re(`sign up (to|for)|\bnewsletters?\b|stay up[- ]to[- ]date|delivered (straight )?to your inbox|in your inbox`), ReasonNewsletter, true, false},
	// Comment forms and counters.
	{re(`^(leave|post|add|write) a (comment|reply|response)|^comments? (are )?(closed|disabled)|your email address will not be published|required fields are marked|^\d+ (thoughts?|comments?|responses?|replies) (on|to)\b|^(join|start) the (conversation|discussion)|^show comments|^view comments|^no comments( yet)?`), ReasonComments, true, true},
	// Related-article teasers.
	// (Words that also open body sentences, "Related to this, …", "The
	// latest figures show …", count only as a header: alone or before a colon.)
	{re(`^((also read|read also|read more|related (articles?|stories|posts?|content|coverage)|more from|more on this|you may also like|you might also like|recommended( for you)?|see also|keep reading|what to read next|further reading)\b|(related|the latest|latest news|most read|most popular|trending( now)?)\s*(:|…|$))`), ReasonRelated, true, true},
	// Share buttons and navigation.
	{re(`^(share|tweet|email|print|facebook|twitter|whatsapp|linkedin|telegram|reddit|copy link|copy url)( (this|on|via) \w+| this (article|story|page))?[\s:.]*$`), ReasonNav, true, false},
	{re(`exit mobile version|skip to (main )?content|back to top|^(menu|home|search|advertisement|advertising|sponsored)$|^click here\b|^scroll to continue`), ReasonNav, true, true},
	// Page footers.
	{re(`^(copyright|©|\(c\) ?\d{4})|all rights reserved|^our standards:|the trust principles|^terms (of use|and conditions)|^privacy policy|^cookie (settings|policy)`), ReasonFooter, true, true},
	// Outlet promotion.
	{re(`we'?ve got you covered|follow us on|download (our|the) app|support (our|independent) journalism|\bdonate\b|become a (member|patron|supporter)|tips\? contact us`), ReasonPromo, true, false},
}

var (
	// "FOCUS: Russia-Ukraine War": an all-caps kicker or section label.
	kickerRe = re(`^[\p{Lu}][\p{Lu}&' -]{2,}:\s+\S[^.!?]{0,60}$`)
	// "Sergei Bobylev/TASS", "Photo: Reuters", "Source: https://…", "(AFP via Getty Images)".
	creditRe = re(`^[\p{Lu}][\p{L}.'’ -]{1,40}/[\p{Lu}][\p{L}.'’ &-]{1,30}$|(?i)^\(?(photo|photos|image|images|picture|credit|photograph|video)( credit)?s?: |source: https?://|getty images|\bvia reuters\)?$|^\(?(afp|ap|reuters|epa|tass|ria novosti|shutterstock|alamy)( photo)?\)?$`)
	// "Additional reporting by Lucy Fisher in London".
	contribRe = re(`(?i)^(additional reporting|reporting|writing|editing|edited|compiled|translated|translation) by\b.{0,80}$`)
	// Captions that announce themselves.
	captionRe = re(`^(photo|image|picture|pictured|file photo|illustration) (of|shows)\b|^(photo|image|pictured|above|top|main image):\s`)
	// "By Jane Doe" or "By Jane Doe and John Roe, Reuters".
	byRe = re(`^(?i:by)\s+[\p{Lu}][\p{L}.'’-]+(\s+[\p{Lu}][\p{L}.'’-]+){0,3}((,| and) .{0,60})?$`)
	// "PARIS —", "KYIV, Ukraine (AP) —", "MOSCOW, May 30 (Reuters) -".
	datelineRe = re(`^([\p{Lu}][\p{Lu}.'’ -]{1,30})(,\s*[\p{L}0-9 .]{1,30})?\s*(\([^)]{1,30}\))?\s*(—|–|--| - )\s*`)
	// A header line that introduces a list of teasers: "Also Read:", "Related:".
	teaserHeaderRe = re(`^(also read|read also|read more|related( articles| stories)?|more from [^:]{1,30}|you may also like|see also|recommended)\s*:?\s*$`)
)

func wordCount(s string) int { return len(strings.Fields(s)) }

// endsSentence reports whether s ends like prose (with optional closing quote).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’)»")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…' || r == ':'
}

// headlineLike: a short line, no closing period, with most words capitalised,
// such as a title or a subheading. A closing question mark is allowed.
func headlineLike(s string) bool {
	n := wordCount(s)
	if n == 0 || n > 20 || strings.HasSuffix(strings.TrimSpace(s), ".") || strings.HasSuffix(s, ":") {
		return false
	}
	caps, long := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, "\"'“”‘’()[]—–-:,")
		if utf8.RuneCountInString(w) <= 3 {
			continue
		}
		long++
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps++
		}
	}
	if long == 0 {
		return false
	}
	return float64(caps)/float64(long) >= 0.6
}

// nameLike: one to four capitalised words and nothing else: a byline or a
// photo credit such as "Pierre Haski".
func nameLike(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 4 || len(s) > 48 {
		return false
	}
	for _, w := range f {
		switch strings.ToLower(w) {
		case "de", "van", "von", "da", "al", "el", "bin", "la", "der", "and", "&":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		if strings.ContainsAny(w, ".!?,;:0123456789") && !strings.HasSuffix(w, ".") {
			return false
		}
	}
	return len(f) >= 2 || !endsSentence(s)
}

func normKey(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), " ") {
			b.WriteByte(' ')
		}
	}
	return strings.TrimSpace(b.String())
}

// splitBlocks cuts text into blocks. Hard-wrapped text (most lines 40–100
// characters followed by another line) is joined into paragraphs at blank
// lines; otherwise every non-empty line is a block.
func splitBlocks(text string) []block {
	lines := strings.Split(text, "\n")
	wrapped, candidates := 0, 0
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		candidates++
		if n := utf8.RuneCountInString(l); n >= 40 && n <= 100 && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			wrapped++
		}
	}
	var out []block
	add := func(s string) {
		s = strings.Join(strings.Fields(s), " ")
		if s != "" {
			out = append(out, block{text: s, words: wordCount(s)})
		}
	}
	if candidates > 4 && float64(wrapped)/float64(candidates) > 0.5 {
		var cur []string
		for _, l := range lines {
			if strings.TrimSpace(l) == "" {
				add(strings.Join(cur, " "))
				cur = cur[:0]
				continue
			}
			cur = append(cur, strings.TrimSpace(l))
		}
		add(strings.Join(cur, " "))
		return out
	}
	// Line mode; still join an obvious continuation (a line that starts in
	// lower case right after a line that does not end a sentence), as in
	// "30-days free access, then $2.90" / "per month."
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		for i+1 < len(lines) {
			next := strings.TrimSpace(lines[i+1])
			r, _ := utf8.DecodeRuneInString(next)
			if next == "" || !unicode.IsLower(r) || endsSentence(l) {
				break
			}
			l += " " + next
			i++
		}
		add(l)
	}
	return out
}
