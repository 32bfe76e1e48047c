// Package faults writes the hostile inputs of sitrep's fault suite: every
// kind of file that has crashed, stalled or fooled an ingest, each beside
// what a correct run must do with it. The suite (faults_test.go, run by
// .ci/run) ingests them among good reports and checks each outcome, the
// memory the run took and that no markup became article text.
//
// Every text here was written for the suite. The generators are
// deterministic (a fixed seed), so a failure can be reproduced with
// `go test ./internal/faults -run Suite -v`, or the files written to a
// folder with SITREP_FAULTS_DIR=DIR and ingested by hand.
package faults

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"sitrep/internal/demo"
)

// Outcome is what an ingest must do with a file.
type Outcome int

const (
	Stored  Outcome = iota // at least one article stored from it
	Failed                 // one failure row naming it, with Reason in its reason
	Skipped                // left out of a folder as not news
)

// Case is one input of the suite.
type Case struct {
	Name     string // file name, relative to the folder (may hold a newline or odd Unicode)
	Why      string // what it once did, or what it guards against
	Want     Outcome
	Reason   string // a fragment of the failure reason (Failed)
	Text     string // a fragment the stored text must hold (Stored), if any
	Not      string // a fragment no stored text may hold
	Articles int    // how many articles it must give (Stored), if not 1
	body     func() []byte
}

// Limits are the budgets the suite runs with (small, so that it is fast);
// the cases are sized against them.
type Limits struct {
	MaxSizeMB int // --max-size
	MaxTextKB int // --max-text
	MaxTags   int // --max-tags
}

// SuiteLimits are the budgets faults_test.go passes to ingest.
var SuiteLimits = Limits{MaxSizeMB: 2, MaxTextKB: 512, MaxTags: 50_000}

// Good are the well-formed reports ingested beside the hostile ones.
func Good() []Case {
	return []Case{
		{Name: "good/harbour-report.html", Why: "a plain page", Want: Stored, Text: "grain terminal",
			body: page("Drones hit a grain terminal", "Drones hit a grain terminal in the harbour district overnight, the regional governor said on Tuesday. Two workers were injured and a warehouse caught fire, he added.")},
		{Name: "good/evening-brief.txt", Why: "a plain text", Want: Stored, Text: "rail bridge",
			body: text("Officials said a missile struck a rail bridge near the border on Monday evening. Trains were halted for six hours while engineers inspected the damage.")},
		{Name: "good/wire.xml", Why: "a feed", Want: Stored, Text: "power station", Articles: 2, body: goodFeed},
	}
}

// Hostile are the inputs that once broke a run, or would.
func Hostile(l Limits) []Case {
	over := (l.MaxSizeMB + 1) << 20
	return []Case{
		{Name: "warc-gzip-bomb.warc", Why: "a 10 MB WARC whose gzip body inflated to 5.8 GB killed the process", Want: Failed, Reason: "limit",
			body: func() []byte { return gzipWARC(64 << 20) }},
		{Name: "page-bomb.html.gz", Why: "a gzip file that inflates far past the size limit", Want: Failed, Reason: "limit",
			body: func() []byte { return gz(bytes.Repeat([]byte("<p>a</p>"), 8<<20)) }},
		{Name: "too-big.html", Why: "a page over --max-size", Want: Failed, Reason: "limit",
			body: func() []byte { return bytes.Repeat([]byte("<p>filler words here</p>\n"), over/26+1) }},
		{Name: "telegram-year-10000.json", Why: "a post dated past the year 9999 aborted the whole run, unrecorded", Want: Stored, Text: "shelling", Articles: 2, body: farFutureTelegram},
		{Name: "utf16-bom.html", Why: "UTF-16 HTML with a BOM was stored as text with its markup", Want: Stored, Text: "ferry crossing",
			body: func() []byte {
				return utf16(string(page("Ferry halted", "The ferry crossing was halted after a naval drone was spotted near the pier, the port authority said.")()))
			}},
		{Name: "stray-byte.html", Why: "a UTF-8 page with one stray byte was decoded as windows-1252 and garbled whole", Want: Stored, Text: "Kraków",
			body: func() []byte {
				return []byte(strings.Replace(string(page("Kraków rally", "Thousands rallied in Kraków and Gdańsk on Sunday, organisers said; the café\xff owners closed early.")()), `<meta charset="utf-8">`, "", 1))
			}},
		{Name: "cp1251-meta.html", Why: "a Windows-1251 page that declares its charset", Want: Stored, Text: "Харків",
			body: func() []byte { return encode(charmap.Windows1251, cyrillicPage(`<meta charset="windows-1251">`)) }},
		{Name: "cp1251-bare.html", Why: "a Windows-1251 page that declares nothing: stored, though the letters may be wrong", Want: Stored,
			body: func() []byte { return encode(charmap.Windows1251, cyrillicPage("")) }},
		{Name: "gb2312-meta.html", Why: "a GB2312 page came out as mojibake", Want: Stored, Text: "无人机",
			body: func() []byte {
				return encode(simplifiedchinese.GBK, chinesePage(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`))
			}},
		{Name: "gb2312-bare.html", Why: "a GB2312 page that declares nothing", Want: Stored,
			body: func() []byte { return encode(simplifiedchinese.GBK, chinesePage("")) }},
		{Name: "empty.html", Why: "a 0-byte file", Want: Failed, Reason: "empty", body: func() []byte { return nil }},
		{Name: "photo.html", Why: "a PNG under a page's name", Want: Failed, Reason: "binary",
			body: func() []byte { return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), randomBytes(2000)...) }},
		{Name: "cut.html.gz", Why: "a truncated gzip file", Want: Failed, Reason: "truncated",
			body: func() []byte { b := gz(randomHTML(3000)); return b[:len(b)/2] }},
		{Name: "noise.txt", Why: "random bytes that are no encoding at all", Want: Failed, Reason: "binary",
			body: func() []byte { return randomBytes(20000) }},
		{Name: "style-first.html", Why: "a page opening with <style> was sniffed as text and its CSS became the article", Want: Stored, Text: "water supply",
			body: func() []byte {
				return []byte("<style>\n" + strings.Repeat(".a{color:red}\n", 2000) + "</style>\n" + string(page("Water cut", "The water supply of the eastern district was cut after a strike on a pumping station, the mayor said on Friday.")()))
			}},
		{Name: "deep.html", Why: "a page of more nested elements than --max-tags allows", Want: Failed, Reason: "tags",
			body: func() []byte {
				n := l.MaxTags + 10
				return []byte(strings.Repeat("<div>", n) + "deep" + strings.Repeat("</div>", n))
			}},
		{Name: "long-story.txt", Why: "one story longer than --max-text", Want: Failed, Reason: "max-text",
			body: func() []byte {
				return []byte(strings.Repeat("The council met again and the minutes were read aloud in full. ", (l.MaxTextKB<<10)/63+200))
			}},
		{Name: "xxe-feed.xml", Why: "an external entity must not be read", Want: Stored, Not: "root:", body: xxeFeed},
		{Name: "live-blog.txt", Why: "a live blog of many dated strikes stalled the incident update for minutes", Want: Stored, Text: "live updates", body: liveBlog},
		{Name: "crawl-200.warc", Why: "a crawl is stored as it is read, not held whole", Want: Stored, Text: "Report number", Articles: 200, body: bigWARC},
		{Name: "name with\nnewline.html", Why: "a file name with a line break", Want: Stored, Text: "checkpoint",
			body: page("Checkpoint", "Soldiers reinforced a checkpoint on the northern road after overnight shelling, a local official said.")},
		{Name: "odd-\u202e-ünïcödé-\x1b[31m.html", Why: "a file name with a right-to-left override and a terminal escape", Want: Stored, Text: "substation",
			body: page("Substation", "A substation was damaged by falling debris after air defences intercepted a drone, the energy ministry said.")},
		{Name: "SOURCE.md", Why: "a folder's documentation", Want: Skipped, body: text("# Source\n\nWhere these files came from.")},
		{Name: "SHA256SUMS", Why: "a folder's checksums were stored as an article", Want: Skipped,
			body: text("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty.html")},
		{Name: "gold.json", Why: "a folder's label file was stored as an article", Want: Skipped,
			body: text(`{"incidents": [{"id": "a", "articles": ["good/wire.xml"]}]}`)},
	}
}

// Write writes the cases into dir and returns them.
func Write(dir string, cases []Case) error {
	for _, c := range cases {
		p := filepath.Join(dir, c.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, c.body(), 0o644); err != nil {
			return fmt.Errorf("write %q: %w", c.Name, err)
		}
	}
	return nil
}

func page(title, body string) func() []byte {
	return func() []byte {
		return []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>` + title + `</h1><p>` + body + `</p><p>` + body + ` Residents were told to stay indoors until the all-clear.</p></article>
<footer>© The Example Courier</footer></body></html>`)
	}
}

func text(s string) func() []byte { return func() []byte { return []byte(s + "\n") } }

func goodFeed() []byte {
	return []byte(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title>
<item><title>Power station hit</title><link>https://wire.example/1</link><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>A power station in the south was hit by two missiles early on Tuesday, the operator said. Repairs will take weeks.</description></item>
<item><title>Blackouts</title><link>https://wire.example/2</link><pubDate>Tue, 05 Mar 2024 12:00:00 GMT</pubDate>
<description>Rolling blackouts were announced for three regions after the strike on the power station, officials said.</description></item>
</channel></rss>`)
}

func xxeFeed() []byte {
	return []byte(`<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>Evil</title><item><title>x</title><description>&xxe;</description></item></channel></rss>`)
}

func farFutureTelegram() []byte {
	return []byte(`{"name": "Example Channel", "type": "public_channel", "id": 1, "messages": [
 {"id": 1, "type": "message", "date": "2024-03-05T10:00:00", "date_unixtime": "999999999999", "text": "Heavy shelling of the town centre was reported overnight, the channel's correspondent said."},
 {"id": 2, "type": "message", "date": "2024-03-05T11:00:00", "date_unixtime": "1709632800", "text": "Rescuers said the shelling damaged a school and two houses."}]}`)
}

func cyrillicPage(meta string) string {
	return `<html><head>` + meta + `<title>Удар по Харкову</title></head><body><article><p>Харків зазнав ракетного удару вночі, повідомив голова обласної адміністрації. Пошкоджено житловий будинок і школу.</p><p>Рятувальники працювали на місці до ранку.</p></article></body></html>`
}

func chinesePage(meta string) string {
	return `<html><head>` + meta + `<title>无人机袭击</title></head><body><article><p>当地官员周二表示，一架无人机袭击了港口附近的燃料库，引发大火。消防员连夜灭火，没有人员伤亡。</p><p>港口暂时关闭，等待安全检查。</p></article></body></html>`
}

func encode(enc encoding.Encoding, s string) []byte {
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func utf16(s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// gzipWARC is a WARC with one response whose gzip-encoded body inflates
// to n bytes.
func gzipWARC(n int) []byte {
	body := gz(bytes.Repeat([]byte("<p>bomb</p>"), n/11))
	http := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n", len(body))
	block := append([]byte(http), body...)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\nWARC-Date: 2024-03-14T09:30:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n", len(block))
	buf.Write(block)
	buf.WriteString("\r\n\r\n")
	return buf.Bytes()
}

func bigWARC() []byte {
	pages := map[string][]byte{}
	var order []string
	for i := range 200 {
		uri := fmt.Sprintf("https://crawl.example/%d", i)
		pages[uri] = page(fmt.Sprintf("Report number %d", i), fmt.Sprintf("Report number %d: the district council met on day %d and discussed the repair of %d roads damaged in the winter.", i, i, i%17+2))()
		order = append(order, uri)
	}
	return demo.BuildWARC(pages, order)
}

// liveBlog is a live blog of many dated strikes on a few towns.
func liveBlog() []byte {
	rng := rand.New(rand.NewPCG(7, 7))
	towns := []string{"Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Kherson", "Sumy"}
	months := []string{"January", "February", "March"}
	var b strings.Builder
	b.WriteString("War in Ukraine: live updates\n\n")
	for b.Len() < 300<<10 {
		d, m, town := rng.IntN(28)+1, months[rng.IntN(3)], towns[rng.IntN(len(towns))]
		k := rng.IntN(30) + 1
		fmt.Fprintf(&b, "%s %d, 2024, %02d:%02d\n", m, d, rng.IntN(24), rng.IntN(60))
		fmt.Fprintf(&b, "A Russian missile strike on %s killed %d people and wounded %d others on %s %d, the regional governor said. The air force said it shot down %d drones overnight.\n\n", town, k, 2*k, m, d, k)
	}
	return []byte(b.String())
}

func randomBytes(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	return b
}

func randomHTML(n int) []byte {
	rng := rand.New(rand.NewPCG(3, 4))
	var b bytes.Buffer
	for range n {
		fmt.Fprintf(&b, "<p>w%d</p>", rng.IntN(1_000_000))
	}
	return b.Bytes()
}

// Body returns the bytes of the case's file.
func (c Case) Body() []byte { return c.body() }

// Seeds are the bodies of the cases of at most max bytes, as seeds for
// the readers' fuzz targets.
func Seeds(max int) [][]byte {
	var out [][]byte
	for _, c := range append(Good(), Hostile(Limits{MaxSizeMB: 1, MaxTextKB: 1, MaxTags: 50})...) {
		if b := c.Body(); len(b) <= max {
			out = append(out, b)
		}
	}
	return out
}
