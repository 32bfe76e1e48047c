// Package demo holds sitrep's sample corpus: invented reports, written for
// this project, in every input format (see README.md). `sitrep demo` and the
// tests ingest it.
package demo

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed corpus
var corpus embed.FS

// Corpus returns the sample files, rooted at the corpus folder.
func Corpus() fs.FS {
	sub, err := fs.Sub(corpus, "corpus")
	if err != nil {
		panic(err) // the embedded folder always exists
	}
	return sub
}

// WriteCorpus copies the sample files into dir (created if needed) and
// returns the folder to ingest.
func WriteCorpus(dir string) (string, error) {
	root := filepath.Join(dir, "corpus")
	err := fs.WalkDir(Corpus(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(root, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(Corpus(), p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		return "", fmt.Errorf("write demo corpus: %w", err)
	}
	return root, nil
}
