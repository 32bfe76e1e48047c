package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultWARCSize is the size past which a WARC file is closed and the next
// one started. A gigabyte is what crawlers use (Heritrix, wget): large
// enough that a folder holds few files, small enough to copy and check.
const DefaultWARCSize = 1 << 30

// WARCWriter keeps every HTTP exchange `watch` makes as WARC/1.1 request
// and response records, so what a page said can be shown later exactly as
// it was served. Each record is its own gzip member and is written with one
// write and synced before its pointer is handed out: a file cut short by a
// crash reads to its last complete record, and a pointer never names a
// record that is not on disk. A writer never appends to a file it did not
// start: each run begins a new file.
type WARCWriter struct {
	Dir      string
	MaxBytes int64  // 0 means DefaultWARCSize
	Software string // written in each file's warcinfo record

	mu   sync.Mutex
	f    *os.File
	name string
	size int64
	seq  int
}

// Capture points at one response record: the WARC file (relative to the
// writer's folder) and the byte offset of the record's gzip member.
type Capture struct {
	File   string
	Offset int64
}

// String is the pointer as stored with an article: "FILE@OFFSET".
func (c Capture) String() string {
	if c.File == "" {
		return ""
	}
	return c.File + "@" + strconv.FormatInt(c.Offset, 10)
}

// ParseCapture reads what Capture.String wrote.
func ParseCapture(s string) (Capture, error) {
	i := strings.LastIndexByte(s, '@')
	if i <= 0 {
		return Capture{}, fmt.Errorf("capture %q: want FILE@OFFSET", s)
	}
	off, err := strconv.ParseInt(s[i+1:], 10, 64)
	if err != nil || off < 0 {
		return Capture{}, fmt.Errorf("capture %q: bad offset", s)
	}
	return Capture{File: s[:i], Offset: off}, nil
}

// Exchange is one request and the response it got, as they went over the
// wire except for what Go's HTTP client undoes: a chunked body is kept
// whole (its Transfer-Encoding dropped and its length given), a compressed
// body is kept compressed with its Content-Encoding.
type Exchange struct {
	Request  *http.Request
	Response *http.Response
	Body     []byte // the response body as received
	IP       string // the server's address, when known
	At       time.Time
}

// Write appends the exchange as a request and a response record and
// returns where the response record starts.
func (w *WARCWriter) Write(x Exchange) (Capture, error) {
	if x.At.IsZero() {
		x.At = time.Now()
	}
	respID := recordID()
	var reqBlock, respBlock bytes.Buffer
	writeRequestHead(&reqBlock, x.Request)
	writeResponseHead(&respBlock, x.Response, len(x.Body))
	respBlock.Write(x.Body)
	uri := x.Request.URL.String()
	date := x.At.UTC().Format(time.RFC3339)
	reqRec := warcRecord("request", uri, date, recordID(), "application/http;msgtype=request", reqBlock.Bytes(),
		[][2]string{{"WARC-Concurrent-To", respID}, {"WARC-IP-Address", x.IP}})
	respRec := warcRecord("response", uri, date, respID, "application/http;msgtype=response", respBlock.Bytes(),
		[][2]string{{"WARC-IP-Address", x.IP}, {"WARC-Payload-Digest", digest(x.Body)}})

	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.open(x.At, len(reqRec)+len(respRec)); err != nil {
		return Capture{}, err
	}
	if err := w.append(reqRec); err != nil {
		return Capture{}, err
	}
	c := Capture{File: w.name, Offset: w.size}
	if err := w.append(respRec); err != nil {
		return Capture{}, err
	}
	if err := w.f.Sync(); err != nil {
		return Capture{}, fmt.Errorf("warc %s: sync: %w", w.name, err)
	}
	return c, nil
}

// Close closes the current file.
func (w *WARCWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	return err
}

// open starts a file when there is none or the next records would take the
// current one past its size.
func (w *WARCWriter) open(at time.Time, next int) error {
	max := w.MaxBytes
	if max <= 0 {
		max = DefaultWARCSize
	}
	if w.f != nil && w.size+int64(next) <= max {
		return nil
	}
	if w.f != nil {
		if err := w.f.Close(); err != nil {
			return fmt.Errorf("warc %s: %w", w.name, err)
		}
		w.f = nil
	}
	if err := os.MkdirAll(w.Dir, 0o755); err != nil {
		return fmt.Errorf("warc folder: %w", err)
	}
	for {
		w.seq++
		name := fmt.Sprintf("sitrep-%s-%05d.warc.gz", at.UTC().Format("20060102T150405Z"), w.seq)
		f, err := os.OpenFile(filepath.Join(w.Dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue // a file of this second exists (another run): take the next number
		}
		if err != nil {
			return fmt.Errorf("warc: %w", err)
		}
		w.f, w.name, w.size = f, name, 0
		break
	}
	info := fmt.Sprintf("software: %s\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n", w.software())
	rec := warcRecord("warcinfo", "", at.UTC().Format(time.RFC3339), recordID(), "application/warc-fields", []byte(info),
		[][2]string{{"WARC-Filename", w.name}})
	return w.append(rec)
}

func (w *WARCWriter) software() string {
	if w.Software == "" {
		return "sitrep"
	}
	return w.Software
}

// append writes one gzip member in one write.
func (w *WARCWriter) append(rec []byte) error {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(rec)
	if err := zw.Close(); err != nil {
		return err
	}
	n, err := w.f.Write(buf.Bytes())
	w.size += int64(n)
	if err != nil {
		return fmt.Errorf("warc %s: %w", w.name, err)
	}
	return nil
}

// warcRecord is one uncompressed record: version line, fields, block and
// the two line ends that close it.
func warcRecord(typ, uri, date, id, ctype string, block []byte, extra [][2]string) []byte {
	var b bytes.Buffer
	b.WriteString("WARC/1.1\r\n")
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\r\n", k, v)
		}
	}
	field("WARC-Type", typ)
	field("WARC-Record-ID", id)
	field("WARC-Date", date)
	field("WARC-Target-URI", uri)
	for _, kv := range extra {
		field(kv[0], kv[1])
	}
	field("WARC-Block-Digest", digest(block))
	field("Content-Type", ctype)
	field("Content-Length", strconv.Itoa(len(block)))
	b.WriteString("\r\n")
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func writeRequestHead(b *bytes.Buffer, r *http.Request) {
	fmt.Fprintf(b, "%s %s HTTP/1.1\r\n", r.Method, r.URL.RequestURI())
	fmt.Fprintf(b, "Host: %s\r\n", r.URL.Host)
	writeHeader(b, r.Header, nil)
	b.WriteString("\r\n")
}

func writeResponseHead(b *bytes.Buffer, r *http.Response, n int) {
	proto := r.Proto
	if proto == "" {
		proto = "HTTP/1.1"
	}
	fmt.Fprintf(b, "%s %s\r\n", proto, r.Status)
	writeHeader(b, r.Header, map[string]bool{"Transfer-Encoding": true, "Content-Length": true})
	fmt.Fprintf(b, "Content-Length: %d\r\n\r\n", n)
}

// writeHeader writes fields sorted by name, so a record is the same
// whatever order a map gave.
func writeHeader(b *bytes.Buffer, h http.Header, skip map[string]bool) {
	keys := make([]string, 0, len(h))
	for k := range h {
		if !skip[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			fmt.Fprintf(b, "%s: %s\r\n", k, strings.NewReplacer("\r", " ", "\n", " ").Replace(v))
		}
	}
}

func digest(b []byte) string {
	sum := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

func recordID() string {
	var u [16]byte
	rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", u[0:4], u[4:6], u[6:8], u[8:10], u[10:])
}

// ReadCapture reads the response record a capture points at and returns
// its HTTP response block (status line, headers, body as served).
func ReadCapture(dir string, c Capture) ([]byte, error) {
	if c.File == "" || strings.ContainsAny(c.File, `/\`) || c.File == ".." {
		return nil, fmt.Errorf("capture %q: not a file of the WARC folder", c.File)
	}
	f, err := os.Open(filepath.Join(dir, c.File))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.Seek(c.Offset, io.SeekStart); err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("capture %s: %w", c, err)
	}
	zr.Multistream(false)
	br := bufio.NewReader(zr)
	hdr, err := readWARCHeader(br)
	if err != nil {
		return nil, fmt.Errorf("capture %s: %w", c, err)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(hdr.Get("Content-Length")), 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("capture %s: bad Content-Length", c)
	}
	block := make([]byte, n)
	if _, err := io.ReadFull(br, block); err != nil {
		return nil, fmt.Errorf("capture %s: %w", c, unwrapEOF(err))
	}
	return block, nil
}
