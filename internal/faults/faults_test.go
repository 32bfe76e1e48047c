package faults

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sitrep/internal/cli"
	"sitrep/internal/model"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

// memoryBound is the peak memory the suite's run may reach (Go heap in
// use, sampled; RSS where /proc tells it). The worst input is a WARC whose
// body inflates to 64 MB against a 2 MB limit.
const memoryBound = 1 << 30

// markup is what must never be article text: tags of a page.
var markup = regexp.MustCompile(`(?i)<(html|head|body|div|p|style|script|article|nav)[\s>]`)

func TestSuite(t *testing.T) {
	dir := os.Getenv("SITREP_FAULTS_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	in := filepath.Join(dir, "in")
	cases := append(Good(), Hostile(SuiteLimits)...)
	if err := Write(in, cases); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "faults.db")
	args := []string{"ingest", "--db", db, "--max-size", strconv.Itoa(SuiteLimits.MaxSizeMB), "--max-text", strconv.Itoa(SuiteLimits.MaxTextKB), "--max-tags", strconv.Itoa(SuiteLimits.MaxTags),
		"--doc-timeout", "60s", "--workers", "2", in}

	peak := watchMemory(t)
	start := time.Now()
	var out, errb bytes.Buffer
	code := cli.Main(args, &out, &errb)
	elapsed := time.Since(start)
	t.Logf("ingest of %d files: exit %d in %s, peak heap %d MB, peak RSS %d MB", len(cases), code, elapsed.Round(time.Millisecond), peak()>>20, peakRSS()>>20)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (some inputs failed)\n%s\n%s", code, out.String(), errb.String())
	}
	if p := peak(); p > memoryBound {
		t.Errorf("peak heap %d MB, over %d MB", p>>20, memoryBound>>20)
	}
	if strings.Contains(out.String(), "\x1b") || strings.Contains(out.String(), "\u202e") {
		t.Errorf("the summary prints a file name's control characters raw:\n%q", out.String())
	}

	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	checkOutcomes(t, st, in, cases, out.String())

	// A second run stores nothing new, fails the same files, and keeps one
	// failure row per file, counted twice.
	before, _ := st.Failures(context.Background())
	out.Reset()
	if code := cli.Main(args, &out, &errb); code != 1 {
		t.Errorf("second run: exit %d, want 1", code)
	}
	if !strings.Contains(out.String(), "ingested:   0 articles") {
		t.Errorf("second run stored articles again:\n%s", out.String())
	}
	after, _ := st.Failures(context.Background())
	if len(after) != len(before) {
		t.Errorf("failures: %d rows after the first run, %d after the second", len(before), len(after))
	}
	for _, f := range after {
		if f.Count != 2 {
			t.Errorf("failure of %q counted %d times, want 2", f.Path, f.Count)
		}
	}
}

func checkOutcomes(t *testing.T, st store.Store, in string, cases []Case, summary string) {
	ctx := context.Background()
	arts, err := st.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]model.Article{}
	for _, a := range arts {
		file, _, _ := strings.Cut(a.Path, "#")
		byFile[file] = append(byFile[file], a)
		if m := markup.FindString(a.Text); m != "" {
			t.Errorf("%q: markup %q in the article text", a.Path, m)
		}
	}
	fails, err := st.Failures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	failed := map[string]model.Failure{}
	for _, f := range fails {
		file, _, _ := strings.Cut(f.Path, "#")
		failed[file] = f
	}
	for _, c := range cases {
		p := filepath.Join(in, c.Name)
		got := byFile[p]
		switch c.Want {
		case Stored:
			want := max(c.Articles, 1)
			if len(got) != want {
				t.Errorf("%q (%s): %d articles stored, want %d (failure: %q)", c.Name, c.Why, len(got), want, failed[p].Reason)
				continue
			}
			if c.Text != "" && !anyHolds(got, c.Text) {
				t.Errorf("%q (%s): no stored text holds %q; first: %.200q", c.Name, c.Why, c.Text, got[0].Text)
			}
			if c.Not != "" && anyHolds(got, c.Not) {
				t.Errorf("%q (%s): a stored text holds %q", c.Name, c.Why, c.Not)
			}
		case Failed:
			f, ok := failed[p]
			if !ok || !strings.Contains(f.Reason, c.Reason) {
				t.Errorf("%q (%s): failure %+v, want a reason with %q", c.Name, c.Why, f, c.Reason)
			}
			if len(got) > 0 {
				t.Errorf("%q (%s): failed, yet %d articles stored", c.Name, c.Why, len(got))
			}
		case Skipped:
			if len(got) > 0 || failed[p].Path != "" {
				t.Errorf("%q (%s): not skipped (%d articles, failure %q)", c.Name, c.Why, len(got), failed[p].Reason)
			}
		}
	}
	if !strings.Contains(summary, "skipped:    3 files") {
		t.Errorf("the summary does not count the skipped files:\n%s", summary)
	}
}

func anyHolds(arts []model.Article, frag string) bool {
	for _, a := range arts {
		if strings.Contains(a.Text, frag) || strings.Contains(a.Title, frag) {
			return true
		}
	}
	return false
}

// watchMemory samples the heap in use until the test ends and returns a
// func giving the peak so far.
func watchMemory(t *testing.T) func() uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak.Load() {
			peak.Store(ms.HeapInuse)
		}
	}
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				sample()
			}
		}
	}()
	return func() uint64 { sample(); return peak.Load() }
}

// peakRSS is the process's peak resident set (Linux), or 0.
func peakRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
