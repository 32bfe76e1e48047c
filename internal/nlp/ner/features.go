package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// charClass maps a rune to X (upper), x (lower), d (digit) or itself.
func charClass(r rune) rune {
	switch {
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLower(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	}
	return r
}

// shape maps a word to its character classes with runs collapsed:
// "Kyiv" → "Xx", "S-300" → "X-d", "U.S." → "X.X.".
func shape(w string) string {
	var b strings.Builder
	var last rune
	for _, r := range w {
		if c := charClass(r); c != last {
			b.WriteRune(c)
			last = c
		}
	}
	return b.String()
}

// longShape keeps up to four of each class: "Kyiv" → "Xxxx", "1996-08-22" → "dddd-dd-dd".
func longShape(w string) string {
	var b strings.Builder
	var last rune
	run := 0
	for _, r := range w {
		c := charClass(r)
		if c == last {
			run++
		} else {
			run = 0
		}
		last = c
		if run < 4 {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// prefix returns the first n runes of w, or "" when w is shorter.
func prefix(w string, n int) string {
	i := 0
	for k := 0; k < n; k++ {
		if i >= len(w) {
			return ""
		}
		_, size := utf8.DecodeRuneInString(w[i:])
		i += size
	}
	return w[:i]
}

// suffix returns the last n runes of w, or "" when w is shorter.
func suffix(w string, n int) string {
	i := len(w)
	for k := 0; k < n; k++ {
		if i <= 0 {
			return ""
		}
		_, size := utf8.DecodeLastRuneInString(w[:i])
		i -= size
	}
	return w[i:]
}

func isTitle(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func allCaps(w string) bool {
	has := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			has = true
		}
	}
	return has
}

// Context is what feature extraction may know beyond the sentence.
type Context struct {
	// Gazetteer returns gazetteer classes of a lower-cased phrase (e.g.
	// "loc", "country"); nil means no gazetteer.
	Gazetteer func(phrase string) []string
	// Lexicon returns word-level classes ("dict" for an English word,
	// "pername" for a known given name or surname); nil means none.
	Lexicon func(word string) []string
	// Sports marks a sports report, where country and city names are
	// usually teams ("Japan beat Syria 2-1").
	Sports bool
	// DocLabels maps a capitalised word to the entity types first-pass
	// tagging gave it elsewhere in the document (non-local features).
	DocLabels map[string]string
}

// emitFunc receives one feature of token i as up to five string pieces,
// whose concatenation is the feature's name.
type emitFunc func(i int, a, b, c, d, e string)

// sentenceFeatures returns the feature strings of every token (training).
func sentenceFeatures(words []string, ctx Context) [][]string {
	out := make([][]string, len(words))
	emitFeatures(words, ctx, func(i int, a, b, c, d, e string) {
		out[i] = append(out[i], a+b+c+d+e)
	})
	return out
}

// emitFeatures computes the features of every token and hands each to emit.
// It is the one definition of the feature set, for training (strings) and
// tagging (hashes, see Model.featureIDsFast).
func emitFeatures(words []string, ctx Context, emit emitFunc) {
	n := len(words)
	low := make([]string, n)
	shp := make([]string, n)
	capsSentence := true
	for i, w := range words {
		low[i] = strings.ToLower(w)
		shp[i] = shape(w)
		if strings.IndexFunc(w, unicode.IsLower) >= 0 {
			capsSentence = false
		}
	}
	at := func(s []string, i int) string {
		if i < 0 {
			return "<s>"
		}
		if i >= n {
			return "</s>"
		}
		return s[i]
	}
	gaz := make([][]string, n)
	if ctx.Gazetteer != nil {
		// Longest gazetteer match starting at each token, up to 4 tokens,
		// only over capitalised words.
		for i := 0; i < n; i++ {
			if !isTitle(words[i]) {
				continue
			}
			for l := min(4, n-i); l >= 1; l-- {
				if !isTitle(words[i+l-1]) {
					continue
				}
				cls := ctx.Gazetteer(strings.Join(low[i:i+l], " "))
				if len(cls) == 0 {
					continue
				}
				for k := i; k < i+l; k++ {
					pos := "I"
					if k == i {
						pos = "B"
					}
					for _, c := range cls {
						gaz[k] = append(gaz[k], pos+"-"+c)
					}
				}
				break
			}
		}
	}
	var lex [][]string
	if ctx.Lexicon != nil {
		lex = make([][]string, n)
		for i, w := range words {
			lex[i] = ctx.Lexicon(w)
		}
	}
	digits := [...]string{"0", "1", "2", "3", "4", "5"}
	for i, w := range words {
		emit(i, "b", "", "", "", "")
		emit(i, "w=", low[i], "", "", "")
		emit(i, "W=", w, "", "", "")
		emit(i, "sh=", shp[i], "", "", "")
		emit(i, "ls=", longShape(w), "", "", "")
		emit(i, "w-1=", at(low, i-1), "", "", "")
		emit(i, "w+1=", at(low, i+1), "", "", "")
		emit(i, "w-2=", at(low, i-2), "", "", "")
		emit(i, "w+2=", at(low, i+2), "", "", "")
		emit(i, "sh-1=", at(shp, i-1), "", "", "")
		emit(i, "sh+1=", at(shp, i+1), "", "", "")
		emit(i, "w-1w=", at(low, i-1), "|", low[i], "")
		emit(i, "ww+1=", low[i], "|", at(low, i+1), "")
		emit(i, "sh-1sh=", at(shp, i-1), "|"+shp[i]+"|", at(shp, i+1), "")
		for k := 1; k <= 4; k++ {
			if p := prefix(low[i], k); p != "" {
				emit(i, "p", digits[k], "=", p, "")
			}
			if s := suffix(low[i], k); s != "" {
				emit(i, "s", digits[k], "=", s, "")
			}
		}
		if i == 0 {
			emit(i, "first", "", "", "", "")
			emit(i, "first|sh=", shp[i], "", "", "")
		}
		if capsSentence {
			emit(i, "capsent", "", "", "", "")
			emit(i, "capsent|w=", low[i], "", "", "")
		}
		if i > 0 && isTitle(words[i-1]) {
			emit(i, "prevtitle", "", "", "", "")
		}
		if i+1 < n && isTitle(words[i+1]) {
			emit(i, "nexttitle", "", "", "", "")
		}
		for _, g := range gaz[i] {
			emit(i, "gaz=", g, "", "", "")
			if ctx.Sports {
				emit(i, "sport|gaz=", g, "", "", "")
			}
		}
		if ctx.Sports && isTitle(w) {
			emit(i, "sport|sh=", shp[i], "", "", "")
			emit(i, "sport|w+1=", at(low, i+1), "", "", "")
		}
		if lex != nil {
			for _, l := range lex[i] {
				emit(i, "lex=", l, "", "", "")
				emit(i, "lex=", l, "|sh=", shp[i], "")
			}
			if i > 0 {
				for _, l := range lex[i-1] {
					emit(i, "lex-1=", l, "", "", "")
				}
			}
			if i+1 < n {
				for _, l := range lex[i+1] {
					emit(i, "lex+1=", l, "", "", "")
				}
			}
		}
		if ctx.DocLabels != nil && isTitle(w) {
			if l, ok := ctx.DocLabels[low[i]]; ok {
				emit(i, "doc=", l, "", "", "")
				emit(i, "doc=", l, "|sh=", shp[i], "")
			}
		}
	}
}

var sportsWords = map[string]bool{"soccer": true, "football": true, "cricket": true, "tennis": true, "rugby": true,
	"golf": true, "baseball": true, "basketball": true, "hockey": true, "athletics": true, "cycling": true,
	"league": true, "championship": true, "cup": true, "olympic": true, "nfl": true, "nba": true, "nhl": true}

// IsSports reports whether a document reads like a sports report: scores
// ("2-1") or sports words in it.
func IsSports(doc [][]string) bool {
	scores, words := 0, 0
	for _, s := range doc {
		for _, w := range s {
			if sportsWords[strings.ToLower(w)] {
				words++
			}
			if k := strings.IndexByte(w, '-'); k > 0 && k < len(w)-1 && isAllDigits(w[:k]) && isAllDigits(w[k+1:]) && len(w) <= 5 {
				scores++
			}
		}
	}
	return scores >= 2 || words >= 2 || scores >= 1 && words >= 1
}

func isAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
