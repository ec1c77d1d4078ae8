package commands

// photosFull tells the person, and reports true, when ticket id already
// holds tickets.max_photos photos.
func (a *App) photosFull(r *req, id int64) (bool, error) {
	tk, err := r.tx.Ticket(id)
	if err != nil {
		return false, err
	}
	if len(tk.Photos) < a.cfg.Tickets.MaxPhotos {
		return false, nil
	}
	return true, r.reply(r.t("report.photo_limit", r.n("count.photos", a.cfg.Tickets.MaxPhotos)), nil)
}
