package store

import (
	"strings"
	"unicode"
)

// SearchQuery is what a user's search asks, in a form both databases can
// write: every item must match, and an item matches when one of its
// alternatives does; an alternative is a phrase of one or more words.
// `"drone strike" OR Kremlin depot` has two items: ("drone strike" or
// "Kremlin") and "depot" — OR binds the two beside it, as in web search
// engines and FTS5.
type SearchQuery [][][]string

// ParseSearch reads quoted phrases and OR (in capitals) from a query; all
// else is words of letters and digits, so no syntax of either database
// ever reaches it. An unbalanced quote runs to the end.
func ParseSearch(q string) SearchQuery {
	var items [][][]string
	orNext := false
	add := func(words []string) {
		if len(words) == 0 {
			return
		}
		if orNext && len(items) > 0 {
			items[len(items)-1] = append(items[len(items)-1], words)
		} else {
			items = append(items, [][]string{words})
		}
		orNext = false
	}
	for q != "" {
		q = strings.TrimLeftFunc(q, unicode.IsSpace)
		switch {
		case q == "":
		case q[0] == '"':
			end := strings.IndexByte(q[1:], '"')
			phrase := q[1:]
			if end >= 0 {
				phrase, q = q[1:1+end], q[2+end:]
			} else {
				q = ""
			}
			add(SearchTerms(phrase))
		default:
			end := strings.IndexFunc(q, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
			word := q
			if end >= 0 {
				word, q = q[:end], q[end:]
			} else {
				q = ""
			}
			if word == "OR" && len(items) > 0 {
				orNext = true
				continue
			}
			for _, w := range SearchTerms(word) {
				add([]string{w})
			}
		}
	}
	return items
}
