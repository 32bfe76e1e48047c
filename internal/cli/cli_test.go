package cli

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestDemo(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, "demo", "--dir", dir, "--no-serve")
	if code != 0 {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	for _, want := range []string{"9 articles (1 linked to an earlier copy)", "failed:     0", "Harbour Times", "Where to look next",
		"incidents:  2 created or updated",
		"Air/drone strike", "Novorossiysk, RU", "sitrep show"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	db := filepath.Join(dir, "sitrep.db")
	code, out, _ = run(t, "articles", "--db", db, "--json")
	var list struct {
		Articles []struct {
			ID          int64  `json:"id"`
			Title       string `json:"title"`
			DuplicateOf int64  `json:"duplicate_of"`
		} `json:"articles"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list.Articles) != 9 {
		t.Fatalf("articles --json: exit %d, %d articles\n%s", code, len(list.Articles), out)
	}
	code, out, _ = run(t, "articles", "--db", db, "4")
	if code != 0 || !strings.Contains(out, "[paywall] Subscribe for unlimited access") || !strings.Contains(out, "author:    Pavel Ostrowski") {
		t.Errorf("articles 4: exit %d\n%s", code, out)
	}
	if code, _, errOut := run(t, "articles", "--db", db, "999"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("missing article: exit %d, %q", code, errOut)
	}

	// Incidents: the JSON contract of PRODUCT.md.
	code, out, errOut = run(t, "incidents", "--db", db, "--json")
	var incs struct {
		Incidents []map[string]any `json:"incidents"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &incs) != nil || len(incs.Incidents) != 2 {
		t.Fatalf("incidents --json: exit %d, %s\n%s", code, errOut, out)
	}
	for _, key := range []string{"id", "title", "event_type", "sub_event_type", "date", "date_precision", "location", "actors",
		"articles", "claims", "facts", "independent_origins", "contradictions"} {
		if _, ok := incs.Incidents[0][key]; !ok {
			t.Errorf("incident JSON lacks %q", key)
		}
	}
	claim := incs.Incidents[1]["claims"].([]any)[0].(map[string]any)
	for _, key := range []string{"id", "article", "speaker", "cue", "stance", "text", "sentence", "start", "end"} {
		if _, ok := claim[key]; !ok {
			t.Errorf("claim JSON lacks %q", key)
		}
	}
	id := incs.Incidents[1]["id"].(string)
	code, out, _ = run(t, "show", "--db", db, id)
	if code != 0 || !strings.Contains(out, "Contradictions") || !strings.Contains(out, "Igor Malykhin") || !strings.Contains(out, "[copy of #") {
		t.Errorf("show %s: exit %d\n%s", id, code, out)
	}
	if code, _, errOut := run(t, "show", "--db", db, "inc-nope"); code != 1 || !strings.Contains(errOut, "no incident") {
		t.Errorf("show missing: exit %d %q", code, errOut)
	}
	code, out, _ = run(t, "export", "--db", db, "--format", "csv")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 || !strings.HasPrefix(lines[0], "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type") {
		t.Errorf("export csv: exit %d\n%s", code, out)
	}
	geo := filepath.Join(dir, "out.geojson")
	code, _, _ = run(t, "export", "--db", db, "--format", "geojson", "-o", geo)
	b, _ := os.ReadFile(geo)
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if code != 0 || json.Unmarshal(b, &fc) != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 2 || len(fc.Features[0].Geometry.Coordinates) != 2 {
		t.Errorf("export geojson: exit %d\n%s", code, b)
	}
	if code, _, errOut := run(t, "export", "--db", db, "--format", "xml"); code != 1 || !strings.Contains(errOut, "--format") {
		t.Errorf("bad format: exit %d %q", code, errOut)
	}
}

func TestIngestReportsFailuresAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("Officials said two drones were shot down over the district on Monday night. Debris fell on a road, damaging a car, but nobody was hurt."), 0o644)
	os.WriteFile(filepath.Join(dir, "junk.bin"), []byte("\x00\x01\x02binary\x00"), 0o644)
	db := filepath.Join(dir, "x.db")
	code, out, errOut := run(t, "ingest", "--db", db, dir)
	if code != 1 { // some inputs failed
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "ingested:   1 articles") || !strings.Contains(out, "junk.bin: binary file") {
		t.Errorf("summary:\n%s", out)
	}
	// Nothing ingested: only junk, or only a path that does not exist.
	for _, p := range []string{filepath.Join(dir, "junk.bin"), filepath.Join(dir, "no-such-dir")} {
		if code, out, _ := run(t, "ingest", "--db", db, p); code != 2 || !strings.Contains(out, "failed:     1") {
			t.Errorf("ingest %s: exit %d, want 2\n%s", p, code, out)
		}
	}
	for _, bad := range []string{"0", "-5", "99999999999999"} {
		if code, _, errOut := run(t, "ingest", "--db", db, "--max-size", bad, dir); code != 2 || !strings.Contains(errOut, "--max-size") {
			t.Errorf("--max-size %s: exit %d %q", bad, code, errOut)
		}
	}
	code, out, _ = run(t, "ingest", "--db", db, filepath.Join(dir, "good.txt"))
	if code != 0 || !strings.Contains(out, "duplicates: 1 documents already stored") {
		t.Errorf("re-ingest: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "failures", "--db", db)
	if code != 0 || !strings.Contains(out, "junk.bin") {
		t.Errorf("failures: exit %d\n%s", code, out)
	}
}

func TestExtractJSON(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "dump.txt")
	os.WriteFile(p, []byte("Drones Hit Depot\n\nBy Jane Roe\n\nDrones hit a fuel depot overnight, the governor said. Firefighters put out the blaze by morning.\n\nSign up to our newsletter.\n"), 0o644)
	code, out, errOut := run(t, "extract", "--json", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got extractJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.Title != "Drones Hit Depot" || got.Author != "Jane Roe" || strings.Contains(got.Text, "newsletter") ||
		len(got.Removed) != 3 || got.Removed[2].Reason != "newsletter" {
		t.Errorf("extract --json = %+v", got)
	}
	code, out, _ = run(t, "extract", p)
	if code != 0 || !strings.HasPrefix(out, "Drones Hit Depot\n\nDrones hit a fuel depot") {
		t.Errorf("extract plain: %q", out)
	}
	// A bad file among good ones: the good one is printed, the bad one named, exit 1.
	os.WriteFile(filepath.Join(dir, "bad.bin"), []byte("\x00\x00\x01"), 0o644)
	code, out, errOut = run(t, "extract", "--json", dir)
	if code != 1 || !strings.Contains(errOut, "bad.bin: binary file") || strings.Count(out, "\n") != 1 {
		t.Errorf("folder with a bad file: exit %d, stderr %q, %d lines", code, errOut, strings.Count(out, "\n"))
	}
}

func TestRedact(t *testing.T) {
	if got := redact("postgres://u:secret@h/db"); strings.Contains(got, "secret") {
		t.Errorf("redact = %q", got)
	}
	if got := redact("my.db"); got != "my.db" {
		t.Errorf("redact(file) = %q", got)
	}
}

func TestBadFlags(t *testing.T) {
	if code, _, errOut := run(t, "serve", "--db", filepath.Join(t.TempDir(), "x.db"), "--addr", "256.0.0.1:1"); code != 1 || !strings.Contains(errOut, "--addr") {
		t.Errorf("serve on a bad address: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, "ingest", "--db", "postgres://nobody@127.0.0.1:1/x?connect_timeout=2", "."); code != 1 || !strings.Contains(errOut, "postgres") {
		t.Errorf("unreachable postgres URL: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, "--log-level", "loud", "failures"); code != 1 || !strings.Contains(errOut, "--log-level") {
		t.Errorf("bad log level: exit %d, %q", code, errOut)
	}
	if code, _, _ := run(t, "ingest"); code != 1 {
		t.Errorf("ingest without paths: exit %d", code)
	}
}

func TestEvalExtractionReferences(t *testing.T) {
	dir := "../../../shared/bench/article-extraction"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("benchmark not found at %s (ships with ../shared; skipping)", dir)
	}
	if testing.Short() {
		t.Skip("runs the extractor over 181 pages")
	}
	code, out, errOut := run(t, "eval", "extraction", "--reference", "go_trafilatura", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "go_trafilatura (reference output)  0.960") {
		t.Errorf("reference row missing:\n%s", out)
	}
	// Our extractor must not lose accuracy against the go-trafilatura it wraps.
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "sitrep ") && !strings.Contains(line, "ms per page") {
			var f1 float64
			if _, err := fmtSscan(strings.Fields(line)[1], &f1); err != nil || f1 < 0.959 {
				t.Errorf("sitrep F1 %v below 0.959: %s", f1, line)
			}
		}
	}
}

func TestEvalNERAndQuotes(t *testing.T) {
	for _, c := range []struct {
		dir  string
		args []string
		want []string
	}{
		{"../../../shared/bench/conll2003", []string{"eval", "ner"}, []string{"overall", "PER", "LOC", "tokens/s"}},
		{"../../../shared/bench/polnear", []string{"eval", "quotes"}, []string{"direct-source", "content", "ms per article"}},
	} {
		if _, err := os.Stat(c.dir); err != nil {
			t.Skipf("%s not found (ships with ../shared; skipping)", c.dir)
		}
		code, out, errOut := run(t, append(c.args, c.dir)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errOut)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v output lacks %q:\n%s", c.args, w, out)
			}
		}
	}
}

func TestEvalClustersDemo(t *testing.T) {
	code, out, errOut := run(t, "eval", "clusters")
	if code != 0 || !strings.Contains(out, "pairwise precision 1.000") {
		t.Errorf("eval clusters: exit %d %s\n%s", code, errOut, out)
	}
}

// eval geo scores a gold file written here and writes predictions that
// the score.py format reads.
func TestEvalGeo(t *testing.T) {
	dir := t.TempDir()
	gold := `[{"id": "d1", "text": "Drones struck Odesa overnight, officials in Kyiv said.", "gold": [
		{"start": 14, "end": 19, "phrase": "Odesa", "lat": 46.48, "lon": 30.73, "type": "PPL"},
		{"start": 43, "end": 47, "phrase": "Kyiv", "lat": 50.45, "lon": 30.52, "type": "PPLC"}]}]`
	path := filepath.Join(dir, "gold.json")
	if err := os.WriteFile(path, []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	pred := filepath.Join(dir, "pred.jsonl")
	code, out, errOut := run(t, "eval", "geo", path, "--predictions", pred)
	if code != 0 || !strings.Contains(out, "geo acc@161 1.000 recall 1.000") {
		t.Fatalf("exit %d: %s\n%s", code, out, errOut)
	}
	b, err := os.ReadFile(pred)
	if err != nil || !strings.Contains(string(b), `"id":"d1"`) || !strings.Contains(string(b), `"start":14,"end":19`) {
		t.Errorf("predictions: %s %v", b, err)
	}
}

// eval timex scores a gold file written here, with its creation date as
// the reference, and writes TIMEX3 values.
func TestEvalTimex(t *testing.T) {
	dir := t.TempDir()
	gold := `[{"id": "d1", "dct": "1998-01-08", "text": "The talks resumed on Tuesday in Geneva.", "gold": [
		{"start": 21, "end": 28, "text": "Tuesday", "type": "DATE", "value": "1998-01-06", "tid": "t1"}]}]`
	path := filepath.Join(dir, "timebank.json")
	if err := os.WriteFile(path, []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	pred := filepath.Join(dir, "pred.jsonl")
	code, out, errOut := run(t, "eval", "timex", path, "--predictions", pred)
	if code != 0 || !strings.Contains(out, "timex value F1 1.000") {
		t.Fatalf("exit %d: %s\n%s", code, out, errOut)
	}
	if b, err := os.ReadFile(pred); err != nil || !strings.Contains(string(b), `"value":"1998-01-06"`) {
		t.Errorf("predictions: %s %v", b, err)
	}
}

func TestReadOnlyCommandsRefuseMissingDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{{"incidents"}, {"articles"}, {"failures"}, {"export"}, {"show", "inc-1"}, {"rebuild"}} {
		code, _, errOut := run(t, append(args, "--db", db)...)
		if code != 2 || !strings.Contains(errOut, "does not exist") {
			t.Errorf("%v on a missing database: exit %d, %q", args, code, errOut)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a read-only command created %s", db)
	}
}

func TestDemoChecksPortFirst(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback:", err)
	}
	defer ln.Close()
	dir := t.TempDir()
	code, out, errOut := run(t, "demo", "--dir", dir, "--addr", ln.Addr().String())
	if code != 1 || !strings.Contains(errOut, "listen on") || strings.Contains(out, "ingested") {
		t.Errorf("demo on a busy port: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "sitrep.db")); err == nil {
		t.Error("demo on a busy port ingested before failing")
	}
}

func TestSafe(t *testing.T) {
	for in, want := range map[string]string{
		"plain/päth.html":         "plain/päth.html",
		"evil\x1b[2J.html":        `evil\x1b[2J.html`,
		"two\nlines.html":         `two\x0alines.html`,
		"rtl\u202egnp.html":       `rtl\u202egnp.html`,
		"tab\there and Кириллица": `tab\x09here and Кириллица`,
	} {
		if got := safe(in); got != want {
			t.Errorf("safe(%q) = %q, want %q", in, got, want)
		}
	}
}
