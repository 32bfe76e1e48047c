package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const storyBody = `<p>Drones struck a fuel depot in the port overnight, the regional governor said on Wednesday, and a fire burned until the morning.</p>
<p>One worker was injured, according to the governor, who said air defences had shot down most of the drones over the bay.</p>
<p>The defence ministry said eleven drones had been launched and all were destroyed, a claim local residents disputed in posts online.</p>
<p>Firefighters from three districts worked through the night, and the depot's operator said supplies to the city would not be affected.</p>`

func page(h1 string) []byte {
	return []byte(`<!doctype html><html><head><title>Drones strike fuel depot in port city</title>
<meta property="og:title" content="Drones strike fuel depot in port city"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>` + h1 + storyBody + `</article>
<footer><p>Copyright 2024 Harbour Times. All rights reserved.</p></footer></body></html>`)
}

// The headline is the title, not body text: the text starts with the story,
// and the headline is listed first among the removed blocks, as the title.
func TestHTMLHeadlineIsTitleNotText(t *testing.T) {
	r, err := HTML(page(`<h1>Drones strike fuel depot in port city</h1>`), HTMLOptions{FastDate: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "Drones strike fuel depot in port city" {
		t.Errorf("title %q", r.Title)
	}
	if !strings.HasPrefix(r.Text, "Drones struck a fuel depot") {
		t.Errorf("text starts %.60q", r.Text)
	}
	if len(r.Removed) == 0 || r.Removed[0].Reason != ReasonTitle || r.Removed[0].Text != "Drones strike fuel depot in port city" {
		t.Errorf("removed %+v", r.Removed)
	}
	for _, b := range r.Removed[1:] {
		if b.Text == r.Title {
			t.Errorf("headline listed twice: %+v", r.Removed)
		}
	}
	// A first paragraph that is not the title stays.
	r, err = HTML(page(`<h2>Residents describe a night of explosions</h2>`), HTMLOptions{FastDate: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(r.Text, "Drones struck") {
		t.Errorf("a subheading that is not the title was dropped: %.60q", r.Text)
	}
}

// Short paragraphs that are plainly not body text leave the text and are
// listed with their reason; body sentences that open the same way stay.
func TestHTMLBoilerplateParagraphs(t *testing.T) {
	extra := `<p>Updated at 1:23 p.m.</p><p>By Olena Bondar</p>` + storyBody +
		`<p>Read more: Port reopens after the night's attack</p>
<p>Related to this, the governor said shelters would stay open.</p>
<p>The latest figures show three districts without power.</p>
<p>By Monday, the depot's operator expects to resume deliveries.</p>
<p>Additional reporting by Ivan Petrenko in Kyiv</p>`
	r, err := HTML(page(`<h1>Drones strike fuel depot in port city</h1>`+extra), HTMLOptions{FastDate: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"Updated at 1:23", "By Olena Bondar", "Read more: Port reopens", "Additional reporting by"} {
		if strings.Contains(r.Text, gone) {
			t.Errorf("%q left in the text", gone)
		}
	}
	for _, kept := range []string{"Related to this, the governor", "The latest figures show", "By Monday, the depot"} {
		if !strings.Contains(r.Text, kept) {
			t.Errorf("body sentence %q dropped", kept)
		}
	}
	reasons := map[string]string{}
	for _, b := range r.Removed {
		reasons[b.Text] = b.Reason
	}
	for text, want := range map[string]string{"Updated at 1:23 p.m.": ReasonDate, "By Olena Bondar": ReasonByline,
		"Read more: Port reopens after the night's attack": ReasonRelated, "Additional reporting by Ivan Petrenko in Kyiv": ReasonContrib} {
		if reasons[text] != want {
			t.Errorf("removed %q: reason %q, want %q", text, reasons[text], want)
		}
	}
}

func TestProseShare(t *testing.T) {
	for _, c := range []struct {
		text string
		want float64
	}{
		{"Categorias\n\nTags\n\nAcesso MENU Acessar Cadastre-se Esqueci a Senha A CIDADE Conselhos", 0},
		{"Home\n\nDrones struck a fuel depot in the port overnight, the governor said.", 12.0 / 13},
		{"", 0},
		{"“We heard three blasts and then the whole sky went orange,” she said.”", 1},
	} {
		if got := proseShare(c.text); got != c.want {
			t.Errorf("proseShare(%.40q) = %.3f, want %.3f", c.text, got, c.want)
		}
	}
}

func TestCovered(t *testing.T) {
	a := "One two three four.\n\nFive six."
	if got := covered(a, "Intro.\n\nOne two three four.\n\nMore text."); got != 4.0/6 {
		t.Errorf("covered = %.3f, want 4/6", got)
	}
	if got := covered(a, "one, two; three FOUR!\n\nFive six"); got != 1 {
		t.Errorf("covered ignoring case and punctuation = %.3f, want 1", got)
	}
}

func TestDecodeHTMLStrayByte(t *testing.T) {
	page := []byte("<html><body><p>Zelenskyy met Beyoncé and Zoë in Kraków; the café\xff was closed.</p></body></html>")
	got := string(DecodeHTML(page, ""))
	if !strings.Contains(got, "Beyoncé") || !strings.Contains(got, "Kraków") || !strings.Contains(got, "café\uFFFD") {
		t.Errorf("UTF-8 page with one stray byte decoded as %q", got)
	}
	// A windows-1252 page (é is one byte, 0xE9) still decodes as that.
	latin := []byte("<html><body><p>Le caf\xe9 de la gare \xe9tait ferm\xe9.</p></body></html>")
	if got := string(DecodeHTML(latin, "")); !strings.Contains(got, "café") || !strings.Contains(got, "était fermé") {
		t.Errorf("windows-1252 page decoded as %q", got)
	}
}

func TestVisibleText(t *testing.T) {
	for in, want := range map[string]int{
		"<p>abc</p>": 3,
		"<script>var x = '<p>hidden</p>';</script><p>ab</p>": 2,
		"<STYLE>.a{}</STYLE>x":                               1,
		"<script>never closed":                               0,
		"plain":                                              5,
		"<p>a<br>b":                                          2,
	} {
		if got := visibleText([]byte(in)); got != want {
			t.Errorf("visibleText(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestDecodeHTMLLateCharset(t *testing.T) {
	// A page behind a long banner (as a web archive wraps it) declares its
	// charset past the first kilobyte.
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("<p>无人机袭击了港口</p>"))
	page := append([]byte("<html><head><!-- archive banner "+strings.Repeat("x", 3000)+" -->"+
		`<meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>`), gbk...)
	if got := string(DecodeHTML(page, "")); !strings.Contains(got, "无人机袭击了港口") {
		t.Errorf("late GB2312 declaration: %.80q", got[len(got)-60:])
	}
}
