package demo

import (
	"bytes"
	"fmt"
)

// BuildWARC writes WARC 1.1 records with correct lengths: a warcinfo record,
// one HTML response per page, and an image response that readers must skip.
func BuildWARC(pages map[string][]byte, order []string) []byte {
	var buf bytes.Buffer
	record := func(typ, uri, ctype string, block []byte, n int) {
		fmt.Fprintf(&buf, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\nWARC-Date: 2024-03-14T09:30:00Z\r\n", typ, n)
		if uri != "" {
			fmt.Fprintf(&buf, "WARC-Target-URI: %s\r\n", uri)
		}
		fmt.Fprintf(&buf, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", ctype, len(block))
		buf.Write(block)
		buf.WriteString("\r\n\r\n")
	}
	record("warcinfo", "", "application/warc-fields", []byte("software: sitrep demo generator\r\nformat: WARC File Format 1.1\r\n"), 1)
	n := 2
	for _, uri := range order {
		body := pages[uri]
		http := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(body))
		record("response", uri, "application/http; msgtype=response", append([]byte(http), body...), n)
		n++
	}
	img := []byte("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 8\r\n\r\n\x89PNG\r\n\x1a\n")
	record("response", "https://odesadaily.example/logo.png", "application/http; msgtype=response", img, n)
	return buf.Bytes()
}
