package runner

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
	"sitrep/internal/synth"
)

// realTemplates ingests the real articles of ../shared/bench (conflict-news
// dev, gva-dev pages) once into a scratch store and returns them annotated:
// the shapes a scale benchmark copies.
func realTemplates(b *testing.B) []model.Article {
	b.Helper()
	var dirs []string
	for _, d := range []string{"conflict-news/dev", "gva-dev/pages"} {
		p := filepath.Join(benchRoot, d)
		if _, err := os.Stat(p); err != nil {
			b.Skipf("real articles not found at %s (ship with ../shared; skipping)", p)
		}
		dirs = append(dirs, p)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "templates.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := Ingest(ctx, st, dirs, IngestOptions{Annotate: true}); err != nil {
		b.Fatal(err)
	}
	arts, err := st.Articles(ctx, store.ArticleFilter{WithAnnotations: true})
	if err != nil {
		b.Fatal(err)
	}
	var out []model.Article
	for _, a := range arts {
		if a.Annotations != nil && len(a.Annotations.Events) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// copiesPerSpan copies share one span of time (scaleOnce), spanApartDeg
// degrees of latitude apart (about 560 km).
const (
	copiesPerSpan = 3
	spanApartDeg  = 5.0
)

// shifted is copy k of a real article: its dates moved by days, each place
// it names moved (a new GeoNames id, name and point) so copies of one
// story cluster with each other and not with the original, and its
// identity made new. What incident building reads keeps its real shape:
// the same sentences, claims, counts and events.
func shifted(a model.Article, k int, days int) model.Article {
	c := a
	c.ID, c.DuplicateOf, c.MinHash = 0, 0, nil
	tag := "#" + strconv.Itoa(k)
	c.Hash, c.TextHash, c.Path = a.Hash+tag, a.TextHash+tag, a.Path+tag
	// By calendar days: a Duration holds only 292 years, and a million
	// copies go further than that (the run failed past 300,000).
	shift := func(t time.Time) time.Time { return t.AddDate(0, 0, days) }
	if !c.Published.IsZero() {
		c.Published = shift(c.Published)
	}
	move := func(l *model.Location) *model.Location {
		if l == nil {
			return nil
		}
		m := *l
		m.Name += tag
		if m.GeoNameID != 0 {
			m.GeoNameID += int64(k) * 100_000_000
		}
		// Copies of one span lie apart by more than the 400 km a region
		// reaches; the small step keeps points of one place distinct.
		m.Lat += float64(k%copiesPerSpan)*spanApartDeg + float64(k%40)*0.01
		m.BBox = nil
		return &m
	}
	an := *a.Annotations
	if !an.Reference.IsZero() {
		an.Reference = shift(an.Reference)
	}
	an.Entities = append([]model.Entity(nil), an.Entities...)
	for i := range an.Entities {
		an.Entities[i].Place = move(an.Entities[i].Place)
	}
	an.Times = append([]model.TimeExpr(nil), an.Times...)
	for i := range an.Times {
		an.Times[i].From, an.Times[i].To = shift(an.Times[i].From), shift(an.Times[i].To)
	}
	an.Events = append([]model.Event(nil), an.Events...)
	for i := range an.Events {
		ev := &an.Events[i]
		ev.Place = move(ev.Place)
		if ev.Dated {
			ev.From, ev.To = shift(ev.From), shift(ev.To)
		}
	}
	an.SitePlace = move(an.SitePlace)
	c.Annotations = &an
	c.Mentions = incident.ArticleMentions(&c)
	return c
}

// BenchmarkScaleRealShaped fills stores of several sizes with copies of the
// real articles (each round of copies in a time span of its own, places
// moved), storing
// them in transactions of 500 and updating their incidents incrementally
// as ingest does, then adds further copies one at a time. It reports, per
// size, the incident work per article during the fill, the p50/p95 of one
// added article (store + incident update) and the heap. Sizes come from
// $SITREP_SCALE (default "10000,100000"); 1,000,000 takes about an hour
// and 15 GB of disk.
//
//	go test ./internal/runner -run XXX -bench ScaleRealShaped -benchtime 1x -timeout 3h
func BenchmarkScaleRealShaped(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if env := os.Getenv("SITREP_SCALE"); env != "" {
		sizes = nil
		for _, f := range strings.Split(env, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				b.Fatalf("SITREP_SCALE: %v", err)
			}
			sizes = append(sizes, n)
		}
	}
	tpl := realTemplates(b)
	b.Logf("%d real articles with events as templates", len(tpl))
	for _, n := range sizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				scaleOnce(b, tpl, n)
			}
		})
	}
}

func scaleOnce(b *testing.B, tpl []model.Article, n int) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "scale.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	// Each round of copies takes a time span of its own, as long as the
	// templates' dates cover: a stream of news is as dense in one month
	// as in the next. (Shifting each round by three days piled the copies
	// into the same years, so each month of the store got denser as it
	// grew, and so did the work of adding a report to it.)
	//
	// Copies share a span copiesPerSpan at a time, each moved far enough
	// north of the others (shifted) that no place of one is near a place
	// of another: a million copies of 1,420 templates one span each ran
	// past the year 9999.
	span := templateSpan(tpl)
	copyOf := func(i int) model.Article {
		k := i / len(tpl)
		return shifted(tpl[i%len(tpl)], k, k/copiesPerSpan*span)
	}
	var update time.Duration
	const batch = 500
	docs := make([][]model.Article, 0, batch)
	for i := 0; i < n; i++ {
		docs = append(docs, []model.Article{copyOf(i)})
		if len(docs) < batch && i < n-1 {
			continue
		}
		if _, err := st.PutDocuments(ctx, docs); err != nil {
			b.Fatal(err)
		}
		docs = docs[:0]
		t0 := time.Now()
		if _, err := UpdatePending(ctx, st, incident.Options{}, nil); err != nil {
			b.Fatal(err)
		}
		update += time.Since(t0)
		if done := i + 1; done%50_000 == 0 {
			// A long run says how it goes (go test shows a benchmark's
			// log only at its end).
			fmt.Fprintf(os.Stderr, "scale %d: %d stored, incident update %.2f ms/article so far, %s\n",
				n, done, float64(update.Microseconds())/float64(done)/1000, time.Now().Format(time.TimeOnly))
		}
	}
	// One at a time, as a live feed brings them.
	var adds []time.Duration
	for i := n; i < n+200; i++ {
		a := copyOf(i)
		t0 := time.Now()
		ids, _, err := st.PutDocument(ctx, []model.Article{a})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := UpdateIncidents(ctx, st, ids, incident.Options{}); err != nil {
			b.Fatal(err)
		}
		adds = append(adds, time.Since(t0))
	}
	sort.Slice(adds, func(i, j int) bool { return adds[i] < adds[j] })
	state, _ := st.IncidentState(ctx)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(update.Microseconds())/float64(n)/1000, "update-ms/article")
	b.ReportMetric(float64(adds[len(adds)/2].Microseconds())/1000, "add-p50-ms")
	b.ReportMetric(float64(adds[len(adds)*95/100].Microseconds())/1000, "add-p95-ms")
	b.ReportMetric(float64(state.Incidents), "incidents")
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heapMB")
}

// templateSpan is the number of days most templates' publication dates
// cover (the 5th to the 95th percentile: a few pages carry dates decades
// off), and a month more.
func templateSpan(tpl []model.Article) int {
	var days []time.Time
	for _, a := range tpl {
		if !a.Published.IsZero() {
			days = append(days, a.Published)
		}
	}
	if len(days) == 0 {
		return 31
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	first, last := days[len(days)*5/100], days[(len(days)-1)*95/100]
	return int(last.Sub(first).Hours()/24) + 31
}

// BenchmarkAddReal1M fills a store with synthetic reports ($SITREP_FILL,
// default 1,000,000) and their incidents, then adds real articles one at a
// time (dated into the filled years, at their own places) and reports the
// p50/p95 of storing one and updating its incidents. $SITREP_KEEP_DB
// names a file to keep the store in (BenchmarkPages100k can then serve it:
// $SITREP_PAGES_DB).
//
//	go test ./internal/runner -run XXX -bench AddReal1M -benchtime 1x -timeout 3h
func BenchmarkAddReal1M(b *testing.B) {
	n := 1_000_000
	if env := os.Getenv("SITREP_FILL"); env != "" {
		var err error
		if n, err = strconv.Atoi(env); err != nil {
			b.Fatalf("SITREP_FILL: %v", err)
		}
	}
	tpl := realTemplates(b)
	ctx := context.Background()
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "fill.db")
		if keep := os.Getenv("SITREP_KEEP_DB"); keep != "" {
			path = keep
		}
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(11, 11))
		t0 := time.Now()
		if err := synth.Fill(ctx, st, n, synth.Places(2000, rng), rng); err != nil {
			b.Fatal(err)
		}
		fill := time.Since(t0)
		t0 = time.Now()
		if _, err := UpdatePending(ctx, st, incident.Options{}, nil); err != nil {
			b.Fatal(err)
		}
		build := time.Since(t0)
		var adds []time.Duration
		for i, a := range tpl {
			if i == 500 {
				break
			}
			// Into the filled years, keeping the article's places.
			days := rng.IntN(synth.Days(n))
			if !a.Published.IsZero() {
				days = int(synth.Start.AddDate(0, 0, days).Sub(a.Published).Hours() / 24)
			}
			c := shifted(a, 0, days)
			c.Hash, c.Path, c.TextHash = fmt.Sprint(a.Hash, "#real", i), fmt.Sprint(a.Path, "#real", i), fmt.Sprint(a.TextHash, "#real", i)
			for j := range c.Annotations.Entities {
				c.Annotations.Entities[j].Place = a.Annotations.Entities[j].Place
			}
			for j := range c.Annotations.Events {
				c.Annotations.Events[j].Place = a.Annotations.Events[j].Place
			}
			c.Mentions = incident.ArticleMentions(&c)
			t1 := time.Now()
			ids, _, err := st.PutDocument(ctx, []model.Article{c})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := UpdateIncidents(ctx, st, ids, incident.Options{}); err != nil {
				b.Fatal(err)
			}
			adds = append(adds, time.Since(t1))
		}
		st.Close()
		sort.Slice(adds, func(i, j int) bool { return adds[i] < adds[j] })
		b.ReportMetric(fill.Seconds(), "fill-s")
		b.ReportMetric(build.Seconds(), "incidents-s")
		b.ReportMetric(float64(adds[len(adds)/2].Microseconds())/1000, "add-p50-ms")
		b.ReportMetric(float64(adds[len(adds)*95/100].Microseconds())/1000, "add-p95-ms")
	}
}

// BenchmarkIngestRealShaped writes $SITREP_INGEST_N (default 10,000) text
// files, copies of the real conflict-news articles with their "Date:" line
// moved three days a copy, and ingests them in one run as `sitrep ingest`
// does (extraction, language stage, incidents). It reports articles per
// second and the peak resident memory of the process (VmHWM), which the
// incident work must keep flat: nothing is rebuilt in memory.
// $SITREP_KEEP_DB names a file to keep the store in, to look into;
// $SITREP_INGEST_FILES names a folder to write the copies to and stop, to
// time `sitrep ingest` itself on them; $SITREP_INGEST_GVA=1 copies the
// gva-dev pages too (gvaTexts).
//
//	SITREP_INGEST_N=100000 go test ./internal/runner -run XXX -bench IngestRealShaped -benchtime 1x -timeout 3h
func BenchmarkIngestRealShaped(b *testing.B) {
	n := 10_000
	if env := os.Getenv("SITREP_INGEST_N"); env != "" {
		var err error
		if n, err = strconv.Atoi(env); err != nil {
			b.Fatalf("SITREP_INGEST_N: %v", err)
		}
	}
	src := filepath.Join(benchRoot, "conflict-news/dev")
	files, _ := filepath.Glob(filepath.Join(src, "*.txt"))
	if len(files) == 0 {
		b.Skipf("real articles not found at %s (ship with ../shared; skipping)", src)
	}
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	if os.Getenv("SITREP_INGEST_GVA") != "" {
		texts = append(texts, gvaTexts(b)...)
	}
	dir := b.TempDir()
	if d := os.Getenv("SITREP_INGEST_FILES"); d != "" {
		dir = d // kept, to time the sitrep binary on them
	}
	for i := 0; i < n; i++ {
		k := i / len(texts)
		text := shiftDateLine(texts[i%len(texts)], 3*k)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%07d.txt", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if os.Getenv("SITREP_INGEST_FILES") != "" {
		b.Skipf("%d copies written to %s", n, dir)
	}
	ctx := context.Background()
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "ingest.db")
		if keep := os.Getenv("SITREP_KEEP_DB"); keep != "" {
			path = keep // to look into afterwards
		}
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		stop := sampleRSS()
		sum, err := Ingest(ctx, st, []string{dir}, IngestOptions{Annotate: true})
		anon, file := stop()
		if err != nil {
			b.Fatal(err)
		}
		el := time.Since(t0)
		// Resident memory is the process's own (anonymous) and the pages of
		// the database file it maps and has read, which the kernel drops
		// when memory is short.
		b.ReportMetric(float64(anon)/(1<<20), "peakAnon-MB")
		b.ReportMetric(float64(file)/(1<<20), "peakFile-MB")
		state, _ := st.IncidentState(ctx)
		st.Close()
		b.ReportMetric(float64(sum.Ingested)/el.Seconds(), "articles/s")
		b.ReportMetric(float64(state.Incidents), "incidents")
		b.ReportMetric(float64(len(sum.Failed)), "failed")
	}
	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peakRSS-MB")
	}
}

// gvaTexts are the gva-dev pages as the bench's text files (URL, Date,
// title, the text sitrep extracts): 1,609 US local reports more to copy
// from ($SITREP_INGEST_GVA), which spread the copies over many more places
// than the 66 conflict-news texts do.
func gvaTexts(b *testing.B) []string {
	b.Helper()
	dir := filepath.Join(benchRoot, "gva-dev/pages")
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "gva.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := Ingest(ctx, st, []string{dir}, IngestOptions{}); err != nil {
		b.Fatal(err)
	}
	arts, err := st.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, a := range arts {
		if a.Published.IsZero() {
			continue
		}
		out = append(out, fmt.Sprintf("URL: %s\nDate: %s\n\n%s\n\n%s\n", a.URL, a.Published.Format("2006-01-02"), a.Title, a.Text))
	}
	return out
}

// shiftDateLine moves the "Date: YYYY-MM-DD" header of a bench text by
// days (a text without one is dated from 1 June 2023, so copies of it do
// not all pile onto one undated place), and makes the copy's text its own.
func shiftDateLine(text string, days int) string {
	lines := strings.SplitN(text, "\n", 4)
	dated := false
	for i, l := range lines {
		if d, ok := strings.CutPrefix(l, "Date: "); ok {
			if t, err := time.Parse("2006-01-02", strings.TrimSpace(d)); err == nil {
				lines[i] = "Date: " + t.AddDate(0, 0, days).Format("2006-01-02")
				dated = true
			}
		}
	}
	out := strings.Join(lines, "\n")
	if head, body, ok := strings.Cut(out, "\n\n"); ok {
		out = head + "\n\n" + shiftTextDates(body, days) // the header's Date line is moved above
	}
	if !dated {
		url, rest, _ := strings.Cut(out, "\n")
		day := time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
		out = url + "\nDate: " + day.Format("2006-01-02") + "\n" + rest
	}
	return out + fmt.Sprintf("\n(%d)\n", days)
}

// textDateRe finds the dates a report writes out, with a year or
// without: "19 August 2023", "August 19, 2023", "Aug. 19", "2023-08-19",
// "19 August".
var textDateRe = regexp.MustCompile(`\b(\d{1,2}(?:st|nd|rd|th)? (?:` + monthWords + `)(?:,? \d{4})?|\d{2}\.\d{2}\.\d{4}|(?:` + monthWords + `|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) \d{1,2}(?:,? \d{4})?|\d{4}-\d{2}-\d{2})\b`)

const monthWords = "January|February|March|April|May|June|July|August|September|October|November|December"

var textDateLayouts = []string{"2 January 2006", "2 January, 2006", "January 2, 2006", "January 2 2006", "Jan. 2, 2006", "Sept. 2, 2006",
	"2006-01-02", "02.01.2006", "2 January", "January 2", "Jan. 2", "Sept. 2"}

var ordinalRe = regexp.MustCompile(`^(\d{1,2})(st|nd|rd|th)`)

// shiftTextDates moves every date written in a report by days, so that a
// copy tells of its own days: copies of a report that names its day
// would otherwise all pile onto one incident, which no real stream does.
// (A date without a year moves within its year's calendar, as a reader
// of the copy would take it.)
func shiftTextDates(text string, days int) string {
	if days == 0 {
		return text
	}
	return textDateRe.ReplaceAllStringFunc(text, func(m string) string {
		if o := ordinalRe.FindStringSubmatch(m); o != nil { // "17th July"
			moved := shiftTextDates(o[1]+m[len(o[0]):], days)
			d, rest, _ := strings.Cut(moved, " ")
			suffix := "th"
			if n, _ := strconv.Atoi(d); n%10 >= 1 && n%10 <= 3 && (n < 11 || n > 13) {
				suffix = []string{"st", "nd", "rd"}[n%10-1]
			}
			return d + suffix + " " + rest
		}
		for _, l := range textDateLayouts {
			if t, err := time.Parse(l, m); err == nil {
				return t.AddDate(0, 0, days).Format(l)
			}
		}
		return m
	})
}

// peakRSS is the process's peak resident memory in bytes (Linux), or 0.
func peakRSS() int64 { return procStatus("VmHWM:") }

// sampleRSS samples the process's anonymous and file-backed resident
// memory every 100 ms until the returned stop is called, which returns
// the peak of each.
//
// With $SITREP_HEAPDIR set, it also writes a heap profile there every
// minute (heap-001.pprof, …), to see what grows: `go tool pprof -base
// heap-001.pprof heap-030.pprof`.
func sampleRSS() (stop func() (anon, file int64)) {
	done := make(chan struct{})
	var peakAnon, peakFile int64
	finished := make(chan struct{})
	dir := os.Getenv("SITREP_HEAPDIR")
	go func() {
		defer close(finished)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		next, n := time.Now().Add(time.Minute), 0
		for {
			peakAnon = max(peakAnon, procStatus("RssAnon:"))
			peakFile = max(peakFile, procStatus("RssFile:"))
			if dir != "" && time.Now().After(next) {
				n++
				next = next.Add(time.Minute)
				if f, err := os.Create(filepath.Join(dir, fmt.Sprintf("heap-%03d.pprof", n))); err == nil {
					pprof.WriteHeapProfile(f)
					f.Close()
				}
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() (int64, int64) {
		close(done)
		<-finished
		return peakAnon, peakFile
	}
}

// procStatus reads a memory line of /proc/self/status in bytes, or 0.
func procStatus(key string) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, key); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func TestShiftTextDates(t *testing.T) {
	if got := shiftDateLine("URL: x\nDate: 2023-08-19\n\nOn 2023-08-19 drones struck.", 3); !strings.Contains(got, "Date: 2023-08-22\n") || !strings.Contains(got, "On 2023-08-22 drones") {
		t.Errorf("shiftDateLine: %q", got)
	}
	in := "Date: 2023-08-19\n\nOn 19 August 2023 a missile hit the theatre; by August 20, 2023 the toll rose. Talks on Sept. 3, 2023."
	got := shiftTextDates(in, 3)
	want := "Date: 2023-08-22\n\nOn 22 August 2023 a missile hit the theatre; by August 23, 2023 the toll rose. Talks on Sept. 6, 2023."
	if got := shiftTextDates("Struck on 3 September and on May 30, on 17th July and on 30.08.2023.", 3); got != "Struck on 6 September and on June 2, on 20th July and on 02.09.2023." {
		t.Errorf("dates without a year: %q", got)
	}
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
