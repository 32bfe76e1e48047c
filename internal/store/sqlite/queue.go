package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// QueueDB opens a second pool on the store's file for the job queue: one
// connection, as River's SQLite driver asks (its operations run in
// parallel and SQLite allows one writer), with the store's busy timeout so
// that it waits for the store's writer instead of failing.
func (s *Store) QueueDB() (*sql.DB, error) {
	db, err := openDB(s.path, s.cfg)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// incidents serialises incident updates within the process; a second
// process cannot write the file at the same time (the CLI's writer lock).
var incidents sync.Mutex

// LockIncidents waits for the right to update incidents.
func (s *Store) LockIncidents(ctx context.Context) (func(), error) {
	incidents.Lock()
	return incidents.Unlock, nil
}
