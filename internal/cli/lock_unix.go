//go:build unix

package cli

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockWriter takes the writer's lock of a SQLite database (a lock on
// DB.lock beside it) for the length of a command that writes, so that a
// second ingest waits its turn, and says so, instead of failing with
// SQLITE_BUSY in the middle of its run. The returned func releases it.
func (a *app) lockWriter(ctx context.Context) (func(), error) {
	if isPostgres(a.db) || a.db == ":memory:" {
		return func() {}, nil
	}
	path := a.db + ".lock"
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	told := false
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
		}
		if err != syscall.EWOULDBLOCK {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if !told {
			fmt.Fprintf(a.stderr, "sitrep: another sitrep is writing to %s; waiting for it to finish (Ctrl-C to stop)\n", a.db)
			told = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
