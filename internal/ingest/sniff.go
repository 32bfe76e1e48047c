// Package ingest reads files and folders into documents. Each reader turns
// one input into 0..N documents; formats are sniffed from content, not from
// the file name alone.
package ingest

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// Kind is a sniffed input format.
type Kind string

// Sniffed kinds.
const (
	KindHTML     Kind = "html"
	KindText     Kind = "text"
	KindWARC     Kind = "warc"
	KindFeed     Kind = "feed"
	KindTelegram Kind = "telegram"
	KindGzip     Kind = "gzip"
	KindBinary   Kind = "binary"
	KindEmpty    Kind = "empty"
	KindData     Kind = "data" // JSON that is not a Telegram export
)

var binaryMagic = [][]byte{
	[]byte("%PDF"), []byte("PK\x03\x04"), []byte("\x89PNG"), []byte("\xff\xd8\xff"), []byte("GIF8"),
	[]byte("\x7fELF"), []byte("BZh"), []byte("\xfd7zXZ"), []byte("Rar!"), []byte("SQLite format 3"),
	[]byte("\x28\xb5\x2f\xfd"), []byte("MZ"), []byte("OggS"), []byte("ID3"), []byte("RIFF"),
}

// Sniff guesses the format of b from its first bytes. name is the file name;
// it only breaks ties (a .json file that is not a Telegram export is binary
// to us, a .txt file full of tags is still HTML).
func Sniff(b []byte) Kind {
	head := b
	if len(head) > 8192 {
		head = head[:8192]
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return KindEmpty
	}
	if bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
		return KindGzip
	}
	if u := fromUTF16(head); len(u) != len(head) || !bytes.Equal(u, head) {
		return Sniff(u) // a UTF-16 page or export reads as its UTF-8 text
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(head, m) {
			return KindBinary
		}
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(t, []byte("WARC/")) {
		return KindWARC
	}
	if looksBinary(head) {
		return KindBinary
	}
	low := bytes.ToLower(t)
	if bytes.HasPrefix(low, []byte("{")) {
		if bytes.Contains(low, []byte(`"messages"`)) || bytes.Contains(low, []byte(`_channel"`)) || bytes.Contains(low, []byte(`"type": "personal_chat"`)) {
			return KindTelegram
		}
		return KindData
	}
	if bytes.HasPrefix(low, []byte("[")) && jsonArray(t) {
		return KindData
	}
	if bytes.HasPrefix(low, []byte("<?xml")) || bytes.HasPrefix(low, []byte("<rss")) || bytes.HasPrefix(low, []byte("<feed")) || bytes.HasPrefix(low, []byte("<rdf:rdf")) {
		if bytes.Contains(low, []byte("<rss")) || bytes.Contains(low, []byte("<feed")) || bytes.Contains(low, []byte("<rdf:rdf")) {
			return KindFeed
		}
		if bytes.Contains(low, []byte("<html")) {
			return KindHTML
		}
	}
	if bytes.HasPrefix(low, []byte("<!doctype html")) || bytes.HasPrefix(low, []byte("<html")) || htmlMarkup(low) {
		return KindHTML
	}
	// A page may open with a long <style> or <script> block, or comments,
	// before any of its markup: a text that opens with a tag is HTML when
	// its markup shows further on.
	if opensWithTag(t) && htmlMarkup(bytes.ToLower(b[:min(len(b), markupScan)])) {
		return KindHTML
	}
	return KindText
}

// jsonArray: a text that opens like a JSON array of objects, strings or
// numbers ("[{", "[\"", "[1"), not a bracketed headline ("[Updated] …").
func jsonArray(t []byte) bool {
	rest := bytes.TrimLeft(t[1:], " \t\r\n")
	return len(rest) > 0 && (rest[0] == '{' || rest[0] == '"' || rest[0] == ']' || rest[0] >= '0' && rest[0] <= '9')
}

// markupScan is how far into a document that opens with a tag Sniff looks
// for its markup.
const markupScan = 1 << 20

// htmlMarkup reports the body or head of an HTML page, or paragraphs and
// blocks, in lower-cased text.
func htmlMarkup(low []byte) bool {
	return bytes.Contains(low, []byte("<body")) || bytes.Contains(low, []byte("<head")) ||
		bytes.Count(low, []byte("</p>"))+bytes.Count(low, []byte("</div>")) >= 3
}

// opensWithTag: a tag, a closing tag or a comment ("<style>", "</div>",
// "<!-- … -->") first.
func opensWithTag(t []byte) bool {
	if len(t) < 2 || t[0] != '<' {
		return false
	}
	c := t[1]
	return c == '!' || c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// looksBinary: NUL bytes, or a high share of control characters, in a text
// that is not valid UTF-8 or UTF-16.
func looksBinary(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return false // UTF-16 with BOM
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctrl++
		}
	}
	if ctrl*100 > len(b) {
		return true
	}
	if !utf8.Valid(trimPartialRune(b)) {
		// Legacy 8-bit encodings are fine; random bytes have many C1 controls
		// and invalid sequences at once.
		bad := 0
		for len(b) > 0 {
			r, n := utf8.DecodeRune(b)
			if r == utf8.RuneError && n == 1 {
				bad++
			}
			b = b[n:]
		}
		return bad*3 > len(b)+bad && ctrl > 0
	}
	return false
}

func trimPartialRune(b []byte) []byte {
	for i := 0; i < 3 && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}

// fromUTF16 turns a text that opens with a UTF-16 byte-order mark into
// UTF-8 (with a UTF-8 mark, so that later decoding still knows); other
// texts are returned as they are.
func fromUTF16(b []byte) []byte {
	if !bytes.HasPrefix(b, []byte{0xff, 0xfe}) && !bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return b
	}
	if len(b)%2 == 1 {
		b = b[:len(b)-1] // a cut file: drop the half character
	}
	out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(b)
	if err != nil {
		return b
	}
	return append([]byte("\xef\xbb\xbf"), bytes.TrimPrefix(out, []byte("\xef\xbb\xbf"))...)
}
