package storage

import (
	"context"
	"fmt"
)

// migrations is the ordered schema history. The database's version is the
// number of steps applied (PRAGMA user_version). A step that has shipped is
// never edited; changes are new steps at the end.
var migrations = []string{
	schemaV1,
	schemaV2,
	schemaV3,
	schemaV4,
	schemaDue,
	schemaTeams,
	schemaLimits,
	schemaAlerts,
	schemaJobs,
	schemaPatrol,
	schemaOps,
	schemaCare,
	schemaStars,
	schemaVoice,
	schemaMediation,
	schemaCalendar,
	schemaPrivdata,
	schemaMeetingEnd,
	schemaRatings,
	schemaOutboxIDs,
	schemaQuiet,
	schemaAgenda,
	schemaProposals,
	schemaPolls,
	schemaServices,
	schemaProposalJobEnd,
}

// Version returns the schema version of the database.
func (s *Storage) Version(ctx context.Context) (int, error) {
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("storage: read schema version: %w", err)
	}
	return v, nil
}

// Migrate applies every pending step, each with its version bump in one
// transaction.
func (s *Storage) Migrate(ctx context.Context) error {
	return s.MigrateTo(ctx, len(migrations))
}

// MigrateTo applies the pending steps up to version target.
func (s *Storage) MigrateTo(ctx context.Context, target int) error {
	cur, err := s.Version(ctx)
	if err != nil {
		return err
	}
	if cur > len(migrations) {
		return fmt.Errorf("storage: the database has schema version %d, newer than this program knows (%d): "+
			"it was upgraded by a newer courtyard; run that version (or newer), or restore a backup taken before the upgrade", cur, len(migrations))
	}
	for v := cur; v < target; v++ {
		err := s.Update(ctx, func(tx *Tx) error {
			if _, err := tx.q.ExecContext(ctx, migrations[v]); err != nil {
				return err
			}
			_, err := tx.q.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("storage: migrate to version %d: %w", v+1, err)
		}
	}
	return nil
}

// Latest is the schema version this program writes.
func Latest() int { return len(migrations) }
