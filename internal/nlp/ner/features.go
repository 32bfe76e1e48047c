package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// shape maps a word to its character classes with runs collapsed:
// "Kyiv" → "Xx", "S-300" → "X-d", "U.S." → "X.X.".
func shape(w string) string {
	var b strings.Builder
	var last rune
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c != last {
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
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
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

func prefix(w string, n int) string {
	if utf8.RuneCountInString(w) < n {
		return ""
	}
	return string([]rune(w)[:n])
}

func suffix(w string, n int) string {
	r := []rune(w)
	if len(r) < n {
		return ""
	}
	return string(r[len(r)-n:])
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
	// DocLabels maps a capitalised word to the entity types first-pass
	// tagging gave it elsewhere in the document (non-local features).
	DocLabels map[string]string
}

// sentenceFeatures returns the feature strings of every token.
func sentenceFeatures(words []string, ctx Context) [][]string {
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
	out := make([][]string, n)
	for i, w := range words {
		f := make([]string, 0, 48)
		f = append(f, "b",
			"w="+low[i], "W="+w, "sh="+shp[i], "ls="+longShape(w),
			"w-1="+at(low, i-1), "w+1="+at(low, i+1), "w-2="+at(low, i-2), "w+2="+at(low, i+2),
			"sh-1="+at(shp, i-1), "sh+1="+at(shp, i+1),
			"w-1w="+at(low, i-1)+"|"+low[i], "ww+1="+low[i]+"|"+at(low, i+1),
			"sh-1sh="+at(shp, i-1)+"|"+shp[i]+"|"+at(shp, i+1),
		)
		for k := 1; k <= 4; k++ {
			if p := prefix(low[i], k); p != "" {
				f = append(f, "p"+string(rune('0'+k))+"="+p)
			}
			if s := suffix(low[i], k); s != "" {
				f = append(f, "s"+string(rune('0'+k))+"="+s)
			}
		}
		if i == 0 {
			f = append(f, "first", "first|sh="+shp[i])
		}
		if capsSentence {
			f = append(f, "capsent", "capsent|w="+low[i])
		}
		if i > 0 && isTitle(words[i-1]) {
			f = append(f, "prevtitle")
		}
		if i+1 < n && isTitle(words[i+1]) {
			f = append(f, "nexttitle")
		}
		for _, g := range gaz[i] {
			f = append(f, "gaz="+g)
		}
		if ctx.Lexicon != nil {
			for _, l := range ctx.Lexicon(w) {
				f = append(f, "lex="+l, "lex="+l+"|sh="+shp[i])
			}
			if i > 0 {
				for _, l := range ctx.Lexicon(words[i-1]) {
					f = append(f, "lex-1="+l)
				}
			}
			if i+1 < n {
				for _, l := range ctx.Lexicon(words[i+1]) {
					f = append(f, "lex+1="+l)
				}
			}
		}
		if ctx.DocLabels != nil && isTitle(w) {
			if l, ok := ctx.DocLabels[low[i]]; ok {
				f = append(f, "doc="+l, "doc="+l+"|sh="+shp[i])
			}
		}
		out[i] = f
	}
	return out
}
