package web

import "strings"

// change is one paragraph of a diff between two versions of an article.
type change struct {
	Op   string // "same", "del", "ins"
	Text string
}

// maxDiffParas bounds the paragraphs compared (the table is their product).
const maxDiffParas = 2000

// diffParagraphs compares two texts paragraph by paragraph (longest common
// subsequence) and returns the changes in reading order; nil when either is
// too long to compare.
func diffParagraphs(old, new string) []change {
	a, b := paragraphs(old), paragraphs(new)
	if len(a) > maxDiffParas || len(b) > maxDiffParas {
		return nil
	}
	// lcs[i][j] is the common length of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []change
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, change{"same", a[i]})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, change{"del", a[i]}) // a removal reads before what replaced it
			i++
		default:
			out = append(out, change{"ins", b[j]})
			j++
		}
	}
	return out
}

func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
