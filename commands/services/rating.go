package services

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// offerRating asks the applicant of ended case c to rate the service.
func (a *Services) offerRating(r *core.Req, c storage.Case) error { return nil }

// rate records the applicant's rating of case c.
func (a *Services) rate(r *core.Req, c storage.Case, level string) error {
	return r.Toast(r.T("error.stale_button"))
}
