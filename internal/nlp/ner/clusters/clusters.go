// Package clusters holds sitrep's word classes: every word seen 3 or more
// times in about a million tokens of English news, put in one of 256
// classes by the exchange algorithm (see ./gen, which regenerates the file
// and documents its input). The entity tagger reads a word's class, and
// its neighbours', as features: names that are used alike ("Pirelli said",
// "Ericsson said") share a class even when the training data saw only one.
package clusters

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed clusters.tsv.gz
var file []byte

var (
	once    sync.Once
	classes map[string][]string
)

// Classes returns a word's classes, one per clustering in the file, as
// feature values ("k1024:123"), or nil when the word is not in the list.
func Classes(word string) []string {
	once.Do(load)
	return classes[word]
}

func load() {
	classes = map[string][]string{}
	var sizes []string
	zr, err := gzip.NewReader(bytes.NewReader(file))
	if err != nil {
		panic(fmt.Sprintf("embedded word classes: %v", err)) // a build error, not an input error
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "#classes\t"); ok {
			sizes = strings.Split(rest, "\t")
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != len(sizes)+1 {
			panic(fmt.Sprintf("embedded word classes: bad line %q", line))
		}
		vals := make([]string, len(sizes))
		for i, c := range f[1:] {
			if _, err := strconv.Atoi(c); err != nil {
				panic(fmt.Sprintf("embedded word classes: bad line %q", line))
			}
			vals[i] = "k" + sizes[i] + ":" + c
		}
		classes[f[0]] = vals
	}
	if err := sc.Err(); err != nil {
		panic(fmt.Sprintf("embedded word classes: %v", err))
	}
}
