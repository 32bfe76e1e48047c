package nlp

import (
	"regexp"
	"sitrep/internal/model"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stance is what a speaker does with the content.
type Stance = model.Stance

// Stances.
const (
	Asserts   = model.Asserts
	Denies    = model.Denies
	Accuses   = model.Accuses
	Doubts    = model.Doubts
	Threatens = model.Threatens
)

// Span is a byte range of the text.
type Span struct{ Start, End int }

// Empty reports whether the span is missing.
func (s Span) Empty() bool { return s.End <= s.Start }

// Attribution is reported or direct speech: who (Source) said (Cue) what
// (Content). Offsets are bytes into the text given to FindAttributions.
type Attribution struct {
	Source, Cue, Content Span
	Direct               bool   // the content is a direct quote
	Stance               Stance // the speaker's stance
	Hedged               bool   // the reporter distances itself ("claimed, without any proof")
	Channel              string // "Telegram", "tweet", "statement", "news conference"…
	Sentence             Span
}

// cueVerbs are reporting verbs (and their stance).
var cueVerbs = map[string]Stance{
	"said": Asserts, "says": Asserts, "say": Asserts, "saying": Asserts, "told": Asserts, "tells": Asserts,
	"added": Asserts, "adds": Asserts, "stated": Asserts, "states": Asserts, "claimed": Asserts, "claims": Asserts,
	"claim": Asserts, "alleged": Accuses, "alleges": Accuses, "allege": Accuses, "denied": Denies, "denies": Denies,
	"deny": Denies, "rejected": Denies, "rejects": Denies, "dismissed": Denies, "accused": Accuses, "accuses": Accuses,
	"accuse": Accuses, "blamed": Accuses, "blames": Accuses, "insisted": Asserts, "insists": Asserts,
	"warned": Threatens, "warns": Threatens, "threatened": Threatens, "threatens": Threatens, "vowed": Threatens,
	"vows": Threatens, "wrote": Asserts, "writes": Asserts, "reported": Asserts, "reports": Asserts,
	"announced": Asserts, "announces": Asserts, "asserted": Asserts, "asserts": Asserts, "argued": Asserts,
	"argues": Asserts, "noted": Asserts, "notes": Asserts, "explained": Asserts, "explains": Asserts,
	"confirmed": Asserts, "confirms": Asserts, "acknowledged": Asserts, "acknowledges": Asserts, "admitted": Asserts,
	"admits": Asserts, "declared": Asserts, "declares": Asserts, "commented": Asserts, "tweeted": Asserts,
	"posted": Asserts, "described": Asserts, "describes": Asserts, "suggested": Asserts, "suggests": Asserts,
	"believes": Asserts, "believed": Asserts, "thinks": Asserts, "learned": Asserts, "predicted": Asserts,
	"promised": Threatens, "questioned": Doubts, "doubted": Doubts, "doubts": Doubts, "disputed": Denies,
	"contended": Asserts, "countered": Asserts, "replied": Asserts, "responded": Asserts, "recalled": Asserts,
	"quipped": Asserts, "asks": Asserts, "asked": Asserts, "demanded": Asserts, "demands": Asserts,
	"continued": Asserts, "continues": Asserts, "concluded": Asserts, "wondered": Asserts, "observed": Asserts,
	"emphasized": Asserts, "stressed": Asserts, "concludes": Asserts, "answers": Asserts, "answered": Asserts,
	"points": Asserts, "pointed": Asserts, "shot": Asserts, "fired": Asserts, "emailed": Asserts, "texted": Asserts, "maintained": Asserts, "conceded": Asserts, "boasted": Asserts, "urged": Asserts, "estimated": Asserts, "asserting": Asserts, "claiming": Asserts,
	"accusing": Accuses, "denying": Denies, "warning": Threatens, "adding": Asserts, "telling": Asserts,
	"condemned": Accuses, "condemns": Accuses, "clarified": Asserts, "clarifies": Asserts, "specified": Asserts,
	// Less common verbs of speaking.
	"implored": Asserts, "gushed": Asserts, "exclaimed": Asserts, "shouted": Asserts, "yelled": Asserts,
	"pleaded": Asserts, "lamented": Asserts, "remarked": Asserts, "joked": Asserts, "cautioned": Threatens,
	"reiterated": Asserts, "affirmed": Asserts, "mused": Asserts, "snapped": Asserts, "sighed": Asserts,
	"shouts": Asserts, "yells": Asserts, "chanted": Asserts, "chants": Asserts, "scolded": Accuses, "scolds": Accuses,
	"replies": Asserts, "urges": Asserts, "recounted": Asserts, "recounts": Asserts, "retorted": Asserts,
	"whispered": Asserts, "sang": Asserts, "sings": Asserts,
	"reads": Asserts, "read": Asserts, // "the statement read", "the letter reads"
}

var determiners = set("the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "such", "any", "no", "of")

var weakCues = set("posted", "described", "describes", "believes", "believed", "thinks", "learned", "predicted",
	"estimated", "recalled", "urged", "reported", "reports", "noted", "notes", "observed", "tweeted")

// writtenThings are what "reads" a text: "the statement read", "the
// letter reads".
var writtenThings = set("statement", "letter", "note", "caption", "sign", "signs", "release", "post", "message", "headline",
	"article", "report", "text", "tweet", "banner", "placard", "memo", "email", "ad", "advertisement", "order", "ruling", "filing",
	"complaint", "indictment", "document", "petition", "label", "notice", "card", "plaque", "inscription", "slogan", "poster")

var auxWords = set("has", "have", "had", "was", "were", "is", "are", "will", "would", "also", "later", "then",
	"previously", "repeatedly", "publicly", "briefly", "again", "earlier", "not", "never", "did", "does", "do", "once",
	"often", "further", "frequently", "reportedly", "privately", "recently", "still", "usually", "first", "finally")

var (
	hedgeRe    = regexp.MustCompile(`(?i)without (any )?(proof|evidence)|unverified|unsubstantiated|baseless|could not (be )?(independently )?verif|cannot (be )?(independently )?verif`)
	doubtRe    = regexp.MustCompile(`(?i)\b(it'?s|it is|it was|remains) (unclear|not clear|uncertain) (whether|if)\b`)
	denyRe     = regexp.MustCompile(`(?i)\b(does|do|did|has|have|had|is|are|was|were) (not|n't) (attack|claim|target|carry|launch|strike|take|involve)|\bdenied (all |any )?responsibility|\bno (involvement|responsibility)\b`)
	threatenRe = regexp.MustCompile(`(?i)\b(retaliat|respond\w* (where|when|with)|reserves? the right|will (pay|regret|respond)|vow)`)
	channelRe  = regexp.MustCompile(`(?i)\b(on (his|her|their|its) )?(telegram( channel)?|in a tweet|on twitter|on x|on facebook|in a statement|in a video|at a (news|press) (conference|briefing)|during a (news|press) conference|on state television|in an interview)\b`)

	// Words without which the patterns above cannot match (lower case).
	hedgeKeys    = []string{"without", "unverified", "unsubstantiated", "baseless", "verif"}
	doubtKeys    = []string{"unclear", "not clear", "uncertain"}
	denyKeys     = []string{"not", "n't", "denied", "no "}
	threatenKeys = []string{"retaliat", "respond", "reserve", "will ", "vow"}
	channelKeys  = []string{"telegram", "tweet", "twitter", "on x", "facebook", "statement", "video", "conference", "briefing", "television", "interview"}
)

func isQuoteMark(t string) bool {
	switch t {
	case "\"", "“", "”", "'", "‘", "’", "«", "»", "''", "``":
		return true
	}
	return false
}

// isOpenQuote reports whether a token can open a quotation; the ASCII
// marks (a straight quote, two apostrophes) also close one.
func isOpenQuote(t string) bool {
	return t == "\"" || t == "“" || t == "«" || t == "''" || t == "``"
}

// boundary tokens end a source noun phrase when scanning left from a cue.
var boundaryWords = set("that", "and", "but", "while", "although", "though", "because", "as", "which", "who",
	"when", "after", "before", "since", "if", "or", "so", "where", "what")

// FindAttributions finds attributed speech in text (one or more paragraphs).
func FindAttributions(text string) []Attribution {
	return attributionsIn(text, Sentences(text))
}

// attributionsIn is FindAttributions over sentences already split.
func attributionsIn(text string, sents []Sentence) []Attribution {
	var out []Attribution
	for k, s := range sents {
		found := sentenceAttributions(text, s)
		if len(found) == 0 {
			if a, ok := nameColonQuote(text, s); ok {
				found = append(found, finish(text, a))
			}
		}
		if len(found) == 0 && k > 0 {
			// A quotation signed with a dash: `“…” ― Pamela Padilla`.
			if a, ok := dashSignature(text, sents, k); ok {
				found = append(found, finish(text, a))
			}
		}
		if len(found) == 0 && k > 0 {
			// "This was reported by the State Emergency Service." signs the
			// sentence before.
			if a, ok := passiveBy(sents[k-1], s); ok {
				found = append(found, finish(text, a))
			}
		}
		if len(found) == 0 && k+1 < len(sents) {
			// "He said:" / "The New York Times reports:" introduces the next
			// sentence or paragraph.
			if a, ok := colonIntro(text, s, sents[k+1]); ok {
				found = append(found, finish(text, a))
			}
		}
		for i := range found {
			extendQuote(text, &found[i])
		}
		out = append(out, found...)
	}
	return out
}

// extendQuote stretches a direct quotation attributed after its end
// (`… There is no damage," the ministry said.`) back to its opening mark
// when that lies in an earlier sentence of the same paragraph.
func extendQuote(text string, a *Attribution) {
	if !a.Direct || a.Content.Empty() || a.Content.Start == 0 {
		return
	}
	before := text[:a.Content.Start]
	if strings.HasSuffix(strings.TrimSpace(before), "“") || strings.HasSuffix(strings.TrimSpace(before), "\"") {
		return // the quotation opens in this sentence
	}
	para := strings.LastIndex(before, "\n\n")
	open := strings.LastIndexAny(before, "“\"")
	if open <= para || strings.ContainsAny(text[open+1:a.Content.Start], "”") {
		return
	}
	if q := strings.Count(text[para+1:a.Content.Start], "\""); strings.HasPrefix(text[open:], "\"") && q%2 == 0 {
		return // that straight quote closed an earlier quotation
	}
	_, size := utf8.DecodeRuneInString(text[open:])
	a.Content.Start = open + size
	if a.Sentence.Start > open {
		a.Sentence.Start = open
	}
}

// nameColonQuote matches "… - Michael P. McDonald: “…”" and
// "Bernie Sanders: ‘…’": a short name, a colon, then a quotation.
func nameColonQuote(text string, s Sentence) (Attribution, bool) {
	toks := s.Tokens
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].Text != ":" || !isQuoteMark(toks[i+1].Text) {
			continue
		}
		a := i - 1
		for a > 0 && i-a < 5 && (startsUpper(toks[a-1].Text) || lowerTok(toks[a-1]) == "and") {
			a--
		}
		if !startsUpper(toks[a].Text) || !startsUpper(toks[i-1].Text) {
			continue
		}
		if a > 0 && !isBoundary(toks[a-1]) && toks[a-1].Text != "-" {
			continue // the name must start the sentence or follow a dash
		}
		content, direct := contentSpan(toks, i+1, len(toks)-1)
		if content.Empty() {
			continue
		}
		cue, stance := Span{toks[i].Start, toks[i].End}, Asserts
		if st, ok := cueVerbs[lowerTok(toks[a])]; ok && a < i-1 {
			// "Said Ellis: “…”": the verb opens the sentence, the name follows.
			cue, stance = Span{toks[a].Start, toks[a].End}, st
			a++
		}
		return Attribution{Source: Span{toks[a].Start, toks[i-1].End}, Cue: cue, Content: content,
			Direct: direct || isQuoteMark(toks[i+1].Text), Stance: stance, Sentence: Span{s.Start, s.End}}, true
	}
	return Attribution{}, false
}

// dashSignature matches a sentence that is only "― Name" after sentences
// that close a quotation; the content runs back to the opening quote.
func dashSignature(text string, sents []Sentence, k int) (Attribution, bool) {
	toks := sents[k].Tokens
	r, _ := utf8.DecodeRuneInString(toks[0].Text)
	if !isDash(r) || len(toks) < 2 || len(toks) > 6 || !startsUpper(toks[1].Text) {
		return Attribution{}, false
	}
	prev := sents[k-1].Tokens
	last := len(prev) - 1
	for last >= 0 && (prev[last].Text == "." || prev[last].Text == ",") {
		last--
	}
	if last < 0 || (prev[last].Text != "”" && prev[last].Text != "\"") {
		return Attribution{}, false
	}
	// Walk back to the sentence that opens the quotation.
	j := k - 1
	for j > 0 && !isOpenQuote(sents[j].Tokens[0].Text) && k-j < 8 {
		j--
	}
	st := sents[j].Tokens
	from := 0
	if isOpenQuote(st[0].Text) {
		from = 1
	}
	end := len(toks)
	for end > 1 && toks[end-1].Text == "." {
		end--
	}
	return Attribution{Source: Span{toks[1].Start, toks[end-1].End}, Cue: Span{toks[0].Start, toks[0].End},
		Content: Span{st[from].Start, prev[max(last-1, 0)].End}, Direct: true, Stance: Asserts,
		Sentence: Span{sents[j].Start, sents[k].End}}, true
}

// passiveBy matches a sentence that only says who reported the one before
// it: "This was reported by the State Emergency Service", "It was
// announced by the regional administration on Telegram."
func passiveBy(prev, s Sentence) (Attribution, bool) {
	toks := s.Tokens
	n := len(toks)
	if n < 5 || n > 16 || !passiveSubjects[lowerTok(toks[0])] {
		return Attribution{}, false
	}
	i := 1
	for i < n && auxWords[lowerTok(toks[i])] || i < n && lowerTok(toks[i]) == "been" {
		i++
	}
	if i+2 >= n || lowerTok(toks[i+1]) != "by" {
		return Attribution{}, false
	}
	stance, ok := cueVerbs[lowerTok(toks[i])]
	if !ok || i == 1 {
		return Attribution{}, false
	}
	end := i + 2
	for end < n && !strings.ContainsAny(toks[end].Text, ".!?") && !sourceEnds[lowerTok(toks[end])] {
		end++
	}
	pt := prev.Tokens
	last := len(pt)
	for last > 0 && strings.ContainsAny(pt[last-1].Text, ".!?") && len(pt[last-1].Text) == 1 {
		last--
	}
	if end == i+2 || last == 0 {
		return Attribution{}, false
	}
	return Attribution{Source: Span{toks[i+2].Start, toks[end-1].End}, Cue: Span{toks[1].Start, toks[i+1].End},
		Content: Span{pt[0].Start, pt[last-1].End}, Stance: stance, Sentence: Span{prev.Start, s.End}}, true
}

var (
	passiveSubjects = set("this", "it", "that")
	sourceEnds      = set("on", "in", "via", "at", "during", ",")
)

// colonIntro matches a sentence that ends "SOURCE CUE:" and takes the next
// sentence as the content.
func colonIntro(text string, s, next Sentence) (Attribution, bool) {
	toks := s.Tokens
	n := len(toks)
	if n < 3 || toks[n-1].Text != ":" {
		return Attribution{}, false
	}
	cue := n - 2
	stance, ok := cueVerbs[lowerTok(toks[cue])]
	if !ok {
		return Attribution{}, false
	}
	cueStart := cue
	for cueStart > 0 && auxWords[lowerTok(toks[cueStart-1])] {
		cueStart--
	}
	if cueStart == 0 || cueStart > 12 {
		return Attribution{}, false
	}
	nt := next.Tokens
	content, direct := contentSpan(nt, 0, len(nt)-1)
	if content.Empty() {
		return Attribution{}, false
	}
	return Attribution{Source: Span{toks[0].Start, toks[cueStart-1].End}, Cue: Span{toks[cueStart].Start, toks[cue].End},
		Content: content, Direct: direct, Stance: stance, Sentence: Span{s.Start, next.End}}, true
}

func lowerTok(t Token) string { return strings.ToLower(t.Text) }

// saidBefore reports a reporting verb followed by "that" among toks: the
// rest of the sentence is what was said.
func saidBefore(toks []Token) bool {
	for i := 0; i+1 < len(toks); i++ {
		if _, ok := cueVerbs[lowerTok(toks[i])]; ok && lowerTok(toks[i+1]) == "that" {
			return true
		}
	}
	return false
}

func sentenceAttributions(text string, s Sentence) []Attribution {
	toks := s.Tokens
	n := len(toks)
	sentSpan := Span{s.Start, s.End}
	end := n // the index after the content: the final punctuation left out
	for end > 0 && strings.ContainsAny(toks[end-1].Text, ".!?") && len(toks[end-1].Text) == 1 {
		end--
	}
	if a, found := accordingTo(text, toks, sentSpan, end); found {
		return a
	}
	inQuote := quoteDepths(toks)
	// Content-first readings (`"…," she said`) win over source-first ones
	// anywhere in the sentence: the quotation is the sentence's point.
	for _, pattern := range []func(cueStart, cue int) (Span, Span, bool, bool){
		func(cs, c int) (Span, Span, bool, bool) {
			src, content, direct, ok := contentFirst(toks, cs, c, end)
			if ok && !direct && quoteFollows(toks, c, end) {
				// "Asked if …, Ryan said, “Sure.": the quotation after the
				// cue is what was said, not the clause before.
				return Span{}, Span{}, false, false
			}
			return src, content, direct, ok
		},
		func(cs, c int) (Span, Span, bool, bool) { return sourceFirst(text, toks, cs, c, end) },
	} {
		for i := 0; i < n; i++ {
			lw := lowerTok(toks[i])
			stance, ok := cueVerbs[lw]
			if !ok || inQuote[i] || notSpeech(toks, i, end, lw) {
				continue
			}
			cueStart := i
			negated := false
			for cueStart > 0 && auxWords[lowerTok(toks[cueStart-1])] {
				cueStart--
				if w := lowerTok(toks[cueStart]); w == "not" || w == "never" {
					negated = true
				}
			}
			if negated || (cueStart > 0 && lowerTok(toks[cueStart-1]) == "n't") {
				continue // "did not say how …": nothing was said
			}
			if src, content, direct, ok := pattern(cueStart, i); ok {
				a := Attribution{Cue: Span{toks[cueStart].Start, toks[i].End}, Stance: stance, Sentence: sentSpan,
					Source: src, Content: content, Direct: direct}
				return []Attribution{finish(text, a)}
			}
		}
	}
	return nil
}

// accordingTo reads "according to SOURCE, CONTENT" and "CONTENT, according
// to SOURCE."; found says the sentence holds the phrase, and then it is
// the sentence's only reading.
func accordingTo(text string, toks []Token, sentSpan Span, end int) (out []Attribution, found bool) {
	n := len(toks)
	for i := 0; i+2 < n; i++ {
		if lowerTok(toks[i]) != "according" || lowerTok(toks[i+1]) != "to" {
			continue
		}
		// "The governor said that there were no victims according to
		// preliminary information": the speaker is who said it; the
		// source they cite is part of what they said.
		if saidBefore(toks[:i]) {
			return nil, false
		}
		j := i + 2
		for j < n && toks[j].Text != "," && !strings.ContainsAny(toks[j].Text, ".!?") {
			j++
		}
		a := Attribution{Cue: Span{toks[i].Start, toks[i+1].End}, Source: Span{toks[i+2].Start, toks[j-1].End}, Stance: Asserts, Sentence: sentSpan}
		if i > 0 {
			ce := i - 1
			for ce > 0 && toks[ce].Text == "," {
				ce--
			}
			a.Content = Span{toks[0].Start, toks[ce].End}
		} else if j+1 < n {
			a.Content = Span{toks[j+1].Start, toks[end-1].End}
		}
		if !a.Content.Empty() && j > i+2 {
			out = append(out, finish(text, a))
		}
		return out, true
	}
	return nil, false
}

// notSpeechRules are the readings in which a cue word at toks[i] reports
// no speech, each with the reason.
var notSpeechRules = []struct {
	why  string
	test func(toks []Token, i, end int, lw string) bool
}{
	{"gerunds only introduce speech after a comma: \", claiming that …\"", func(toks []Token, i, end int, lw string) bool {
		return strings.HasSuffix(lw, "ing") && (i == 0 || toks[i-1].Text != ",")
	}},
	{"\"the alleged attack\", \"The claims, first made …\": a noun or an adjective after a determiner", func(toks []Token, i, end int, lw string) bool {
		return i > 0 && determiners[lowerTok(toks[i-1])]
	}},
	{"\"declined to say\", \"refused to comment\": not a claim", func(toks []Token, i, end int, lw string) bool {
		return i > 0 && lowerTok(toks[i-1]) == "to"
	}},
	{"\"points out\", \"shot back\", \"fired back\": only with their particle", func(toks []Token, i, end int, lw string) bool {
		n := len(toks)
		return (lw == "points" || lw == "pointed") && !(i+1 < n && lowerTok(toks[i+1]) == "out") ||
			(lw == "shot" || lw == "fired") && !(i+1 < n && lowerTok(toks[i+1]) == "back")
	}},
	{"\"Ukraine Denies: In a tweet, Podolyak claimed …\": a capitalised cue before a colon, mid-sentence, is a heading; the speaker is the one the paragraph quotes", func(toks []Token, i, end int, lw string) bool {
		return i > 0 && i+1 < len(toks) && toks[i+1].Text == ":" && toks[i].Text != lw
	}},
	{"\"the statement read\" is speech, \"he read the statement\" is not: a written thing must read", func(toks []Token, i, end int, lw string) bool {
		if lw != "read" && lw != "reads" {
			return false
		}
		k := i - 1
		if k > 0 && (lowerTok(toks[k]) == "which" || lowerTok(toks[k]) == "that") {
			k-- // "the caption which reads"
		}
		return k < 0 || !writtenThings[lowerTok(toks[k])]
	}},
	{"\"claims responsibility\", \"claimed credit\": an act, not speech", func(toks []Token, i, end int, lw string) bool {
		return i+1 < len(toks) && (lowerTok(toks[i+1]) == "responsibility" || lowerTok(toks[i+1]) == "credit")
	}},
	{"weak cues (\"posted\", \"described\") only report speech when a content marker follows: that, a colon, a comma or a quotation", func(toks []Token, i, end int, lw string) bool {
		n := len(toks)
		return weakCues[lw] && !(i+1 < n && (lowerTok(toks[i+1]) == "that" || toks[i+1].Text == ":" || toks[i+1].Text == "," || isOpenQuote(toks[i+1].Text))) &&
			!(i+1 >= end || toks[i+1].Text == ".") && !quoteJustBefore(toks, i)
	}},
}

// notSpeech reports whether a cue word at toks[i] reports no speech there
// (notSpeechRules).
func notSpeech(toks []Token, i, end int, lw string) bool {
	for _, r := range notSpeechRules {
		if r.test(toks, i, end, lw) {
			return true
		}
	}
	return false
}

// quoteDepths marks the tokens inside quotation marks. Curly quotes open
// and close; a straight quote toggles.
func quoteDepths(toks []Token) []bool {
	in := make([]bool, len(toks))
	depth := 0
	for i, t := range toks {
		switch t.Text {
		case "“", "«":
			depth++
		case "”", "»":
			if depth > 0 {
				depth--
			}
		case "\"", "'":
			// A straight quote glued to the word before it closes; one
			// glued to the word after it opens.
			closing := i > 0 && t.Start == toks[i-1].End && (i+1 == len(toks) || toks[i+1].Start > t.End || isQuoteMark(toks[i+1].Text) || toks[i+1].Text == ",")
			if t.Text == "'" && !closing && !(i+1 < len(toks) && toks[i+1].Start == t.End) {
				continue // an apostrophe on its own
			}
			if closing {
				if depth > 0 {
					depth--
				}
			} else {
				depth++
			}
		default:
			in[i] = depth > 0
		}
	}
	return in
}

// unmatchedOpen reports whether toks open a quotation they do not close.
func unmatchedOpen(toks []Token) bool {
	curly, straight := 0, 0
	for _, t := range toks {
		switch t.Text {
		case "“":
			curly++
		case "”":
			curly--
		case "\"":
			straight++
		}
	}
	return curly > 0 || straight%2 == 1
}

// contentSpan trims quotation marks and commas from a content range.
func contentSpan(toks []Token, from, to int) (Span, bool) {
	direct := false
	for from <= to && isQuoteMark(toks[from].Text) {
		direct = direct || isOpenQuote(toks[from].Text) || toks[from].Text == "‘"
		from++
	}
	for to >= from && (toks[to].Text == "," || isQuoteMark(toks[to].Text)) {
		// Keep a closing quote that matches an opening one inside the content.
		if (toks[to].Text == "”" || toks[to].Text == "\"") && unmatchedOpen(toks[from:to]) {
			break
		}
		to--
	}
	if from > to {
		return Span{}, false
	}
	return Span{toks[from].Start, toks[to].End}, direct
}

// closesQuote reports whether the token at i (or the one before a comma
// there) is a closing quotation mark.
// relativeWord opens a relative clause about a speaker: "said Ramos,
// whose new book …".
func relativeWord(w string) bool {
	return w == "who" || w == "which" || w == "whose" || w == "whom"
}

// quoteJustBefore reports whether a quotation closes a few words before
// the cue at i: "“…,” election law expert Rick Hasen tweeted Monday" — the
// quotation is what the cue reports, whatever follows it.
func quoteJustBefore(toks []Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if closesQuote(toks, k) && k > 0 {
			return true
		}
	}
	return false
}

// quoteFollows reports whether a quotation opens right after the cue at
// i, past a comma or a colon.
func quoteFollows(toks []Token, i, end int) bool {
	k := i + 1
	if k < end && (toks[k].Text == "," || toks[k].Text == ":") {
		k++
	}
	return k < end && isOpenQuote(toks[k].Text)
}

func closesQuote(toks []Token, i int) bool {
	if i >= 0 && toks[i].Text == "," {
		i--
	}
	return i >= 0 && (toks[i].Text == "”" || toks[i].Text == "\"" || toks[i].Text == "’" || toks[i].Text == "»")
}

// contentFirst matches speech reported after its content:
// `"…," he said.`, `…, a source said.`, `…, said mayor Sergei Sobyanin.`
func contentFirst(toks []Token, cueStart, cue, end int) (src, content Span, direct, ok bool) {
	if cueStart < 2 {
		return
	}
	told := lowerTok(toks[cue]) == "told" || lowerTok(toks[cue]) == "tells"
	se, rel := sourceAfterCue(toks, cue, end)
	// (A participle — ", accusing Ukraine of …" — never has its source after
	// it; after "told" come the addressees: "…," X told The Hill.)
	if (toks[cueStart-1].Text == "," || isQuoteMark(toks[cueStart-1].Text)) && !told && !strings.HasSuffix(lowerTok(toks[cue]), "ing") && !roleNameBefore(toks, cueStart) &&
		(se-(cue+1) > 20 && isSourceAfterCue(toks, cue+1, rel) || isSourceAfterCue(toks, cue+1, se)) {
		content, direct = contentSpan(toks, 0, cueStart-1)
		direct = direct || closesQuote(toks, cueStart-1)
		return Span{toks[cue+1].Start, toks[se-1].End}, content, direct, !content.Empty()
	}
	b := cueStart - 1
	srcEnd := cueStart - 1
	// "…, the head of the administration, Serhiy Dubenko, said." / "…,
	// Serhiy Dubenko, head of the administration, said."
	if c0 := appositiveSource(toks, cueStart); c0 >= 0 {
		b = c0 // the comma closing the appositive too, as PolNeAR marks it
	}
	if b == cueStart-1 && toks[b].Text == "," {
		// "…,” Rep. Jim Jordan (R-Ohio), an oversight panel member, said" /
		// "…,” Michael McFaul, a senior fellow … and a former ambassador,
		// said": between a closed quotation and the cue, all is the source.
		if q := quoteBoundedSource(toks, cueStart); q >= 0 {
			b, srcEnd = q, cueStart-1
			if srcEnd-b > 24 {
				content, direct = contentSpan(toks, 0, b)
				return Span{toks[b+1].Start, toks[srcEnd].End}, content, true, !content.Empty()
			}
		}
	}
	if b == cueStart-1 {
		for b >= 0 && !isBoundary(toks[b]) {
			b--
		}
	}
	if b < 1 || b+1 > srcEnd || srcEnd-b > 24 || (toks[b].Text != "," && !isQuoteMark(toks[b].Text)) {
		return
	}
	// A quotation right before the source may be followed by anything
	// ("…,” she said, but …); otherwise the cue ends the sentence, or a
	// short adverbial follows ("on Tuesday").
	quoted := isQuoteMark(toks[b].Text) || (toks[b].Text == "," && b > 0 && isQuoteMark(toks[b-1].Text))
	tail := end - (cue + 1)
	if !quoted && !(told && tail <= 5) && (tail > 5 || (tail > 0 && !isPreposition(lowerTok(toks[cue+1])))) {
		return
	}
	content, direct = contentSpan(toks, 0, b)
	direct = direct || quoted
	return Span{toks[b+1].Start, toks[srcEnd].End}, content, direct, !content.Empty()
}

// sourceAfterCue is where a source after the cue ends, for the inverted
// order (the cue right after the content, the source after the cue: "said
// Caddell, speaking of …" keeps only "Caddell"): before a participle (",
// speaking of …"), a second relative clause, or a time or place adverbial
// after the name ("… Cleverly during a news conference"). rel is the
// comma of a relative clause (", who …"), or -1. A relative clause
// closing the sentence belongs to the source's noun phrase (", who has
// four children."), as PolNeAR marks it; speaker resolution reads the
// name and role before it.
func sourceAfterCue(toks []Token, cue, end int) (se, rel int) {
	se, rel = cue+1, -1
	for se < end {
		if toks[se].Text == "," && se+1 < end && strings.HasSuffix(lowerTok(toks[se+1]), "ing") {
			break
		}
		if toks[se].Text == "," && se+1 < end && relativeWord(lowerTok(toks[se+1])) {
			if rel >= 0 {
				break
			}
			rel = se
		}
		if se > cue+1 && startsUpper(toks[se-1].Text) && isAdverbialStart(lowerTok(toks[se])) {
			break
		}
		se++
	}
	if rel < 0 {
		return se, rel
	}
	long := se
	for long > rel && (toks[long-1].Text == "." || isQuoteMark(toks[long-1].Text)) {
		long--
	}
	if long != end && long != end-1 || long-(cue+1) > 40 || !isSourceAfterCue(toks, cue+1, rel) || hasQuoteOrColon(toks[rel:long]) {
		return rel, rel // the clause does not close the sentence: keep the name
	}
	return long, rel
}

// appositiveSource is the comma or quotation mark that opens a source
// of a name and a role between commas before the cue at cueStart ("…, the
// head of the administration, Serhiy Dubenko, said" / "…, Serhiy Dubenko,
// head of the administration, said"), or -1.
func appositiveSource(toks []Token, cueStart int) int {
	b := cueStart - 1
	if toks[b].Text != "," || b <= 2 {
		return -1
	}
	c1 := b - 1
	for c1 >= 0 && toks[c1].Text != "," && !isBoundary(toks[c1]) {
		c1--
	}
	if c1 <= 1 || toks[c1].Text != "," {
		return -1
	}
	c0 := c1 - 1
	for c0 >= 0 && !isBoundary(toks[c0]) {
		c0--
	}
	first, second := c1-(c0+1), b-(c1+1)
	nameFirst := first >= 1 && first <= 5 && allUpper(toks[c0+1:c1]) && second >= 1 && second <= 12
	roleFirst := first >= 1 && first <= 12 && second >= 1 && second <= 4 && allUpper(toks[c1+1:b])
	if c0 >= 1 && (toks[c0].Text == "," || isQuoteMark(toks[c0].Text)) && (nameFirst || roleFirst) {
		return c0
	}
	return -1
}

// quoteBoundedSource returns the index of the token that closes a quotation
// (the closing mark, or the comma after it) before a source that runs from
// there to the comma before the cue at cueStart, or -1: the source must open
// with a name or an article and hold no quotation mark, colon or
// semicolon, within 40 tokens.
func quoteBoundedSource(toks []Token, cueStart int) int {
	k := cueStart - 2
	for k >= 0 && cueStart-k <= 42 && !isQuoteMark(toks[k].Text) && toks[k].Text != ":" && toks[k].Text != ";" {
		k--
	}
	if k < 1 || !isQuoteMark(toks[k].Text) {
		return -1
	}
	// A closing mark follows the quotation's last punctuation (US style),
	// or a comma follows the mark (British style).
	switch p := toks[k-1].Text; {
	case p == "," || p == "." || p == "?" || p == "!":
	case k+1 < cueStart-1 && toks[k+1].Text == ",":
		k++
	default:
		return -1
	}
	if k+1 >= cueStart-1 {
		return -1
	}
	first := toks[k+1].Text
	switch lw := strings.ToLower(first); {
	case startsUpper(first) && lw != "he" && lw != "she" && lw != "they" && lw != "it" && lw != "we" && lw != "i":
	case lw == "a" || lw == "an" || lw == "the" || lw == "another":
	default:
		return -1
	}
	return k
}

// sourceFirst matches `X said (that) …`, `X told reporters …`,
// `X wrote on Telegram: "…"`.
func sourceFirst(text string, toks []Token, cueStart, cue, end int) (src, content Span, direct, ok bool) {
	b, srcEnd := sourceBeforeCue(toks, cueStart)
	if b+1 > srcEnd || srcEnd-b > 28 {
		return
	}
	// A leading adverbial is not part of the source: "In a Bloomberg
	// interview Trump declared" keeps "Trump".
	s := b + 1
	if isPreposition(lowerTok(toks[s])) {
		k := srcEnd
		for k > s && startsUpper(toks[k-1].Text) {
			k--
		}
		if k > s && startsUpper(toks[k].Text) {
			s = k
		}
	}
	cs := contentAfterCue(text, toks, cue, end)
	if cs >= end {
		return
	}
	content, direct = contentSpan(toks, cs, end-1)
	return Span{toks[s].Start, toks[srcEnd].End}, content, direct, !content.Empty()
}

// sourceBeforeCue is the source before the cue at cueStart, as the token
// before it (b) and its last token (srcEnd): the words back to the clause's
// start; a name with its appositive ("Name, role, said", "role, Name,
// said"); the name a relative pronoun refers to ("the regional governor,
// Igor Malykhin, who said …"); never an adverb in -ly before the cue
// ("Kyiv rarely claims").
func sourceBeforeCue(toks []Token, cueStart int) (b, srcEnd int) {
	srcEnd = cueStart - 1
	b = cueStart - 1
	if b > 0 && toks[b].Text == "," {
		if c0 := nameAppositive(toks, b); c0 >= -1 {
			b, srcEnd = c0, cueStart-2
		}
	}
	if b == cueStart-1 {
		for b >= 0 && !isBoundary(toks[b]) {
			b--
		}
	}
	if b >= 1 && b == cueStart-1 && (lowerTok(toks[b]) == "who" || lowerTok(toks[b]) == "which") {
		k := b - 1
		for k >= 0 && toks[k].Text == "," {
			k--
		}
		a := k
		for a > 0 && startsUpper(toks[a-1].Text) {
			a--
		}
		if k >= 0 && startsUpper(toks[k].Text) {
			b, srcEnd = a-1, k
		}
	}
	for srcEnd > b+1 && strings.HasSuffix(lowerTok(toks[srcEnd]), "ly") && !startsUpper(toks[srcEnd].Text) {
		srcEnd-- // "Kyiv rarely claims"
	}
	return b, srcEnd
}

// nameAppositive is the boundary before a name and its appositive that end
// with the comma at b ("Name, appositive, said": the appositive opens with
// a role or an article), or -2 when there is none. (The boundary may be
// -1: the sentence's start.)
func nameAppositive(toks []Token, b int) int {
	c1 := b - 1
	for c1 >= 0 && toks[c1].Text != "," && !isBoundary(toks[c1]) {
		c1--
	}
	if c1 <= 0 || toks[c1].Text != "," || b-c1 <= 1 || b-c1 > 14 {
		return -2
	}
	c0 := c1 - 1
	for c0 >= 0 && !isBoundary(toks[c0]) {
		c0--
	}
	first, second := c1-(c0+1), b-(c1+1)
	// "Name, role, said" or "role, Name, said".
	nameFirst := first >= 1 && first <= 5 && startsUpper(toks[c0+1].Text)
	roleFirst := first >= 1 && first <= 12 && second >= 1 && second <= 4 && allUpper(toks[c1+1:b])
	if nameFirst || roleFirst {
		return c0
	}
	return -2
}

// pastAddressee is the token after a cue of telling and its addressee
// ("told reporters (that)"), or the token after any other cue.
func pastAddressee(toks []Token, cue, end int) int {
	cs := cue + 1
	if lw := lowerTok(toks[cue]); lw != "told" && lw != "tells" && lw != "telling" {
		return cs
	}
	k := cs
	for k < end && k < cs+4 && lowerTok(toks[k]) != "that" && toks[k].Text != ":" && toks[k].Text != "," && !isOpenQuote(toks[k].Text) {
		k++
	}
	if k < end && k < cs+4 {
		return k
	}
	return cs
}

// contentAfterCue is the first token of the content after the cue: past
// the addressee ("told reporters (that)"), an adverbial before "that"
// ("insisted on Wednesday that …", "said earlier that …"), and a channel
// ("wrote on Telegram:").
func contentAfterCue(text string, toks []Token, cue, end int) int {
	cs := pastAddressee(toks, cue, end)
	for k := cs; k < end && k < cs+6; k++ {
		if lowerTok(toks[k]) == "that" {
			cs = k + 1
			break
		}
		if isOpenQuote(toks[k].Text) || toks[k].Text == ":" || toks[k].Text == "," || !(isAdverbialStart(lowerTok(toks[k])) ||
			isPreposition(lowerTok(toks[k])) || startsUpper(toks[k].Text) || strings.HasSuffix(lowerTok(toks[k]), "ly") || lowerTok(toks[k]) == "the") {
			break
		}
	}
	for cs < end {
		lw := lowerTok(toks[cs])
		if lw == "that" || toks[cs].Text == ":" || toks[cs].Text == "," {
			cs++
			continue
		}
		if m := channelRe.FindStringIndex(text[toks[cs].Start:toks[end-1].End]); m != nil && m[0] == 0 {
			stop := toks[cs].Start + m[1]
			for cs < end && toks[cs].Start < stop {
				cs++
			}
			continue
		}
		break
	}
	return cs
}

func allUpper(toks []Token) bool {
	for _, t := range toks {
		if !startsUpper(t.Text) && t.Text != "." {
			return false
		}
	}
	return len(toks) > 0
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isAdverbialStart(w string) bool {
	switch w {
	case "during", "on", "at", "in", "after", "before", "while", "when", "late", "earlier", "last", "this":
		return true
	}
	return false
}

func isPreposition(w string) bool {
	switch w {
	case "on", "in", "at", "during", "to", "late", "earlier", "later", "yesterday", "today", "afterwards", ",":
		return true
	}
	return false
}

// isSourceAfterCue: "said mayor Sergei Sobyanin" — a short capitalised or
// determiner-led phrase after the cue, then the end of the sentence.
func isSourceAfterCue(toks []Token, from, end int) bool {
	if from >= end || end-from > 20 {
		return false
	}
	lw0 := lowerTok(toks[from])
	if lw0 == "that" || lw0 == ":" || isPreposition(lw0) || boundaryWords[lw0] {
		return false
	}
	switch lw0 { // "said of RT", "recalled of the proceedings": a topic
	case "of", "about", "for", "from", "with":
		return false
	}
	if hasQuoteOrColon(toks[from:end]) {
		return false
	}
	for k := from; k < end && k < from+4; k++ {
		if startsUpper(toks[k].Text) {
			return true
		}
	}
	lw := lowerTok(toks[from])
	return lw == "the" || lw == "a" || lw == "an"
}

// roleNameBefore reports whether the sentence opens with a role and a name
// set off by commas right before the cue ("The head of the
// administration, Serhiy Dubenko, said …"): the speaker, not a quotation.
func roleNameBefore(toks []Token, cueStart int) bool {
	if cueStart < 4 || toks[cueStart-1].Text != "," || hasQuoteOrColon(toks[:cueStart]) {
		return false
	}
	c := cueStart - 2
	for c >= 0 && toks[c].Text != "," {
		c--
	}
	if c < 1 || cueStart-1-(c+1) > 4 || c > 10 {
		return false
	}
	return allUpper(toks[c+1 : cueStart-1])
}

func hasQuoteOrColon(toks []Token) bool {
	for _, t := range toks {
		if isQuoteMark(t.Text) || t.Text == ":" {
			return true
		}
	}
	return false
}

func isBoundary(t Token) bool {
	lw := strings.ToLower(t.Text)
	// A hyphen standing alone is a dash ("MOSCOW, May 30 (Reuters) - Putin said").
	return boundaryWords[lw] || t.Text == "," || t.Text == ";" || t.Text == ":" || t.Text == "-" || t.Text == "--" ||
		isQuoteMark(t.Text) || isDash([]rune(t.Text)[0])
}

// finish sets stance refinements, hedging and the channel from the words of
// the sentence.
func finish(text string, a Attribution) Attribution {
	sent := text[a.Sentence.Start:a.Sentence.End]
	content := text[a.Content.Start:a.Content.End]
	// Each pattern runs only where a word it needs occurs (in the
	// lower-cased text): the regexps scan every position and are slow.
	lsent, lcontent := asciiLower(sent), asciiLower(content)
	if containsAny(lsent, hedgeKeys) && hedgeRe.MatchString(sent) {
		a.Hedged = true
	}
	switch {
	case a.Stance == Asserts && containsAny(lcontent, denyKeys) && denyRe.MatchString(content):
		a.Stance = Denies
	case a.Stance == Asserts && containsAny(lcontent, doubtKeys) && doubtRe.MatchString(content):
		a.Stance = Doubts
	case a.Stance == Asserts && containsAny(lsent, threatenKeys) && threatenRe.MatchString(sent):
		a.Stance = Threatens
	case a.Stance == Asserts && strings.Contains(lcontent, "accus"):
		a.Stance = Accuses
	}
	if containsAny(lsent, channelKeys) {
		if m := channelRe.FindString(sent); m != "" {
			a.Channel = strings.ToLower(m)
		}
	}
	return a
}
