package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sitrep/internal/model"
)

// Story is one article found in a plain-text input, with what the cleaner
// removed and why. A dump can hold several unrelated stories one after another.
type Story struct {
	Title       string               `json:"title"`
	TitleSource string               `json:"title_source"`   // "text" (a headline line) or "lead" (first sentence)
	Site        string               `json:"site,omitempty"` // a masthead line above the headline, when there is one
	Author      string               `json:"author,omitempty"`
	Dateline    string               `json:"dateline,omitempty"`
	URL         string               `json:"url,omitempty"` // a "URL: …" line above the story: where it was published
	Published   time.Time            `json:"published,omitzero"`
	DatePrec    model.Precision      `json:"date_precision,omitempty"`
	Text        string               `json:"text"`
	Removed     []model.RemovedBlock `json:"removed"`
}

// ReasonDate marks a "Published: …" line that was moved into metadata.
const ReasonDate = "date line"

// ReasonURL marks a "URL: https://…" line that was moved into metadata.
const ReasonURL = "url line"

// ReasonMasthead marks the outlet's name printed above the headline.
const ReasonMasthead = "masthead"

var (
	// urlLineRe is a header line giving the story's address, as saved
	// articles and scraper dumps write it above the text.
	urlLineRe    = re(`(?i)^(?:url|source|link|canonical|original url)\s*:\s*(https?://\S+)$`)
	dateLineRe   = re(`^(published|posted|updated|last updated|first published|date)( on)?\s*:?\s+(.{6,60})$`)
	promoLongRe  = re(`we'?ve got you covered|tips\? contact us`)
	minStoryBody = 80 // words of body a trailing segment needs to count as its own story
)

// CleanText removes boilerplate from a plain-text dump and splits it into
// stories. It never drops a block silently: every input block ends up either
// in a story's Text, in its Title/Author, or in its Removed list.
func CleanText(text string) []Story {
	text = normalizeText(text)
	bs := splitBlocks(text)
	ends := classify(bs)
	return splitStories(bs, ends)
}

// normalizeText makes text comparable before it is scored and stored:
// line ends unified, control characters, soft hyphens and zero-width
// characters dropped (a word split by an invisible hyphen matches
// nothing), the spaces of typesetting made plain spaces, and the whole
// in Unicode NFC (a letter and its combining accent as one character, as
// names are written in gazetteers and name lists).
func normalizeText(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == 0 || (r < 32 && r != '\n' && r != '\t') || r == utf8.RuneError:
			return -1
		case r == '\u00ad' || r == '\u200b' || r == '\u2060' || r == '\ufeff':
			return -1 // soft hyphen, zero-width space, word joiner, stray BOM
		case r == '\u00a0' || r >= '\u2000' && r <= '\u200a' || r == '\u202f' || r == '\u205f' || r == '\u3000':
			return ' '
		}
		return r
	}, s)
	return norm.NFC.String(s)
}

func drop(b *block, reason string) { b.kind, b.reason = kindDrop, reason }

// classify labels every block and returns, per block, whether it marks the
// end of an article (paywall end, comments, related teasers, a repeated
// kicker). It runs its passes in order; each later pass reads the labels of
// the earlier ones.
func classify(bs []block) []bool {
	ends := make([]bool, len(bs))
	kickers := map[string]bool{}
	for i := range bs {
		ends[i] = labelByPattern(&bs[i], kickers)
	}
	dropTeaserLists(bs)
	dropWedgedLines(bs)
	dropRepeats(bs)
	labelCredits(bs)
	labelRest(bs)
	return ends
}

// labelByPattern is pass 1: the pattern rules on one block (date lines,
// kickers, bylines, contributor notes, credits, captions, promos, then the
// rules table). It reports whether the block ends an article.
func labelByPattern(b *block, kickers map[string]bool) (end bool) {
	low := strings.ToLower(b.text)
	if b.words <= 3 && urlLineRe.MatchString(low) {
		drop(b, ReasonURL)
		return false
	}
	if m := dateLineRe.FindStringSubmatch(low); m != nil && b.words <= 12 {
		if _, _, ok := parseDate(b.text[len(b.text)-len(m[3]):]); ok {
			drop(b, ReasonDate)
			return false
		}
	}
	if b.words <= 8 && bareDateRe.MatchString(low) {
		if _, _, ok := parseDate(b.text); ok {
			drop(b, ReasonDate) // a line that is only a date: "14 October 2024"
			return false
		}
	}
	switch {
	case kickerRe.MatchString(b.text):
		// A kicker printed a second time opens the next story.
		drop(b, ReasonNav)
		k := normKey(b.text)
		repeated := kickers[k]
		kickers[k] = true
		return repeated
	case byRe.MatchString(b.text):
		b.kind = kindByline
	case contribRe.MatchString(b.text):
		drop(b, ReasonContrib)
	case b.words <= shortWords && creditRe.MatchString(b.text):
		if b.words > 6 {
			drop(b, ReasonCaption)
		} else {
			drop(b, ReasonCredit)
		}
	case b.words <= shortWords && captionRe.MatchString(low):
		drop(b, ReasonCaption)
	case b.words <= 60 && promoLongRe.MatchString(low):
		drop(b, ReasonPromo)
	default:
		for _, r := range rules {
			if r.short && b.words > shortWords {
				continue
			}
			if r.pat.MatchString(low) {
				drop(b, r.reason)
				return r.end
			}
		}
	}
	return false
}

// dropTeaserLists is pass 2: teaser lists after "Also read:" style headers.
func dropTeaserLists(bs []block) {
	for i := range bs {
		if bs[i].kind != kindDrop || bs[i].reason != ReasonRelated || !teaserHeaderRe.MatchString(strings.ToLower(bs[i].text)) {
			continue
		}
		for j := i + 1; j < len(bs) && j <= i+5; j++ {
			t := &bs[j]
			if t.kind != kindUnknown || t.words > 20 || endsSentence(t.text) && !headlineLike(t.text) {
				break
			}
			drop(t, ReasonRelated)
		}
	}
}

// dropWedgedLines is pass 3: short unlabelled lines wedged between
// boilerplate (the body of a paywall box, a newsletter slogan) take the
// reason of their neighbours.
func dropWedgedLines(bs []block) {
	for i := 0; i < len(bs); {
		if bs[i].kind != kindUnknown || (i > 0 && bs[i-1].kind != kindDrop) {
			i++
			continue
		}
		j := i
		for j < len(bs) && j-i < 4 && bs[j].kind == kindUnknown && bs[j].words <= 15 {
			j++
		}
		if j > i && (j == len(bs) || bs[j].kind == kindDrop) && (i > 0 || j < len(bs)) {
			reason := ""
			if i > 0 {
				reason = bs[i-1].reason
			}
			if j < len(bs) && (reason == "" || reason == ReasonNav) {
				reason = bs[j].reason
			}
			onlyBoxy := true
			for k := i; k < j; k++ {
				if headlineLike(bs[k].text) && !(i > 0 && j < len(bs) && bs[i-1].reason == ReasonPaywall) {
					onlyBoxy = false
				}
			}
			if onlyBoxy && (reason == ReasonPaywall || reason == ReasonNewsletter || reason == ReasonPromo) {
				for k := i; k < j; k++ {
					drop(&bs[k], reason)
				}
			}
		}
		if j == i {
			j++
		}
		i = j
	}
}

// dropRepeats is pass 4: repeated blocks (a title printed twice) and pull
// quotes (a short line repeated inside a nearby paragraph).
func dropRepeats(bs []block) {
	seen := map[string]bool{}
	for i := range bs {
		b := &bs[i]
		k := normKey(b.text)
		if k == "" {
			continue
		}
		if seen[k] && b.kind != kindDrop && b.words >= 3 {
			drop(b, ReasonDuplicate)
			continue
		}
		seen[k] = true
	}
	for i := range bs {
		b := &bs[i]
		if b.kind != kindUnknown || b.words < 5 || b.words > 40 {
			continue
		}
		k := normKey(b.text)
		for j := max(0, i-30); j < min(len(bs), i+30); j++ {
			o := &bs[j]
			if j == i || o.kind != kindUnknown || o.words <= b.words {
				continue
			}
			if strings.Contains(normKey(o.text), k) {
				drop(b, ReasonPullQuote)
				break
			}
		}
	}
}

// labelCredits is pass 5: bylines, photo credits and captions.
func labelCredits(bs []block) {
	isProse := func(i int) bool {
		return i >= 0 && bs[i].kind == kindUnknown && !headlineLike(bs[i].text) && bs[i].words > 20
	}
	captionCandidate := func(i int) bool {
		return i >= 0 && bs[i].kind == kindUnknown && bs[i].words <= 25 && !isProse(i-1)
	}
	for i := range bs {
		b := &bs[i]
		switch {
		case b.kind == kindDrop && b.reason == ReasonCredit:
			if i > 0 && bs[i-1].kind == kindUnknown && bs[i-1].words <= 25 && !headlineLike(bs[i-1].text) {
				drop(&bs[i-1], ReasonCaption)
			}
		case b.kind == kindUnknown && nameLike(b.text) && opensText(bs, i-1) && bs[i-1].words <= 25 && isProse(nextKept(bs, i)):
			// "Strike on the institute … / Oleksandra Amru / On September
			// 3, …" at the top of a text: a headline and its byline, not a
			// caption and its credit.
			b.kind = kindByline
			bs[i-1].kind = kindHeading
		case b.kind == kindUnknown && nameLike(b.text):
			next := nextKept(bs, i)
			if next >= 0 && datelineRe.MatchString(bs[next].text) {
				b.kind = kindByline
				if captionCandidate(i-1) && bs[i-1].words <= 20 && !headlineLike(bs[i-1].text) {
					drop(&bs[i-1], ReasonCaption)
				}
			} else if captionCandidate(i-1) && (i >= 2 && bs[i-2].kind == kindDrop && bs[i-2].reason == ReasonCaption ||
				!headlineLike(bs[i-1].text) && (i < 2 || bs[i-2].kind == kindDrop || headlineLike(bs[i-2].text))) {
				drop(b, ReasonCredit)
				drop(&bs[i-1], ReasonCaption)
			}
		}
	}
}

// opensText reports whether block i is the first of the text that no
// earlier pass dropped (a header's URL and date lines are).
func opensText(bs []block, i int) bool {
	if i < 0 || bs[i].kind != kindUnknown {
		return false
	}
	for _, b := range bs[:i] {
		if b.kind != kindDrop {
			return false
		}
	}
	return true
}

// labelRest is pass 6: what is left is prose or headings.
func labelRest(bs []block) {
	for i := range bs {
		b := &bs[i]
		if b.kind != kindUnknown {
			continue
		}
		switch {
		case headlineLike(b.text):
			b.kind = kindHeading
		case sentenceCaseHeadline(bs, i):
			b.kind = kindHeading
		case datelineRe.MatchString(b.text):
			b.kind = kindDateline
		default:
			b.kind = kindBody
		}
	}
}

func nextKept(bs []block, i int) int {
	for j := i + 1; j < len(bs); j++ {
		if bs[j].kind != kindDrop {
			return j
		}
	}
	return -1
}

func isBody(k blockKind) bool { return k == kindBody || k == kindDateline }

// splitStories cuts the classified blocks into stories. A new story starts at
// a headline that follows an end-of-article marker, when enough prose follows.
func splitStories(bs []block, ends []bool) []Story {
	var cuts []int
	start, bodyWords, endSeen := 0, 0, false
	for i := range bs {
		switch {
		case ends[i]:
			endSeen = true
		case isBody(bs[i].kind):
			bodyWords += bs[i].words
			endSeen = false
		case bs[i].kind == kindHeading && endSeen && bodyWords >= 40:
			// Enough prose after this headline, before the next end marker?
			after := 0
			for j := i + 1; j < len(bs) && !ends[j]; j++ {
				if isBody(bs[j].kind) {
					after += bs[j].words
				}
			}
			if after >= minStoryBody {
				// Boilerplate right before the headline that is not an end
				// marker (a kicker) belongs to the new story.
				c := i
				for c > start && bs[c-1].kind == kindDrop && !ends[c-1] && bs[c-1].reason == ReasonNav {
					c--
				}
				cuts = append(cuts, c)
				start, bodyWords, endSeen = c, 0, false
			}
		}
	}
	var stories []Story
	prev := 0
	for _, c := range append(cuts, len(bs)) {
		stories = append(stories, buildStory(bs[prev:c]))
		prev = c
	}
	return stories
}

// sentenceCaseHeadline: a short line without closing punctuation right
// above a byline or a "Published:" line is a headline even when it is not
// in title case ("Day of mourning declared after night strike").
func sentenceCaseHeadline(bs []block, i int) bool {
	t := strings.TrimSpace(bs[i].text)
	if i+1 >= len(bs) || t == "" || wordCount(t) > 20 || strings.ContainsAny(t[len(t)-1:], ".!?:\"”'’") {
		return false
	}
	next := bs[i+1]
	return next.kind == kindByline || next.kind == kindDrop && next.reason == ReasonDate
}

func buildStory(bs []block) Story {
	var s Story
	var parts []string
	seenBody := false
	// A short headline-like line followed, before any prose, by another
	// headline is the masthead ("Eastern Courier"), not the title.
	masthead := -1
	for i, b := range bs {
		if isBody(b.kind) {
			break
		}
		if b.kind == kindHeading {
			if masthead == -1 && b.words <= 4 {
				masthead = i
				continue
			}
			if masthead >= 0 {
				s.Site = bs[masthead].text
			}
			break
		}
	}
	for i, b := range bs {
		if i == masthead && s.Site != "" {
			s.Removed = append(s.Removed, model.RemovedBlock{Text: b.text, Reason: ReasonMasthead})
			continue
		}
		switch b.kind {
		case kindDrop:
			if m := urlLineRe.FindStringSubmatch(b.text); b.reason == ReasonURL && m != nil && s.URL == "" {
				s.URL = m[1]
			}
			if b.reason == ReasonDate && s.Published.IsZero() {
				if m := dateLineRe.FindStringSubmatch(strings.ToLower(b.text)); m != nil {
					if t, p, ok := parseDate(b.text[len(b.text)-len(m[3]):]); ok {
						s.Published, s.DatePrec = t, p
					}
				} else if t, p, ok := parseDate(b.text); ok {
					s.Published, s.DatePrec = t, p
				}
			}
			s.Removed = append(s.Removed, model.RemovedBlock{Text: b.text, Reason: b.reason})
		case kindByline:
			name := strings.TrimSpace(b.text)
			if len(name) > 3 && strings.EqualFold(name[:3], "by ") {
				name = strings.TrimSpace(name[3:])
			}
			if s.Author == "" {
				s.Author = name
			}
			s.Removed = append(s.Removed, model.RemovedBlock{Text: b.text, Reason: ReasonByline})
		case kindHeading:
			if !seenBody && s.Title == "" {
				s.Title, s.TitleSource = b.text, "text"
				s.Removed = append(s.Removed, model.RemovedBlock{Text: b.text, Reason: ReasonTitle})
				continue
			}
			parts = append(parts, b.text)
		case kindDateline:
			if s.Dateline == "" {
				if m := datelineRe.FindStringSubmatch(b.text); m != nil {
					s.Dateline = strings.TrimSpace(m[1])
				}
			}
			parts = append(parts, b.text)
			seenBody = true
		default:
			parts = append(parts, b.text)
			seenBody = true
		}
	}
	s.Text = strings.Join(parts, "\n\n")
	if s.Title == "" {
		s.Title, s.TitleSource = leadTitle(s.Text), "lead"
	}
	return s
}

// leadTitle is the first sentence of the text, cut to about 120 characters at
// a word boundary: a stand-in title for dumps that carry none.
func leadTitle(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	end := len(line)
	for i := 0; i < len(line)-1; i++ {
		if (line[i] == '.' || line[i] == '!' || line[i] == '?') && line[i+1] == ' ' && i > 20 {
			end = i + 1
			break
		}
	}
	line = line[:end]
	if utf8.RuneCountInString(line) > 120 {
		r := []rune(line)[:120]
		cut := strings.LastIndexByte(string(r), ' ')
		if cut < 40 {
			cut = len(string(r))
		}
		line = string(r)[:cut] + "…"
	}
	return line
}

var dateLayouts = []struct {
	layout string
	prec   model.Precision
}{
	{time.RFC3339, model.PrecisionSecond},
	{"2006-01-02 15:04", model.PrecisionMinute},
	{"2006-01-02", model.PrecisionDay},
	{"January 2, 2006 15:04", model.PrecisionMinute},
	{"January 2, 2006", model.PrecisionDay},
	{"Jan 2, 2006", model.PrecisionDay},
	{"Jan. 2, 2006", model.PrecisionDay},
	{"2 January 2006", model.PrecisionDay},
	{"2 Jan 2006", model.PrecisionDay},
	{"Monday, January 2, 2006", model.PrecisionDay},
	{"Monday 2 January 2006", model.PrecisionDay},
	{"02/01/2006", model.PrecisionDay},
	{"02.01.2006 15:04", model.PrecisionMinute},
	{"02.01.2006", model.PrecisionDay},
	{"Monday, 2 January 2006", model.PrecisionDay},
	{"January 2006", model.PrecisionMonth},
}

// parseDate reads the common explicit date forms found in "Published …" lines.
// Relative and partial dates are the timex resolver's job, not this one's.
func parseDate(s string) (time.Time, model.Precision, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	s = ordinalRe.ReplaceAllString(s, "$1")
	for _, l := range dateLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t, l.prec, true
		}
		// Allow trailing words such as a time zone or "at 10:00 GMT".
		if len(s) > len(l.layout) {
			if t, err := time.Parse(l.layout, s[:len(l.layout)]); err == nil && l.prec == model.PrecisionDay && !strings.Contains(l.layout, "January") {
				return t, l.prec, true
			}
		}
	}
	// "6 October 2024, 09:40", "May 3, 2023 at 10:00 GMT": the date ends
	// with its year; what follows is a time of day.
	if m := yearTailRe.FindStringSubmatch(s); m != nil {
		return parseDate(m[1])
	}
	return time.Time{}, "", false
}

var (
	// bareDateRe matches a line that is only a date, perhaps with a
	// weekday and a clock time ("9 October 2024, 11:20", "Oct. 14, 2024").
	bareDateRe = re(`^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})` +
		`(?:[\s,|•·–-]+(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s+[a-z]{2,5}(?:[+-]\d{1,2})?)?)?$`)
	ordinalRe  = re(`\b(\d{1,2})(st|nd|rd|th)\b`)
	yearTailRe = re(`^(.*?\b(?:19|20)\d\d)\b[\s,|•·–-]+\S.*$`)
)
