package runner

import (
	"context"
	"os"
	"runtime/pprof"
	"testing"
	"time"
)

func TestZZProfBlog(t *testing.T) {
	path := os.Getenv("ZZ_BLOG")
	if path == "" {
		t.Skip()
	}
	st := openStore(t)
	f, _ := os.Create("/tmp/h/cpu.out")
	pprof.StartCPUProfile(f)
	time.AfterFunc(60*time.Second, func() { pprof.StopCPUProfile(); f.Close(); os.Exit(3) })
	start := time.Now()
	sum, err := Ingest(context.Background(), st, []string{path}, IngestOptions{Annotate: true})
	pprof.StopCPUProfile()
	t.Log(time.Since(start), err, sum != nil && sum.Interrupted)
}
