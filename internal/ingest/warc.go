package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"sitrep/internal/model"
)

// readWARC streams WARC records from r and returns one document per HTML
// response (or resource) record. A truncated file keeps the records read
// before the cut and reports where it stopped; a bad record is skipped and
// reported without stopping the rest.
func readWARC(r io.Reader, meta model.Document, opts Options, emit func(model.Document)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var errs []error
	for n := 1; ; n++ {
		hdr, err := readWARCHeader(br)
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("record %d: %w", n, err))
			break
		}
		length, err := strconv.ParseInt(strings.TrimSpace(hdr.Get("Content-Length")), 10, 64)
		if err != nil || length < 0 {
			errs = append(errs, fmt.Errorf("record %d: bad Content-Length %q", n, hdr.Get("Content-Length")))
			break
		}
		uri := strings.Trim(hdr.Get("WARC-Target-URI"), "<>")
		typ := strings.ToLower(hdr.Get("WARC-Type"))
		if length > opts.maxSize() {
			if _, err := io.CopyN(io.Discard, br, length); err != nil {
				errs = append(errs, fmt.Errorf("record %d (%s): truncated WARC: %w", n, uri, err))
				break
			}
			errs = append(errs, fmt.Errorf("record %d (%s): %w: %s block over the %s limit", n, uri, ErrTooLarge, humanBytes(length), humanBytes(opts.maxSize())))
			continue
		}
		block := make([]byte, length)
		if got, err := io.ReadFull(br, block); err != nil {
			errs = append(errs, fmt.Errorf("record %d (%s): truncated WARC: %d of %d bytes: %w", n, uri, got, length, unwrapEOF(err)))
			break
		}
		if typ != "response" && typ != "resource" {
			continue
		}
		body, ctype, err := warcPayload(typ, hdr.Get("Content-Type"), block, opts.maxSize())
		if err != nil {
			errs = append(errs, fmt.Errorf("record %d (%s): %w", n, uri, err))
			continue
		}
		if body == nil {
			continue // not an HTML page (image, script, redirect…)
		}
		d := meta
		d.Path = fmt.Sprintf("%s#%d", meta.Path, n)
		d.URL = uri
		d.Format, d.BodyKind, d.Body, d.ContentType = model.FormatWARC, "html", body, ctype
		if t, err := time.Parse(time.RFC3339, hdr.Get("WARC-Date")); err == nil {
			d.FileTime = t.UTC()
		}
		emit(d)
	}
	return errors.Join(errs...)
}

func unwrapEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

func readWARCHeader(br *bufio.Reader) (textproto.MIMEHeader, error) {
	// Skip the blank lines that end the previous record.
	var line string
	for {
		l, err := br.ReadString('\n')
		if err != nil {
			if err == io.EOF && strings.TrimSpace(l) == "" {
				return nil, io.EOF
			}
			if err == io.EOF {
				return nil, fmt.Errorf("truncated WARC: header cut short")
			}
			return nil, fmt.Errorf("truncated WARC: %w", unwrapEOF(err))
		}
		if strings.TrimSpace(l) != "" {
			line = strings.TrimSpace(l)
			break
		}
	}
	if !strings.HasPrefix(line, "WARC/") {
		return nil, fmt.Errorf("not a WARC record (starts with %.40q)", line)
	}
	h, err := textproto.NewReader(br).ReadMIMEHeader()
	if err != nil {
		return nil, fmt.Errorf("truncated WARC: record header: %w", unwrapEOF(err))
	}
	return h, nil
}

// warcPayload returns the HTML body of a record, or nil when the record is
// not an HTML page.
func warcPayload(typ, ctype string, block []byte, limit int64) ([]byte, string, error) {
	if typ == "resource" {
		mt, _, _ := mime.ParseMediaType(ctype)
		if mt != "text/html" && mt != "application/xhtml+xml" {
			return nil, "", nil
		}
		return block, ctype, nil
	}
	if !strings.HasPrefix(strings.ToLower(ctype), "application/http") {
		return nil, "", nil
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err != nil {
		return nil, "", fmt.Errorf("bad HTTP response: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", nil
	}
	hct := resp.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(hct); hct != "" && mt != "text/html" && mt != "application/xhtml+xml" {
		return nil, "", nil
	}
	var body io.Reader = resp.Body
	switch strings.ToLower(resp.Header.Get("Content-Encoding")) {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, "", fmt.Errorf("gzip body: %w", err)
		}
		body = zr
	case "deflate":
		body = flate.NewReader(resp.Body)
	case "", "identity":
	default:
		return nil, "", fmt.Errorf("unsupported Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	// A compressed body is read only up to the size limit: a few
	// megabytes of gzip can inflate to gigabytes.
	b, err := readLimit(body, limit, 0)
	if err != nil {
		return nil, "", fmt.Errorf("HTTP body: %w", err)
	}
	if hct == "" && Sniff(b) != KindHTML {
		return nil, "", nil
	}
	return b, hct, nil
}
