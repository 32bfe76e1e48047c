package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Sentence is a tokenised sentence with one label per token (IOB2).
type Sentence struct {
	Words  []string
	Labels []string
}

// Doc is a document: entity labels of its other sentences are context.
type Doc []Sentence

// ReadCoNLL reads a CoNLL-2003 file (TOKEN POS CHUNK NER per line, blank
// lines between sentences, -DOCSTART- between documents).
func ReadCoNLL(path string) ([]Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := ParseCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

// ParseCoNLL is ReadCoNLL on a reader.
func ParseCoNLL(r io.Reader) ([]Doc, error) {
	var docs []Doc
	var doc Doc
	var cur Sentence
	flushSent := func() {
		if len(cur.Words) > 0 {
			doc = append(doc, cur)
			cur = Sentence{}
		}
	}
	flushDoc := func() {
		flushSent()
		if len(doc) > 0 {
			docs = append(docs, doc)
			doc = nil
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			flushSent()
			continue
		}
		if strings.HasPrefix(line, "-DOCSTART-") {
			flushDoc()
			continue
		}
		f := strings.Split(line, " ")
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: want TOKEN … NER, got %q", n, line)
		}
		cur.Words = append(cur.Words, f[0])
		cur.Labels = append(cur.Labels, f[len(f)-1])
	}
	flushDoc()
	return docs, sc.Err()
}

// Span is an entity: tokens [Start, End) of a sentence with a type.
type Span struct {
	Start, End int
	Type       string
}

// Spans decodes IOB2 labels into entity spans. An I- tag that does not
// continue an entity of its type starts a new one, as conlleval does.
func Spans(labels []string) []Span {
	var out []Span
	for i := 0; i < len(labels); i++ {
		l := labels[i]
		if l == "O" || len(l) < 3 {
			continue
		}
		typ := l[2:]
		j := i + 1
		for j < len(labels) && labels[j] == "I-"+typ {
			j++
		}
		out = append(out, Span{i, j, typ})
		i = j - 1
	}
	return out
}
