package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress reports long work: a bar on a terminal, a line every few seconds
// (and at the end) otherwise, so logs of unattended runs stay readable.
type progress struct {
	bar      *progressbar.ProgressBar
	w        io.Writer
	label    string
	last     time.Time
	interval time.Duration
}

func newProgress(w io.Writer, total int, label string) *progress {
	p := &progress{w: w, label: label, interval: 5 * time.Second, last: time.Now()}
	if isTerminal(w) && total > 0 {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(label),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("files"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetWidth(30),
		)
	}
	return p
}

// step records done of total.
func (p *progress) step(done, total int) {
	if p.bar != nil {
		p.bar.Set(done)
		return
	}
	if done == total || time.Since(p.last) >= p.interval {
		p.last = time.Now()
		pct := 100.0
		if total > 0 {
			pct = 100 * float64(done) / float64(total)
		}
		fmt.Fprintf(p.w, "%s: %d/%d (%.0f%%)\n", p.label, done, total, pct)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
