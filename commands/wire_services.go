package commands

import (
	"time"

	"courtyard/storage"
)

// What the playground's demo community seeds of the services desk.

// PlanBooking books a seat of an office-hour slot for member, with its
// reminders; it returns the booking's id.
func (a *App) PlanBooking(tx *storage.Tx, member int64, service string, at time.Time, place int, now time.Time) (int64, error) {
	return a.services.PlanBooking(tx, member, service, at, place, now)
}

// FileCase stores an application with its document photos and lays out
// its overdue alert; it returns the case's id.
func (a *App) FileCase(tx *storage.Tx, c storage.Case, docs []string, now time.Time) (int64, error) {
	return a.services.FileCase(tx, c, docs, now)
}

// PostNotice posts a public notice to chats with its objection button and
// lays out its end; it returns the notice's id.
func (a *App) PostNotice(tx *storage.Tx, n storage.Notice, chats []storage.Chat, now time.Time) (int64, error) {
	return a.services.PostNotice(tx, n, chats, now)
}
