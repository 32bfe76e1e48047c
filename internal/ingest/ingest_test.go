package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep/internal/demo"
	"sitrep/internal/faults"
	"sitrep/internal/model"
)

func TestSniff(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("<html></html>"))
	zw.Close()
	cases := []struct {
		in   string
		want Kind
	}{
		{"", KindEmpty},
		{"  \n\t ", KindEmpty},
		{"<!DOCTYPE html><html><body>x</body></html>", KindHTML},
		{"\ufeff  <html lang=en>", KindHTML},
		{"<div><p>a</p><p>b</p><p>c</p></div>", KindHTML},
		{"WARC/1.0\r\nWARC-Type: warcinfo\r\n", KindWARC},
		{`<?xml version="1.0"?><rss version="2.0"><channel>`, KindFeed},
		{`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom">`, KindFeed},
		{`{"name": "Chan", "type": "public_channel", "messages": []}`, KindTelegram},
		{`{"about": "x", "chats": {"list": [{"type": "public_channel"}]}}`, KindTelegram},
		{"Drones struck the city overnight, officials said.", KindText},
		{"Caf\xe9 owners said the blast broke windows.", KindText}, // Windows-1252 is text
		{"%PDF-1.7\n", KindBinary},
		{"\x00\x01\x02\x03\x04junk", KindBinary},
		{gz.String(), KindGzip},
		// A page that opens with a long style block: its markup comes after
		// the first 8 KB.
		{"<style>" + strings.Repeat(".a{color:red}\n", 1000) + "</style><body><p>Drones struck.</p></body>", KindHTML},
		{"<!-- saved page -->" + strings.Repeat(" ", 9000) + "<html><body>x</body></html>", KindHTML},
		{"<3 this city. Drones struck it overnight, officials said.", KindText},
	}
	for _, c := range cases {
		if got := Sniff([]byte(c.in)); got != c.want {
			t.Errorf("Sniff(%.30q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadWARC(t *testing.T) {
	page := []byte("<html><body><p>Hello</p></body></html>")
	w := demo.BuildWARC(map[string][]byte{"https://x.example/a": page, "https://x.example/b": page}, []string{"https://x.example/a", "https://x.example/b"})
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(w)
	zw.Close()
	for name, b := range map[string][]byte{"c.warc": w, "c.warc.gz": gz.Bytes()} {
		res := ReadFile(writeTemp(t, name, b), Options{})
		if res.Err != nil || res.Kind != KindWARC || len(res.Docs) != 2 {
			t.Fatalf("%s: kind %s, %d docs, err %v", name, res.Kind, len(res.Docs), res.Err)
		}
		d := res.Docs[1]
		if d.URL != "https://x.example/b" || !bytes.Equal(d.Body, page) || d.Format != model.FormatWARC ||
			!strings.HasSuffix(d.Path, name+"#3") || d.FileTime.Format("2006-01-02") != "2024-03-14" || !strings.Contains(d.ContentType, "text/html") {
			t.Errorf("%s: record = %+v", name, d)
		}
	}
	// Cut inside the second page record: the first survives, the error says where.
	cut := bytes.Index(w, []byte("https://x.example/b")) + 200
	res := ReadFile(writeTemp(t, "t.warc", w[:cut]), Options{})
	if len(res.Docs) != 1 || res.Err == nil || !strings.Contains(res.Err.Error(), "record 3") || !strings.Contains(res.Err.Error(), "truncated") {
		t.Errorf("truncated: %d docs, err %v", len(res.Docs), res.Err)
	}
	// Garbage after a good record.
	res = ReadFile(writeTemp(t, "g.warc", append(append([]byte{}, w...), "GARBAGE\r\n\r\n"...)), Options{})
	if len(res.Docs) != 2 || res.Err == nil || !strings.Contains(res.Err.Error(), "not a WARC record") {
		t.Errorf("trailing garbage: %d docs, err %v", len(res.Docs), res.Err)
	}
	// A record over the size limit is skipped and reported; the next one is read.
	big := bytes.Repeat([]byte("<p>x</p>"), 2000)
	w2 := demo.BuildWARC(map[string][]byte{"https://x.example/big": big, "https://x.example/a": page}, []string{"https://x.example/big", "https://x.example/a"})
	res = ReadFile(writeTemp(t, "big.warc", w2), Options{MaxSize: 4000})
	if len(res.Docs) != 1 || res.Docs[0].URL != "https://x.example/a" || res.Err == nil || !strings.Contains(res.Err.Error(), "limit") {
		t.Errorf("oversized record: %d docs, err %v", len(res.Docs), res.Err)
	}
}

func TestReadGzipHTML(t *testing.T) {
	page := []byte("<html><body><article><p>Drones hit the port.</p></article></body></html>")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	res := ReadFile(writeTemp(t, "page.gz", gz.Bytes()), Options{})
	if res.Err != nil || res.Kind != KindHTML || len(res.Docs) != 1 || !bytes.Equal(res.Docs[0].Body, page) || res.Docs[0].BodyKind != "html" {
		t.Errorf("gzipped html: %+v", res)
	}
	// Over the limit once decompressed.
	zw = gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte("<p>x</p>"), 10000))
	zw.Close()
	if res := ReadFile(writeTemp(t, "bomb.html.gz", gz.Bytes()), Options{MaxSize: 1000}); res.Err == nil || !strings.Contains(res.Err.Error(), "limit") {
		t.Errorf("decompression over the limit: %v", res.Err)
	}
}

func TestReadFeed(t *testing.T) {
	atom := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Full item</title><link href="https://a.example/1"/><updated>2024-03-14T10:00:00Z</updated>
<author><name>Ann Writer</name></author>
<content type="html">&lt;p&gt;First paragraph of the item.&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</content></entry>
<entry><title>Summary item</title><link href="https://a.example/2"/><updated>2024-03-15T10:00:00Z</updated>
<summary>Only a summary here.</summary></entry>
<entry><title>Empty item</title><link href="https://a.example/3"/></entry>
</feed>`
	docs, err := ReadBytes([]byte(atom), KindFeed, model.Document{Path: "f.xml"})
	if err != nil || len(docs) != 2 {
		t.Fatalf("%d docs, %v", len(docs), err)
	}
	d := docs[0]
	if d.Title != "Full item" || d.Site != "Atom Wire" || d.Author != "Ann Writer" || d.URL != "https://a.example/1" ||
		string(d.Body) != "First paragraph of the item.\n\nSecond paragraph." || d.SummaryOnly || d.PublishedSrc != model.DateFeed || d.Path != "f.xml#1" {
		t.Errorf("full item = %+v (body %q)", d, d.Body)
	}
	if !docs[1].SummaryOnly || string(docs[1].Body) != "Only a summary here." {
		t.Errorf("summary item = %+v", docs[1])
	}
	if _, err := ReadBytes([]byte(`<rss><channel><item>`), KindFeed, model.Document{}); err == nil {
		t.Error("broken feed: no error")
	}
}

func TestReadTelegram(t *testing.T) {
	export := `{"name":"Chan","type":"public_channel","id":7,"messages":[
	 {"id":1,"type":"service","action":"create_channel","text":""},
	 {"id":2,"type":"message","date":"2024-03-13T03:24:00","date_unixtime":"1710300240","from":"Chan",
	  "text":[{"type":"bold","text":"Kyiv:"}," explosions heard ",{"type":"text_link","text":"link","href":"https://x"}]},
	 {"id":3,"type":"message","date":"2024-03-13T04:00:00","photo":"p.jpg","text":""},
	 {"id":4,"type":"message","date":"2024-03-13T05:00:00","forwarded_from":"Other Channel","text":"Forwarded words."}]}`
	docs, err := ReadBytes([]byte(export), KindTelegram, model.Document{Path: "result.json"})
	if err != nil || len(docs) != 2 {
		t.Fatalf("%d docs, %v", len(docs), err)
	}
	if string(docs[0].Body) != "Kyiv: explosions heard link" || docs[0].Path != "result.json#2" || docs[0].Site != "Chan" ||
		docs[0].Published.UTC().Format("15:04") != "03:24" || docs[0].PublishedSrc != model.DateTelegram {
		t.Errorf("post = %+v (%q)", docs[0], docs[0].Body)
	}
	if docs[1].Author != "Other Channel" || docs[1].Published.Format("15:04") != "05:00" {
		t.Errorf("forwarded post = %+v", docs[1])
	}
	// Full-account export: chats.list.
	full := `{"chats":{"list":[{"name":"A","type":"public_channel","id":1,"messages":[{"id":9,"type":"message","text":"Hello there."}]}]}}`
	docs, err = ReadBytes([]byte(full), KindTelegram, model.Document{Path: "r.json"})
	if err != nil || len(docs) != 1 || docs[0].Site != "A" {
		t.Errorf("full export: %+v, %v", docs, err)
	}
	if _, err := ReadBytes([]byte(`{"name":"x","messages":[`), KindTelegram, model.Document{}); err == nil {
		t.Error("truncated export: no error")
	}
}

func TestWalkSkipsHiddenAndNotNews(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a.html", "sub/b.txt", ".git/config", "sub/.hidden.txt", "SOURCE.md", "SHA256SUMS", "sub/logo.png", "notes.csv", "keep.csv", "sub/drop.html"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644)
	}
	w := Walk([]string{dir, filepath.Join(dir, "missing.html"), filepath.Join(dir, "SOURCE.md")}, Filter{Include: []string{"keep.csv"}, Exclude: []string{"sub/drop.*"}})
	var got []string
	for _, f := range w.Files {
		rel, _ := filepath.Rel(dir, f)
		got = append(got, rel)
	}
	// SOURCE.md is taken when named; keep.csv by --include.
	if want := "a.html keep.csv sub/b.txt SOURCE.md"; strings.Join(got, " ") != want {
		t.Errorf("files = %v, want %s", got, want)
	}
	if !w.Named[filepath.Join(dir, "SOURCE.md")] || !w.Included[filepath.Join(dir, "keep.csv")] || w.Named[filepath.Join(dir, "a.html")] {
		t.Errorf("named %v, included %v", w.Named, w.Included)
	}
	why := map[string]string{}
	for _, s := range w.Skipped {
		rel, _ := filepath.Rel(dir, s.Path)
		why[rel] = s.Reason
	}
	if len(why) != 5 || why["SHA256SUMS"] != "checksums" || why["sub/logo.png"] != "image" || why["sub/drop.html"] != "excluded by --exclude" || why["notes.csv"] != "table" {
		t.Errorf("skipped = %v", why)
	}
	if len(w.Failed) != 1 || !strings.Contains(w.Failed[0].Path, "missing.html") {
		t.Errorf("failed = %v", w.Failed)
	}
}

func TestJSONDataIsNotNews(t *testing.T) {
	for _, b := range []string{`{"incidents": [{"id": 1}]}`, `[{"a": 1}]`, "[1, 2]"} {
		if k := Sniff([]byte(b)); k != KindData {
			t.Errorf("Sniff(%s) = %s, want data", b, k)
		}
		path := writeTemp(t, "labels.json", []byte(b))
		if _, err := Stream(path, Options{}, func(model.Document) {}); !errors.Is(err, ErrNotNews) {
			t.Errorf("%s: err = %v, want not news", b, err)
		}
		var docs []model.Document
		if _, err := Stream(path, Options{Data: true}, func(d model.Document) { docs = append(docs, d) }); err != nil || len(docs) != 1 {
			t.Errorf("%s with Data: %v, %d docs", b, err, len(docs))
		}
	}
	if k := Sniff([]byte("[Updated] Drones hit the port overnight.")); k != KindText {
		t.Errorf("bracketed headline sniffed as %s", k)
	}
}

func FuzzReadWARC(f *testing.F) {
	page := []byte("<html><body><p>Hello</p></body></html>")
	f.Add(demo.BuildWARC(map[string][]byte{"https://x.example/a": page}, []string{"https://x.example/a"}))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 5\r\n\r\nHTTP/"))
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		var docs []model.Document
		_ = readWARC(bytes.NewReader(b), model.Document{Path: "f"}, Options{MaxSize: 1 << 16}, func(d model.Document) { docs = append(docs, d) })
		for _, d := range docs {
			if d.BodyKind != "html" {
				t.Fatalf("record of kind %q", d.BodyKind)
			}
			if len(d.Body) > 1<<16 {
				t.Fatalf("record body of %d bytes past the 64 KB limit", len(d.Body))
			}
		}
	})
}

// addSeeds adds the fault suite's inputs (those small enough) to a
// reader's fuzz corpus.
func addSeeds(f *testing.F) {
	for _, b := range faults.Seeds(64 << 10) {
		f.Add(b)
	}
}

func FuzzReadTelegram(f *testing.F) {
	f.Add([]byte(`{"name":"c","messages":[{"id":1,"type":"message","text":["a",{"type":"bold","text":"b"}]}]}`))
	f.Add([]byte(`{"chats":{"list":[{"messages":[{"text":7}]}]}}`))
	f.Add([]byte(`{"name":"c","messages":[{"id":1,"date_unixtime":"-99999999999999","text":"x"}]}`))
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		docs, _ := readTelegram(b, model.Document{Path: "f"})
		for _, d := range docs {
			if !model.Representable(d.Published) {
				t.Fatalf("post dated %v, which cannot be stored", d.Published)
			}
		}
	})
}

func FuzzReadFeed(f *testing.F) {
	f.Add([]byte(`<rss><channel><title>t</title><item><title>a</title><description>&lt;p&gt;Text&lt;/p&gt;</description></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><content type="html">y</content></entry></feed>`))
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		docs, _ := readFeed(b, model.Document{Path: "f"})
		for _, d := range docs {
			if strings.TrimSpace(string(d.Body)) == "" {
				t.Fatal("feed item stored without text")
			}
		}
	})
}

func FuzzSniff(f *testing.F) {
	for _, s := range []string{"<html>", "WARC/1.0", "{\"messages\":[]}", "\x1f\x8b", "plain", "\xff\xfe<\x00h\x00", "[1]"} {
		f.Add([]byte(s))
	}
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if k := Sniff(b); k != Sniff(b) {
			t.Fatal("Sniff is not deterministic")
		}
		if u := fromUTF16(b); !bytes.Equal(u, b) && !utf8.Valid(u) {
			t.Fatal("fromUTF16 gave invalid UTF-8")
		}
	})
}
