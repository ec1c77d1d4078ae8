package tickets

import "courtyard/commands/core"

// photosFull tells the person, and reports true, when ticket id already
// holds tickets.max_photos photos.
func (a *Tickets) photosFull(r *core.Req, id int64) (bool, error) {
	tk, err := r.Tx.Ticket(id)
	if err != nil {
		return false, err
	}
	if len(tk.Photos) < a.Cfg.Tickets.MaxPhotos {
		return false, nil
	}
	return true, r.Reply(r.T("report.photo_limit", r.N("count.photos", a.Cfg.Tickets.MaxPhotos)), nil)
}
