package storage

import (
	"errors"
	"time"
)

// DigestTickets are the tickets received or resolved in [from, to), for
// the weekly digest: what came in and what was done, oldest first.
func (t ProposalsTx) DigestTickets(from, to time.Time) ([]Ticket, error) {
	return queryAll(t, "digest tickets", scanTicket, `SELECT `+ticketCols+` FROM tickets
		WHERE (created_at >= ?1 AND created_at < ?2) OR (resolved_at >= ?1 AND resolved_at < ?2) ORDER BY created_at, id`, ms(from), ms(to))
}

// DigestSetting reads one of the digest's settings ("" when never set).
func (t ProposalsTx) DigestSetting(key string) (string, error) {
	v, err := t.kv("digest." + key)
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	return v, err
}

// SetDigestSetting keeps one of the digest's settings.
func (t ProposalsTx) SetDigestSetting(key, value string) error { return t.setKV("digest."+key, value) }
