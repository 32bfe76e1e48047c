package eval

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// LangIDItem is one text with its gold language.
type LangIDItem struct {
	Set  string // which set and granularity ("news ru/uk, whole texts")
	Lang string
	Text string
}

// LoadLangID reads the language-identification items of a bench folder
// (../shared/bench): conflict-news's English dev texts and its Russian and
// Ukrainian ones (labelled by their "Lang:" header), whole and sentence by
// sentence (a sentence of 30 characters or more stands for a short post);
// and, when present, NEREL's Russian dev texts and NER-UK's Ukrainian
// sentences (the first 2,000 of 30 characters or more).
func LoadLangID(bench string) ([]LangIDItem, error) {
	var items []LangIDItem
	for _, set := range []struct{ dir, lang string }{{"conflict-news/dev", "en"}, {"conflict-news/ru_uk_dev", ""}} {
		files, err := filepath.Glob(filepath.Join(bench, set.dir, "*.txt"))
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("langid: no texts in %s", filepath.Join(bench, set.dir))
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			head, body, _ := strings.Cut(string(b), "\n\n")
			lang := set.lang
			for _, l := range strings.Split(head, "\n") {
				if v, ok := strings.CutPrefix(l, "Lang: "); ok {
					lang = strings.TrimSpace(v)
				}
			}
			items = append(items, LangIDItem{Set: "news, whole texts", Lang: lang, Text: body})
			for _, s := range roughSentences(body) {
				items = append(items, LangIDItem{Set: "news, sentences", Lang: lang, Text: s})
				if len([]rune(s)) < 100 {
					items = append(items, LangIDItem{Set: "news, sentences under 100 characters", Lang: lang, Text: s})
				}
			}
		}
	}
	nerel, _ := filepath.Glob(filepath.Join(bench, "ner-ru", "dev", "*.txt"))
	for _, f := range nerel {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, s := range roughSentences(string(b)) {
			items = append(items, LangIDItem{Set: "NEREL ru wikinews, sentences", Lang: "ru", Text: s})
		}
	}
	if f, err := os.Open(filepath.Join(bench, "ner-uk", "train.iob")); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		var words []string
		n := 0
		for sc.Scan() && n < 2000 {
			line := strings.TrimSpace(sc.Text())
			if line != "" {
				w, _, _ := strings.Cut(line, " ")
				words = append(words, w)
				continue
			}
			if s := strings.Join(words, " "); len([]rune(s)) >= 30 {
				items = append(items, LangIDItem{Set: "NER-UK news and fiction, sentences", Lang: "uk", Text: s})
				n++
			}
			words = words[:0]
		}
	}
	return items, nil
}

// roughSentences cuts a text at ". ", "! ", "? " and line ends, keeping
// pieces of 30 characters or more.
func roughSentences(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		start := 0
		rs := []rune(para)
		for i := 0; i < len(rs); i++ {
			if (rs[i] == '.' || rs[i] == '!' || rs[i] == '?') && (i+1 == len(rs) || rs[i+1] == ' ') {
				if s := strings.TrimSpace(string(rs[start : i+1])); len([]rune(s)) >= 30 {
					out = append(out, s)
				}
				start = i + 1
			}
		}
		if s := strings.TrimSpace(string(rs[start:])); len([]rune(s)) >= 30 {
			out = append(out, s)
		}
	}
	return out
}

// LangIDScore is accuracy per set and gold language, with what the misses
// were taken for ("" is no answer, which the language stage reads as
// English).
type LangIDScore struct {
	Set, Lang      string
	Items, Correct int
	Wrong          map[string]int
}

// ScoreLangID runs identify on every item.
func ScoreLangID(items []LangIDItem, identify func(string) string) []LangIDScore {
	at := map[[2]string]*LangIDScore{}
	var keys [][2]string
	for _, it := range items {
		k := [2]string{it.Set, it.Lang}
		s := at[k]
		if s == nil {
			s = &LangIDScore{Set: it.Set, Lang: it.Lang, Wrong: map[string]int{}}
			at[k] = s
			keys = append(keys, k)
		}
		s.Items++
		if got := identify(it.Text); got == it.Lang {
			s.Correct++
		} else {
			s.Wrong[got]++
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	out := make([]LangIDScore, len(keys))
	for i, k := range keys {
		out[i] = *at[k]
	}
	return out
}
