package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// goldFile is the gold file of a benchmark: the argument (a file, or a
// folder holding name), else name in the benchmark's folder.
func goldFile(args []string, bench, name string) (string, error) {
	path, err := benchDir(args, bench)
	if err != nil {
		return "", err
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, name)
	}
	return path, nil
}

// predictEach runs predict over n documents with a progress bar and, when
// predPath is set, writes what it returns for each as one JSON line there
// (the format a benchmark's score.py reads). It returns the time the
// predictions took.
func (a *app) predictEach(ctx context.Context, name, predPath string, n int, predict func(i int) (any, error)) (time.Duration, error) {
	var out *bufio.Writer
	if predPath != "" {
		f, err := os.Create(predPath)
		if err != nil {
			return 0, fmt.Errorf("predictions: %w", err)
		}
		defer f.Close()
		out = bufio.NewWriter(f)
	}
	prog := newProgress(a.stderr, n, name)
	start := time.Now()
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		line, err := predict(i)
		if err != nil {
			return 0, err
		}
		if out != nil {
			b, err := json.Marshal(line)
			if err == nil {
				_, err = out.Write(append(b, '\n'))
			}
			if err != nil {
				return 0, fmt.Errorf("predictions %s: %w", predPath, err)
			}
		}
		prog.step(i+1, n)
	}
	prog.finish()
	el := time.Since(start)
	if out != nil {
		if err := out.Flush(); err != nil {
			return 0, fmt.Errorf("predictions %s: %w", predPath, err)
		}
	}
	return el, nil
}
