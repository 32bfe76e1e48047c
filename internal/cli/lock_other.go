//go:build !unix

package cli

import "context"

// lockWriter: without flock, concurrent writers rely on SQLite's own busy
// timeout.
func (a *app) lockWriter(ctx context.Context) (func(), error) { return func() {}, nil }
