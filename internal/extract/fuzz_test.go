package extract

import (
	"sitrep/internal/faults"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCleanText checks the invariants of the plain-text cleaner on arbitrary
// input: no panic, and every block of the input is accounted for (kept in a
// story's text, used as its title or author, or listed as removed).
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{
		"Title Here\n\nBy Jane Doe\n\nPARIS — Body text here. More text.\n\nSign up to our newsletter.",
		"You've reached your limit of free articles.\n\nFOCUS: X\n\nNew Story Title\n\n" + strings.Repeat("word ", 100),
		"Photo: AFP\nA caption\nName/AGENCY\n\nPublished: 13 March 2024",
		"\x00\r\n\r\n\u00a0\ufeff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		stories := CleanText(s)
		var all strings.Builder
		for _, st := range stories {
			all.WriteString(st.Text + "\n" + st.Title + "\n" + st.Author + "\n")
			for _, r := range st.Removed {
				all.WriteString(r.Text + "\n")
			}
		}
		got := all.String()
		for _, b := range splitBlocks(normalizeText(s)) {
			if !strings.Contains(got, b.text) {
				t.Fatalf("block %q lost", b.text)
			}
		}
	})
}

func FuzzFragmentText(f *testing.F) {
	f.Add("<p>a</p><p>b<br>c</p>")
	f.Add("<script>x</script><table><tr><td>1</td></tr>")
	f.Fuzz(func(t *testing.T, s string) { FragmentText(s) })
}

// FuzzDecodeHTML: whatever the bytes and the declared charset, the page
// decodes to valid UTF-8.
func FuzzDecodeHTML(f *testing.F) {
	f.Add([]byte("<meta charset=\"windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>"), "")
	f.Add([]byte("<p>caf\xc3\xa9\xff</p>"), "text/html")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	f.Add([]byte("<p>x</p>"), "text/html; charset=gb2312")
	for _, b := range faults.Seeds(64 << 10) {
		f.Add(b, "")
	}
	f.Fuzz(func(t *testing.T, b []byte, ctype string) {
		if out := DecodeHTML(b, ctype); !utf8.Valid(out) {
			t.Fatalf("DecodeHTML(%.40q, %q) gave invalid UTF-8", b, ctype)
		}
	})
}
