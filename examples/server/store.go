package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/profilekit/profilekit/profile"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// errNotFound is returned for a user ID that is not in the store.
var errNotFound = errors.New("no such user")

// errStale is returned by store.swap when the stored version is no longer the one the caller
// read: someone else wrote in between, and nothing was written.
var errStale = errors.New("stale version")

// user is one row of the users table, with the profile already converted from storage form
// (custom attributes by immutable ID) to representation form (by name).
type user struct {
	ID         string
	Profile    profile.Profile
	Version    int64 // starts at 1, +1 per write; the ETag
	Identities profile.Identities
	UpdatedAt  int64 // Unix seconds of the last write
}

// store keeps users in SQLite. Profiles are stored in storage form (schema.ToStorage) and
// converted back with schema.FromStorage on every read, so renaming a custom attribute in the
// config keeps its data.
type store struct {
	db     *sql.DB
	schema *profile.Schema
}

const createTable = `CREATE TABLE IF NOT EXISTS users (
	id         TEXT PRIMARY KEY,
	profile    TEXT NOT NULL,    -- JSON, storage form (custom attributes keyed by definition ID)
	version    INTEGER NOT NULL, -- optimistic concurrency: every write is a compare-and-swap on it
	identities TEXT NOT NULL,    -- JSON array of {kind, value, verified}
	updated_at INTEGER NOT NULL  -- Unix seconds
)`

// openStore opens (creating if needed) the SQLite database at path. WAL lets readers run
// beside the one writer; busy_timeout makes a writer wait for the lock instead of failing;
// _txlock=immediate takes the write lock at BEGIN, so a transaction never has to upgrade a read
// lock (which SQLite could refuse with SQLITE_BUSY regardless of the timeout).
func openStore(path string, schema *profile.Schema) (*store, error) {
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	if _, err := db.Exec(createTable + ";" + createImageTables); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &store{db: db, schema: schema}, nil
}

func (s *store) Close() error { return s.db.Close() }

// get reads one user. Every read converts the stored profile with FromStorage.
func (s *store) get(ctx context.Context, id string) (user, error) {
	var prof, ids []byte
	u := user{ID: id}
	err := s.db.QueryRowContext(ctx,
		`SELECT profile, version, identities, updated_at FROM users WHERE id = ?`, id).
		Scan(&prof, &u.Version, &ids, &u.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return user{}, errNotFound
	}
	if err != nil {
		return user{}, err
	}
	var st profile.Stored
	if err := json.Unmarshal(prof, &st); err != nil {
		return user{}, fmt.Errorf("user %s: stored profile: %w", id, err)
	}
	// Orphans (values of definitions removed outside the evolution checker) stay in the
	// profile and are written back unchanged; FromStorage lists them.
	u.Profile, _ = s.schema.FromStorage(&st)
	if err := json.Unmarshal(ids, &u.Identities); err != nil {
		return user{}, fmt.Errorf("user %s: stored identities: %w", id, err)
	}
	return u, nil
}

// count returns the number of users.
func (s *store) count(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

// insert adds a user at version 1.
func (s *store) insert(ctx context.Context, u user) error {
	prof, ids, err := s.encode(&u.Profile, u.Identities)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx,
		`INSERT INTO users (id, profile, version, identities, updated_at) VALUES (?, ?, 1, ?, ?)`,
		u.ID, prof, ids, u.UpdatedAt)
	return err
}

// swap writes next as the profile of user id if and only if the stored version is still
// version: a compare-and-swap inside a transaction. It returns the new version, errStale when
// someone else wrote first (nothing is written), or errNotFound.
func (s *store) swap(ctx context.Context, id string, version int64, next *profile.Profile, now int64) (int64, error) {
	prof, err := json.Marshal(s.schema.ToStorage(next))
	if err != nil {
		return 0, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback() }() // a no-op after Commit
	res, err := tx.ExecContext(ctx,
		`UPDATE users SET profile = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		prof, now, id, version)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	if n == 0 {
		var exists int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE id = ?`, id).Scan(&exists)
		if err != nil {
			return 0, err
		}
		if exists == 0 {
			return 0, errNotFound
		}
		return 0, errStale
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return version + 1, nil
}

func (s *store) encode(p *profile.Profile, ids profile.Identities) (prof, idents []byte, err error) {
	if prof, err = json.Marshal(s.schema.ToStorage(p)); err != nil {
		return nil, nil, err
	}
	if ids == nil {
		ids = profile.Identities{}
	}
	if idents, err = json.Marshal(ids); err != nil {
		return nil, nil, err
	}
	return prof, idents, nil
}
