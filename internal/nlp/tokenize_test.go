package nlp

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func texts(toks []Token) string {
	var s []string
	for _, t := range toks {
		s = append(s, t.Text)
	}
	return strings.Join(s, "|")
}

func TestTokenize(t *testing.T) {
	cases := map[string]string{
		`Mr. Putin said the U.S. had "no proof."`:                 `Mr.|Putin|said|the|U.S.|had|"|no|proof|.|"`,
		`Russia's defence minister didn't say—anything.`:          `Russia|'s|defence|minister|did|n't|say|—|anything|.`,
		`Kyiv’s mayor, Vitali Klitschko, said 1,200 people fled.`: `Kyiv|’s|mayor|,|Vitali|Klitschko|,|said|1,200|people|fled|.`,
		`pro-war bloggers (e.g. Rybar) wrote at 4.30 p.m.`:        `pro-war|bloggers|(|e.g.|Rybar|)|wrote|at|4.30|p.m.`,
		`See https://t.me/rybar/123, then J. Smith's post...`:     `See|https://t.me/rybar/123|,|then|J.|Smith|'s|post|...`,
		`PARIS — In February`:                                     `PARIS|—|In|February`,
		`the officials' statement`:                                `the|officials|'|statement`,
	}
	for in, want := range cases {
		toks := Tokenize(in)
		if got := texts(toks); got != want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", in, got, want)
		}
		for _, tk := range toks {
			if in[tk.Start:tk.End] != tk.Text {
				t.Errorf("offsets of %q wrong: %d-%d", tk.Text, tk.Start, tk.End)
			}
		}
	}
}

func TestSentences(t *testing.T) {
	text := `PARIS — Mr. Putin met Gen. Gerasimov on Jan. 5 in the U.S. embassy. "It was fine," he said. ` +
		`The talks ended in the U.S. The next day was calm! Was it? Yes.` + "\n\nA heading\nNew paragraph here."
	var got []string
	for _, s := range Sentences(text) {
		got = append(got, text[s.Start:s.End])
	}
	want := []string{
		`PARIS — Mr. Putin met Gen. Gerasimov on Jan. 5 in the U.S. embassy.`,
		`"It was fine," he said.`,
		`The talks ended in the U.S.`,
		`The next day was calm!`,
		`Was it?`,
		`Yes.`,
		`A heading`,
		`New paragraph here.`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Sentences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A quote that spans sentences stays with its closing mark.
	q := `He said: "We will respond. The attack failed." Then he left.`
	var qs []string
	for _, s := range Sentences(q) {
		qs = append(qs, q[s.Start:s.End])
	}
	if len(qs) != 3 || qs[1] != `The attack failed."` {
		t.Errorf("quoted sentences: %q", qs)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Mr. Putin's U.S. trip—(no).", "“Hi,” he said… https://x.y/z.", "\x00\xff—'s", "a.b.c. d"} {
		f.Add(s)
	}
	f.Add("HTTPS://Example.org")
	f.Add("Kttp://x") // a Kelvin sign lower-cases to k
	f.Fuzz(func(t *testing.T, s string) {
		// The allocation-free URL test reads as the lower-casing one did.
		ls := strings.ToLower(s)
		want := strings.HasPrefix(ls, "http://") || strings.HasPrefix(ls, "https://") || strings.HasPrefix(ls, "www.") ||
			(strings.Contains(s, "@") && strings.Contains(s, ".") && !strings.HasPrefix(s, "@"))
		if isURLLike(s) != want {
			t.Fatalf("isURLLike(%q) = %v", s, !want)
		}
		prev := 0
		for _, tk := range Tokenize(s) {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) || s[tk.Start:tk.End] != tk.Text {
				t.Fatalf("bad token %+v in %q", tk, s)
			}
			if strings.TrimSpace(tk.Text) != tk.Text && utf8.ValidString(tk.Text) {
				t.Fatalf("token with space %q", tk.Text)
			}
			prev = tk.End
		}
		end := 0
		for _, se := range Sentences(s) {
			if se.Start < end || se.End > len(s) || len(se.Tokens) == 0 {
				t.Fatalf("bad sentence %+v", se)
			}
			end = se.End
		}
	})
}
