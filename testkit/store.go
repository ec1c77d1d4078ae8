package testkit

import (
	"context"
	"path/filepath"
	"testing"

	"courtyard/storage"
)

// Store opens a fresh, migrated database in a temp dir, closed when the
// test ends.
func Store(t testing.TB) *storage.Storage {
	t.Helper()
	return StoreAt(t, filepath.Join(t.TempDir(), "test.db"))
}

// StoreAt opens (and migrates) the database at path, closed when the test
// ends.
func StoreAt(t testing.TB, path string) *storage.Storage {
	t.Helper()
	s, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
