// Package nlp annotates clean article text: sentences and tokens, entities,
// places, time expressions, quantities and attributed speech. Every
// annotation carries byte offsets into the text it was computed from, so it
// can be highlighted and traced back to its sentence.
package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word or punctuation mark; Start and End are byte offsets
// into the text (End exclusive).
type Token struct {
	Text       string
	Start, End int
}

// Sentence is a span of the text with its tokens.
type Sentence struct {
	Start, End int
	Tokens     []Token
}

// abbreviations end with a period that does not end a sentence when the
// next word is capitalised (titles before names, month abbreviations…).
var titleAbbrevs = set("mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm",
	"gov", "sen", "rep", "rev", "st", "mt", "ft", "pres", "amb", "supt", "insp", "det", "hon", "messrs", "jr", "sr",
	"no", "nos", "vol", "pp", "fig", "art", "ch", "sec", "del", "sgt", "cmdr", "brig", "gen", "atty")

// otherAbbrevs keep their period but may end a sentence.
var otherAbbrevs = set("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"inc", "ltd", "co", "corp", "bros", "vs", "etc", "approx", "dept", "est", "govt", "univ", "assn", "ave", "blvd",
	"a.m", "p.m", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "n.y", "l.a")

// sentenceStarters are words that, after an abbreviation such as "U.S.",
// show that a new sentence began.
var sentenceStarters = set("the", "a", "an", "he", "she", "it", "they", "we", "i", "in", "on", "but", "and",
	"this", "that", "these", "those", "his", "her", "their", "its", "there", "when", "after", "while", "as",
	"however", "meanwhile", "officials", "if", "some", "many", "at", "for", "to", "one", "two", "mr", "mrs", "ms")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func isOpenPunct(r rune) bool {
	return strings.ContainsRune("\"'“‘«([{", r)
}

func isClosePunct(r rune) bool {
	return strings.ContainsRune("\"'”’»)]},;:!?…", r)
}

func isDash(r rune) bool { return r == '—' || r == '–' || r == '―' }

// Tokenize splits text into tokens with byte offsets. It keeps
// abbreviations (Mr., U.S.), initials, numbers (1,200 and 4.2), hyphenated
// words, URLs and e-mail addresses whole, and splits clitics the way the
// Penn Treebank does ("Russia" + "'s", "do" + "n't").
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5+8) // about one token per five bytes of English
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		// Find the whitespace-delimited chunk, then peel punctuation off it.
		j := i
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r2) {
				break
			}
			j += s2
		}
		toks = splitChunk(text, i, j, toks)
		i = j
	}
	return toks
}

func splitChunk(text string, start, end int, toks []Token) []Token {
	chunk := text[start:end]
	if isURLLike(chunk) {
		// Keep trailing sentence punctuation separate.
		e := end
		for e > start && strings.ContainsRune(".,;:!?)\"'”’", rune(text[e-1])) {
			e--
		}
		toks = append(toks, Token{text[start:e], start, e})
		for k := e; k < end; k++ {
			toks = append(toks, Token{text[k : k+1], k, k + 1})
		}
		return toks
	}
	// Leading punctuation, one mark at a time; a doubled apostrophe or
	// backtick is one quotation mark (''like this'', ``or this'').
	for start < end {
		if start+2 <= end && (text[start:start+2] == "''" || text[start:start+2] == "``") {
			toks = append(toks, Token{text[start : start+2], start, start + 2})
			start += 2
			continue
		}
		r, s := utf8.DecodeRuneInString(text[start:])
		if isOpenPunct(r) || isDash(r) || (r == '-' && start+1 < end && text[start+1] == '-') {
			if r == '-' {
				s = 2
			}
			toks = append(toks, Token{text[start : start+s], start, start + s})
			start += s
			continue
		}
		break
	}
	// Trailing punctuation, collected right to left.
	var tail []Token
	for end > start {
		if end-2 >= start && text[end-2:end] == "''" {
			tail = append(tail, Token{text[end-2 : end], end - 2, end})
			end -= 2
			continue
		}
		r, s := utf8.DecodeLastRuneInString(text[start:end])
		word := text[start : end-s]
		switch {
		case r == '.':
			if keepPeriod(word) {
				goto done
			}
			// "..." stays one token.
			k := end - s
			for k > start && text[k-1] == '.' {
				k--
			}
			tail = append(tail, Token{text[k:end], k, end})
			end = k
		case isClosePunct(r) || isDash(r):
			tail = append(tail, Token{text[end-s : end], end - s, end})
			end -= s
		default:
			goto done
		}
	}
done:
	// Inner em dashes split words: "attack—the".
	for start < end {
		k := indexEmEnDash(text[start:end])
		if k <= 0 {
			break
		}
		toks = appendWord(text, start, start+k, toks)
		_, s := utf8.DecodeRuneInString(text[start+k:])
		toks = append(toks, Token{text[start+k : start+k+s], start + k, start + k + s})
		start += k + s
	}
	if start < end {
		toks = appendWord(text, start, end, toks)
	}
	for k := len(tail) - 1; k >= 0; k-- {
		toks = append(toks, tail[k])
	}
	return toks
}

// appendWord adds a word, splitting English clitics off its end.
// indexEmEnDash is strings.IndexAny(s, "—–"), without a rune-by-rune scan
// of words that hold neither (both dashes are encoded E2 80 9x).
func indexEmEnDash(s string) int {
	if strings.IndexByte(s, 0xE2) < 0 {
		return -1
	}
	return strings.IndexAny(s, "—–")
}

func appendWord(text string, start, end int, toks []Token) []Token {
	w := text[start:end]
	if strings.IndexByte(w, '\'') < 0 && !strings.Contains(w, "’") { // every clitic has an apostrophe
		return append(toks, Token{w, start, end})
	}
	lw := strings.ToLower(w)
	for _, c := range []string{"n't", "n’t"} {
		if strings.HasSuffix(lw, c) && len(lw) > len(c) {
			k := end - len(c)
			return append(toks, Token{text[start:k], start, k}, Token{text[k:end], k, end})
		}
	}
	for _, c := range []string{"'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"} {
		if strings.HasSuffix(lw, c) && len(lw) > len(c) {
			k := end - len(c)
			return append(toks, Token{text[start:k], start, k}, Token{text[k:end], k, end})
		}
	}
	// A possessive plural: "officials'".
	if (strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’")) && len(w) > 2 {
		_, s := utf8.DecodeLastRuneInString(w)
		k := end - s
		return append(toks, Token{text[start:k], start, k}, Token{text[k:end], k, end})
	}
	return append(toks, Token{w, start, end})
}

// keepPeriod reports whether the period after word belongs to it.
func keepPeriod(word string) bool {
	if word == "" {
		return false
	}
	lw := strings.ToLower(word)
	if titleAbbrevs[lw] || otherAbbrevs[lw] {
		return true
	}
	// Initials and dotted acronyms: "J", "U.S", "a.m".
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	if strings.Contains(word, ".") {
		for _, part := range strings.Split(word, ".") {
			if utf8.RuneCountInString(part) > 2 {
				return false
			}
		}
		return true
	}
	return false
}

func isURLLike(s string) bool {
	hasPrefix := hasPrefixFoldASCII
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 { // lower-casing may move bytes: do it
			ls := strings.ToLower(s)
			hasPrefix = func(_, p string) bool { return strings.HasPrefix(ls, p) }
			break
		}
	}
	return hasPrefix(s, "http://") || hasPrefix(s, "https://") || hasPrefix(s, "www.") ||
		(strings.Contains(s, "@") && strings.Contains(s, ".") && !strings.HasPrefix(s, "@"))
}

// hasPrefixFoldASCII reports whether ASCII s, lower-cased, begins with p.
func hasPrefixFoldASCII(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// Sentences splits text into sentences. Paragraph and line breaks always end
// a sentence; . ! ? end one unless they close an abbreviation followed by a
// capitalised name ("Mr. Putin", "Jan. 5"); closing quotes and brackets stay
// with the sentence they close.
func Sentences(text string) []Sentence {
	toks := Tokenize(text)
	var out []Sentence
	begin := 0
	flush := func(end int) {
		if end > begin {
			s := Sentence{Start: toks[begin].Start, End: toks[end-1].End, Tokens: toks[begin:end:end]}
			out = append(out, s)
		}
		begin = end
	}
	for k := 0; k < len(toks); k++ {
		if k > begin && strings.Contains(text[toks[k-1].End:toks[k].Start], "\n") {
			flush(k)
		}
		t := toks[k].Text
		if !endsSentenceToken(t) {
			continue
		}
		// Absorb closing quotes and brackets.
		e := k + 1
		for e < len(toks) && toks[e].Start == toks[e-1].End && isClosingMark(toks[e].Text) {
			e++
		}
		if e >= len(toks) {
			break
		}
		// `"…?" Vitter demanded.` / `"…." said Caddell.`: a quotation that
		// ends with its own punctuation continues into its attribution.
		if e > k+1 && attributionFollows(toks, e) {
			k = e - 1
			continue
		}
		next := toks[e].Text
		r, _ := utf8.DecodeRuneInString(next)
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || isOpenPunct(r) || isDash(r)) {
			continue
		}
		if strings.HasSuffix(t, ".") && len(t) > 1 {
			w := strings.ToLower(strings.TrimSuffix(t, "."))
			if titleAbbrevs[w] || (utf8.RuneCountInString(w) == 1 && !sentenceStarters[strings.ToLower(next)]) {
				continue // "Mr. Putin", "J. Smith"
			}
			if otherAbbrevs[w] || strings.Contains(w, ".") {
				if !sentenceStarters[strings.ToLower(next)] {
					continue // "U.S. officials", "Jan. 5"
				}
			} else if !strings.Contains(w, ".") && !otherAbbrevs[w] {
				// A word that only looked like an abbreviation.
			}
		}
		flush(e)
		k = e - 1
	}
	flush(len(toks))
	return out
}

// attributionFollows reports whether the tokens from i are a short
// attribution that closes a quotation: "he said.", "said the mayor.",
// "Vitter demanded,".
func attributionFollows(toks []Token, i int) bool {
	for k := i; k < len(toks) && k < i+9; k++ {
		t := toks[k].Text
		if k > i && (t == "." || t == "!" || t == "?") {
			return false
		}
		if _, ok := cueVerbs[strings.ToLower(t)]; ok {
			return k+1 >= len(toks) || toks[k+1].Text == "." || toks[k+1].Text == "," ||
				k+3 < len(toks) && k == i // "said Caddell." / "added Rep. Jim Clyburn"
		}
		if strings.ContainsAny(t, "\"“”") {
			return false
		}
	}
	return false
}

func endsSentenceToken(t string) bool {
	if t == "." || t == "!" || t == "?" || t == "..." || t == "…" || strings.HasSuffix(t, "?!") {
		return true
	}
	// An abbreviation token such as "U.S." can end a sentence too.
	return len(t) > 1 && strings.HasSuffix(t, ".")
}

func isClosingMark(t string) bool {
	switch t {
	case "\"", "'", "''", "”", "’", "»", ")", "]", "}":
		return true
	}
	return false
}
