package ingest

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// UserAgent is what `watch` says it is by default; robots.txt groups are
// matched on its first word, "sitrep".
const UserAgent = "sitrep/1 (news monitoring for situation reports; operators add a contact with --user-agent)"

// Politeness defaults: a host gets one request at a time, at most one a
// second, and robots.txt is read again after a day.
const (
	DefaultHostInterval = time.Second
	DefaultFetchTimeout = 30 * time.Second
	maxRedirects        = 5
	robotsTTL           = 24 * time.Hour
)

// Fetcher makes polite HTTP GETs: one request at a time per host, spaced
// by HostInterval (or the host's Crawl-delay when longer), robots.txt
// honoured, conditional requests, bounded size, time and redirects, and
// every response kept in the WARC writer when there is one.
type Fetcher struct {
	Client       *http.Client // nil: one with DefaultFetchTimeout and bounded redirects
	UserAgent    string       // "" means UserAgent
	HostInterval time.Duration
	MaxSize      int64 // bytes of a body; 0 means DefaultMaxSize
	WARC         *WARCWriter

	once  sync.Once
	mu    sync.Mutex
	hosts map[string]*host
}

type host struct {
	turn     chan struct{} // one request at a time
	next     time.Time     // earliest start of the next request
	robots   *robotsRules
	robotsAt time.Time
}

// Request is one GET, with what the last response said for conditional
// requests.
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Response is what a GET gave. Body is decoded (Content-Encoding undone)
// and is nil on 304.
type Response struct {
	URL          string // after redirects
	Status       int
	NotModified  bool
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	Capture      Capture
	At           time.Time
}

// FetchError is a failed GET: the status (0 when no response came), how
// long the server asked to wait, and whether trying again later can help.
type FetchError struct {
	URL        string
	Status     int
	RetryAfter time.Duration
	Temporary  bool
	Err        error
}

func (e *FetchError) Error() string {
	msg := e.URL + ": "
	if e.Status != 0 {
		msg += "HTTP " + strconv.Itoa(e.Status)
		if e.Err != nil {
			msg += ": "
		}
	}
	if e.Err != nil {
		msg += e.Err.Error()
	}
	return msg
}

func (e *FetchError) Unwrap() error { return e.Err }

// ErrRobots is the reason a URL robots.txt forbids was not fetched.
var ErrRobots = errors.New("disallowed by robots.txt")

func (f *Fetcher) init() {
	f.once.Do(func() {
		f.hosts = map[string]*host{}
		if f.Client == nil {
			f.Client = &http.Client{Timeout: DefaultFetchTimeout}
		}
		if f.Client.CheckRedirect == nil {
			f.Client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
				if len(via) >= maxRedirects {
					return fmt.Errorf("more than %d redirects", maxRedirects)
				}
				return nil
			}
		}
	})
}

func (f *Fetcher) agent() string {
	if f.UserAgent == "" {
		return UserAgent
	}
	return f.UserAgent
}

func (f *Fetcher) interval() time.Duration {
	if f.HostInterval <= 0 {
		return DefaultHostInterval
	}
	return f.HostInterval
}

func (f *Fetcher) maxSize() int64 {
	if f.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return f.MaxSize
}

func (f *Fetcher) host(name string) *host {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.hosts[name]
	if h == nil {
		h = &host{turn: make(chan struct{}, 1)}
		f.hosts[name] = h
	}
	return h
}

// Fetch GETs one URL politely. It waits for the host's turn (ctx ends the
// wait), checks robots.txt, and returns the response or a *FetchError.
func (f *Fetcher) Fetch(ctx context.Context, r Request) (*Response, error) {
	f.init()
	u, err := url.Parse(r.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &FetchError{URL: r.URL, Err: fmt.Errorf("not an http(s) URL")}
	}
	h := f.host(u.Host)
	if err := f.acquire(ctx, h); err != nil {
		return nil, err
	}
	defer func() { <-h.turn }()
	rules, err := f.robotsOf(ctx, h, u)
	if err != nil {
		return nil, err
	}
	if !rules.allowed(u.EscapedPath() + queryPart(u)) {
		return nil, &FetchError{URL: r.URL, Err: ErrRobots}
	}
	if rules.delay > f.interval() {
		h.next = h.next.Add(rules.delay - f.interval())
	}
	// robots.txt may just have been read: its request took this
	// host's slot.
	if err := wait(ctx, time.Until(h.next)); err != nil {
		return nil, err
	}
	resp, err := f.get(ctx, r)
	// The interval runs from the end of a request, so a slow answer
	// cannot bring two requests closer than it at the server.
	h.next = time.Now().Add(f.interval())
	return resp, err
}

func queryPart(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	return "?" + u.RawQuery
}

// acquire takes the host's turn and waits until its next slot.
func (f *Fetcher) acquire(ctx context.Context, h *host) error {
	select {
	case h.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := wait(ctx, time.Until(h.next)); err != nil {
		<-h.turn
		return err
	}
	return nil
}

func wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// get makes the request (the host's turn held) and keeps the exchange.
func (f *Fetcher) get(ctx context.Context, r Request) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.URL, nil)
	if err != nil {
		return nil, &FetchError{URL: r.URL, Err: err}
	}
	req.Header.Set("User-Agent", f.agent())
	// Asked for by hand, so the client hands the body over as served and
	// the WARC keeps it compressed; it is decoded here.
	req.Header.Set("Accept-Encoding", "gzip")
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	var ip string
	req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(c httptrace.GotConnInfo) {
			if a, ok := c.Conn.RemoteAddr().(*net.TCPAddr); ok {
				ip = a.IP.String()
			}
		},
	}))
	resp, err := f.Client.Do(req)
	if err != nil {
		return nil, &FetchError{URL: r.URL, Temporary: true, Err: err}
	}
	defer resp.Body.Close()
	raw, err := readLimit(resp.Body, f.maxSize(), resp.ContentLength)
	if err != nil {
		temp := !errors.Is(err, ErrTooLarge)
		return nil, &FetchError{URL: r.URL, Status: resp.StatusCode, Temporary: temp, Err: err}
	}
	out := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, At: time.Now().UTC(),
		ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if f.WARC != nil {
		out.Capture, err = f.WARC.Write(Exchange{Request: resp.Request, Response: resp, Body: raw, IP: ip, At: out.At})
		if err != nil {
			return nil, fmt.Errorf("keep %s: %w", r.URL, err) // not a FetchError: the evidence store failed
		}
	}
	return out, f.settle(out, resp, raw, r.URL)
}

// settle reads the status and decodes the body.
func (f *Fetcher) settle(out *Response, resp *http.Response, raw []byte, asked string) error {
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return &FetchError{URL: asked, Status: resp.StatusCode, Temporary: true, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), out.At)}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return &FetchError{URL: asked, Status: resp.StatusCode, Temporary: resp.StatusCode == http.StatusRequestTimeout}
	}
	body, err := decodeBody(raw, resp.Header.Get("Content-Encoding"), f.maxSize())
	if err != nil {
		return &FetchError{URL: asked, Status: resp.StatusCode, Err: err}
	}
	out.Body = body
	return nil
}

// decodeBody undoes a gzip or deflate Content-Encoding within the limit.
func decodeBody(raw []byte, enc string, limit int64) ([]byte, error) {
	var r io.Reader
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "", "identity":
		return raw, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		r = zr
	case "deflate":
		r = flate.NewReader(bytes.NewReader(raw))
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	return readLimit(r, limit, int64(len(raw))*4)
}

// retryAfter reads a Retry-After of seconds or an HTTP date; 0 when absent
// or unreadable. A day is the most it is believed.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		d = time.Duration(s) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), 24*time.Hour)
}

// Backoff is how long to leave a source alone after its fails-th failure
// in a row: base doubled each time, capped, with ±25 % jitter so sources
// that failed together do not come back together; a server's Retry-After
// wins when longer.
func Backoff(fails int, base, cap, retry time.Duration) time.Duration {
	d := base
	for i := 1; i < fails && d < cap; i++ {
		d *= 2
	}
	d = min(d, cap)
	d = time.Duration(float64(d) * (0.75 + rand.Float64()/2))
	return max(d, retry)
}

// robotsOf returns the host's rules, reading robots.txt when they are
// missing or a day old. The read takes the host's turn like any request.
func (f *Fetcher) robotsOf(ctx context.Context, h *host, u *url.URL) (*robotsRules, error) {
	if h.robots != nil && time.Since(h.robotsAt) < robotsTTL {
		return h.robots, nil
	}
	if err := wait(ctx, time.Until(h.next)); err != nil {
		return nil, err
	}
	ru := url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	resp, err := f.get(ctx, Request{URL: ru.String()})
	h.next = time.Now().Add(f.interval())
	var fe *FetchError
	switch {
	case err == nil:
		h.robots = parseRobots(resp.Body, f.agent())
	case errors.As(err, &fe) && fe.Status >= 400 && fe.Status < 500:
		h.robots = &robotsRules{} // no robots.txt: everything allowed (RFC 9309 §2.3.1.3)
	case errors.As(err, &fe):
		// Unreachable or a server error: assume everything is disallowed
		// for now (RFC 9309 §2.3.1.4), and ask again at the next fetch.
		return nil, &FetchError{URL: u.String(), Status: fe.Status, Temporary: true, RetryAfter: fe.RetryAfter,
			Err: fmt.Errorf("robots.txt unavailable: %w", fe)}
	default:
		return nil, err
	}
	h.robotsAt = time.Now()
	return h.robots, nil
}
