package web

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// findBrowser returns Chromium's path, or "" when none is installed.
func findBrowser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowserTimelineToEvidence drives a real headless Chromium: from the
// incidents page, click a timeline bar, land on the incident, follow a value
// of the claims matrix to the article, and find the claim highlighted
// there. Screenshots of each page go to $SITREP_SCREENSHOTS when set.
func TestBrowserTimelineToEvidence(t *testing.T) {
	browser := findBrowser()
	if browser == "" {
		t.Skip("no Chromium installed (Debian package chromium; .ci/run installs it); skipping the browser test")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ts, _ := testServer(t)
	// Chromium's helper processes can still be writing to the profile
	// when the browser has been told to quit; t.TempDir would then fail the
	// test in its cleanup. The profile gets a folder of its own, removed
	// with a few retries.
	profile, err := os.MkdirTemp("", "sitrep-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("could not remove the browser profile %s", profile)
	})
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 1000))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	// The protocol library predates some of Chromium's newer event values
	// ("could not unmarshal event"); those events are not used here.
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithErrorf(func(format string, args ...any) {
		if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "could not unmarshal event") {
			t.Logf("chromedp: %s", msg)
		}
	}))
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()

	shots := os.Getenv("SITREP_SCREENSHOTS")
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(85)(ctx, tg)
			if err != nil {
				return err
			}
			if len(buf) < 1000 {
				t.Errorf("screenshot %s is empty", name)
			}
			if shots != "" {
				return os.WriteFile(filepath.Join(shots, name+".jpg"), buf, 0o644)
			}
			return nil
		})
	}
	// Each step either acts (Do) or reads one value (Run), in page order.
	var incidentURL, articleURL, heading string
	var claims, highlighted int
	steps := []func() error{
		func() error {
			return chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`figure.timeline svg`)), shot("incidents"),
				chromedp.Click(chromedp.CSS(`figure.timeline a rect.t-air`)), chromedp.WaitVisible(chromedp.CSS(`table.matrix`)))
		},
		func() (err error) { incidentURL, err = chromedp.Run(ctx, chromedp.Location()); return err },
		func() (err error) { heading, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`h1`))); return err },
		func() error {
			return chromedp.Do(ctx, shot("incident"), chromedp.Click(chromedp.CSS(`table.matrix a.badge`)), chromedp.WaitVisible(chromedp.CSS(`article.text`)))
		},
		func() (err error) { articleURL, err = chromedp.Run(ctx, chromedp.Location()); return err },
		func() (err error) {
			claims, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('article.text span.claim').length`))
			return err
		},
		func() (err error) {
			highlighted, err = chromedp.Run(ctx, chromedp.Evaluate[int](`(function(){var a=document.getElementById(location.hash.slice(1)); return a && a.nextElementSibling && a.nextElementSibling.closest('article.text') ? 1 : 0})()`))
			return err
		},
		func() error { return chromedp.Do(ctx, shot("article")) },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i+1, err)
		}
	}
	if !strings.Contains(incidentURL, "/incidents/inc-") || !strings.Contains(heading, "Air/drone strike") {
		t.Errorf("timeline click led to %s (%q)", incidentURL, heading)
	}
	if !strings.Contains(articleURL, "/articles/") || !strings.Contains(articleURL, "#") {
		t.Errorf("matrix click led to %s", articleURL)
	}
	if claims == 0 || highlighted != 1 {
		t.Errorf("article page: %d highlighted claims, anchor found in the text: %d", claims, highlighted)
	}
	// On a phone (390 px wide) no page scrolls sideways: wide tables and
	// the timeline scroll inside themselves.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{ts.URL + "/", incidentURL, articleURL, ts.URL + "/search?q=drones", ts.URL + "/map", ts.URL + "/nope"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS(`footer.bottom`))); err != nil {
			t.Fatalf("%s at 390 px: %v", u, err)
		}
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if wide > 391 {
			t.Errorf("%s at 390 px is %d px wide", u, wide)
		}
	}
	if err := chromedp.Do(ctx, shot("incidents-390")); err != nil {
		t.Fatal(err)
	}
}
