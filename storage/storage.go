package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"time"

	_ "github.com/mattn/go-sqlite3" // SQLite driver
)

// ErrNotFound is returned when a row asked for does not exist.
var ErrNotFound = errors.New("not found")

// Storage is the database. All reads and writes go through a Tx.
type Storage struct {
	db     *sql.DB // readers
	wdb    *sql.DB // the one writer
	writer *turns  // whose turn it is to write

	rollback string // the statement that ends a failed write; tests break it
}

// DSN builds the connection string so that every pooled connection gets WAL,
// foreign keys, a busy timeout, full sync, immediate write transactions and
// a cache of prepared statements.
func DSN(path string) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "10000")
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate")
	q.Set("_stmt_cache_size", "128") // reuse prepared statements per connection
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path and applies any
// pending migrations.
func Open(ctx context.Context, path string) (*Storage, error) {
	s, err := OpenNoMigrate(path)
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// OpenNoMigrate opens the database without touching its schema.
//
// There are two pools on the one file: readers, several at a time (WAL lets
// them run beside a writer), and a single writer connection, so write
// transactions queue in Go instead of retrying on SQLITE_BUSY. The busy
// timeout still covers other processes (a backup, an operator's sqlite3).
func OpenNoMigrate(path string) (*Storage, error) {
	// The readers keep a small page cache each (512 KiB, SQLite's default
	// is 2 MiB): there are four of them, and the writer's cache holds what
	// is hot.
	db, err := sql.Open("sqlite3", DSN(path)+"&_cache_size=-512")
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	wdb, err := sql.Open("sqlite3", DSN(path))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	wdb.SetMaxOpenConns(1)
	wdb.SetMaxIdleConns(1)
	wdb.SetConnMaxIdleTime(0)
	// The writer connects first: it is the one that creates the file and
	// switches it to WAL.
	for _, p := range []*sql.DB{wdb, db} {
		if err := p.Ping(); err != nil {
			db.Close()
			wdb.Close()
			return nil, fmt.Errorf("storage: open %s: %w", path, err)
		}
	}
	return &Storage{db: db, wdb: wdb, writer: &turns{}, rollback: "ROLLBACK"}, nil
}

// Close closes the database.
func (s *Storage) Close() error {
	if err := errors.Join(s.db.Close(), s.wdb.Close()); err != nil {
		return fmt.Errorf("storage: close: %w", err)
	}
	return nil
}

// Backup writes a consistent copy of the database to path while it is in use.
func (s *Storage) Backup(ctx context.Context, path string) error {
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("storage: backup to %s: %w", path, err)
	}
	return nil
}

type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Update runs fn in one write transaction, committed when fn returns nil.
//
// It waits for its turn (first come, first served), takes the single
// writer connection and runs BEGIN IMMEDIATE on it. A write, once begun,
// runs to its end: the statements inside do not follow ctx's cancellation
// (which also spares database/sql a watcher goroutine for every query).
func (s *Storage) Update(ctx context.Context, fn func(*Tx) error) error {
	if err := s.writer.take(ctx); err != nil {
		return fmt.Errorf("storage: writer: %w", err)
	}
	defer s.writer.give()
	conn, err := s.wdb.Conn(ctx)
	if err != nil {
		return fmt.Errorf("storage: writer: %w", err)
	}
	defer conn.Close()
	wctx := context.WithoutCancel(ctx)
	if _, err := conn.ExecContext(wctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("storage: begin: %w", err)
	}
	done := false
	tx := newTx(wctx, conn)
	defer func() {
		if !done {
			s.abort(wctx, conn)
			for i := len(tx.undo) - 1; i >= 0; i-- {
				tx.undo[i]()
			}
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	if _, err := conn.ExecContext(wctx, "COMMIT"); err != nil {
		return fmt.Errorf("storage: commit: %w", err)
	}
	done = true
	return nil
}

// abort rolls back the writer's open transaction. If the rollback itself
// fails, the connection may still be inside the transaction: it is thrown
// away (a fresh one is opened for the next write, and closing this one
// ends its transaction) instead of going back to the pool, where every
// later BEGIN would fail.
func (s *Storage) abort(ctx context.Context, conn *sql.Conn) {
	if _, err := conn.ExecContext(ctx, s.rollback); err == nil {
		return
	}
	discard(conn)
}

// discard keeps conn from going back to the pool: it is closed instead,
// which ends whatever transaction it is still inside.
func discard(conn *sql.Conn) {
	conn.Raw(func(any) error { return driver.ErrBadConn })
}

// View runs fn with read access, outside a write transaction. Reads are
// short and, like writes, not cut off by ctx's cancellation.
func (s *Storage) View(ctx context.Context, fn func(*Tx) error) error {
	return fn(newTx(context.WithoutCancel(ctx), s.db))
}

// Read runs fn on one read connection inside a read transaction: every
// read in fn sees the same snapshot, and the writer is not held. For long
// reads (exports) that must not hold up updates.
func (s *Storage) Read(ctx context.Context, fn func(*Tx) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("storage: reader: %w", err)
	}
	defer conn.Close()
	rctx := context.WithoutCancel(ctx)
	// A plain BEGIN is deferred: it takes no write lock, and its snapshot
	// starts at the first read.
	if _, err := conn.ExecContext(rctx, "BEGIN"); err != nil {
		return fmt.Errorf("storage: begin read: %w", err)
	}
	ferr := fn(newTx(rctx, readOnly{conn}))
	if _, err := conn.ExecContext(rctx, "ROLLBACK"); err != nil {
		discard(conn)
		if ferr == nil {
			return fmt.Errorf("storage: end read: %w", err)
		}
	}
	return ferr
}

// readOnly refuses writes on a read connection.
type readOnly struct{ c *sql.Conn }

func (r readOnly) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return nil, fmt.Errorf("storage: write on a read connection: %.40s", q)
}

func (r readOnly) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return r.c.QueryContext(ctx, q, args...)
}

func (r readOnly) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return r.c.QueryRowContext(ctx, q, args...)
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v) }

func nullMS(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64)
}

func msOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

func msOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
