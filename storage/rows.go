package storage

import (
	"database/sql"
	"fmt"
	"strings"
)

// scanner is a *sql.Row or *sql.Rows.
type scanner = interface{ Scan(...any) error }

// collect scans every row with scan, closes rows and reports rows.Err().
func collect[T any](rows *sql.Rows, scan func(scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// scanOne scans a row of one column.
func scanOne[T any](sc scanner) (T, error) {
	var v T
	err := sc.Scan(&v)
	return v, err
}

// queryAll runs q and scans every row with scan; what names the query in
// errors.
func queryAll[T any](x txer, what string, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	t := x.base()
	rows, err := t.q.QueryContext(t.ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: %s: %w", what, err)
	}
	out, err := collect(rows, scan)
	if err != nil {
		return nil, fmt.Errorf("storage: %s: %w", what, err)
	}
	return out, nil
}

// placeholders is n comma-separated parameters, for an IN list: "?,?,?".
func placeholders(n int) string {
	return "?" + strings.Repeat(",?", n-1)
}
