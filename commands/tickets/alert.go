package tickets

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// AlertNewTicket sends the new ticket tk to its building's leaders, or to
// staff when no leader can be reached, and says in r's language whom it
// reached: care files a visit's note this way.
func (a *Tickets) AlertNewTicket(r *core.Req, tk storage.Ticket) (string, error) {
	told, err := a.AlertLeaders(r, tk, 0, "ticket.new")
	if err != nil {
		return "", err
	}
	return a.ToldLine(r.Lang, told), nil
}
