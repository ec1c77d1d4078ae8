package tickets

import (
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// sendMedia sends a ticket's photos (as albums of up to ten), its voice
// notes and its location to chat, captioned in lang. Only for people with
// full access.
func (a *Tickets) sendMedia(tx *storage.Tx, chat int64, lang string, tk storage.Ticket, prio int, now time.Time) error {
	caption := a.Cat.T(lang, "media.photos", tk.ID, len(tk.Photos))
	if err := a.sendPhotos(tx, chat, tk.Photos, caption, prio, now); err != nil {
		return err
	}
	if err := a.sendVoices(tx, chat, lang, tk, tk.Voices, prio, now); err != nil {
		return err
	}
	if tk.Lat == nil || tk.Lon == nil {
		return nil
	}
	p := telegram.SendLocation{ChatID: chat, Latitude: *tk.Lat, Longitude: *tk.Lon}
	_, err := a.Enqueue(tx, storage.OutMsg{ChatID: chat, Method: "sendLocation", Payload: telegram.Marshal(p), Priority: prio}, now)
	return err
}

// sendPhotos sends photos as one photo or albums, the caption on the first.
func (a *Tickets) sendPhotos(tx *storage.Tx, chat int64, photos []string, caption string, prio int, now time.Time) error {
	for start := 0; start < len(photos); start += telegram.MaxAlbum {
		part := photos[start:min(start+telegram.MaxAlbum, len(photos))]
		c := ""
		if start == 0 {
			c = caption
		}
		m := storage.OutMsg{ChatID: chat, Priority: prio}
		if len(part) == 1 {
			m.Method = "sendPhoto"
			m.Payload = telegram.Marshal(telegram.SendPhoto{ChatID: chat, Photo: part[0], Caption: c, ParseMode: "HTML"})
		} else {
			media := make([]telegram.InputMediaPhoto, len(part))
			for i, id := range part {
				media[i] = telegram.InputMediaPhoto{Type: "photo", Media: id}
			}
			media[0].Caption, media[0].ParseMode = c, "HTML"
			m.Method = "sendMediaGroup"
			m.Payload = telegram.Marshal(telegram.SendMediaGroup{ChatID: chat, Media: media})
		}
		if _, err := a.Enqueue(tx, m, now); err != nil {
			return err
		}
	}
	return nil
}

// mediaButton is the Details button that sends a ticket's photos, voice
// notes and location, or nil when it has none.
func (a *Tickets) mediaButton(lang string, tk storage.Ticket) []telegram.Button {
	if len(tk.Photos) == 0 && tk.Lat == nil && tk.ResolutionPhoto == "" && len(tk.Voices) == 0 {
		return nil
	}
	label := a.Cat.T(lang, "button.media")
	if len(tk.Voices) > 0 {
		label = a.Cat.T(lang, "button.media_voice")
	}
	return []telegram.Button{{Text: label, CallbackData: "tk:media:" + core.Itoa(tk.ID)}}
}

// showMedia answers the media button: the photos, the location and the
// resolution photo, to those with full access to the ticket, checked on
// every press.
func (a *Tickets) showMedia(r *core.Req, tk storage.Ticket) error {
	acc, err := a.accessTo(r, tk)
	if err != nil {
		return err
	}
	if acc != accessFull && acc != accessTeam {
		return r.Toast(r.T("ticket.not_yours"))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	if err := a.sendMedia(r.Tx, r.Me.ID, r.Lang, tk, storage.PriorityReply, r.Now); err != nil {
		return err
	}
	if tk.ResolutionPhoto == "" {
		return nil
	}
	return a.sendPhotos(r.Tx, r.Me.ID, []string{tk.ResolutionPhoto}, r.T("media.resolution", tk.ID), storage.PriorityReply, r.Now)
}

// passOnAdded passes a photo or location added to ticket id on.
func (a *Tickets) passOnAdded(r *core.Req, id int64, photo string, lat, lon *float64) error {
	tk, err := r.Tx.Ticket(id)
	if err != nil {
		return err
	}
	return a.passOnAttachment(r, tk, photo, lat, lon)
}

// passOnAttachment sends a photo or location the reporter added after
// filing to those handling the ticket.
func (a *Tickets) passOnAttachment(r *core.Req, tk storage.Ticket, photo string, lat, lon *float64) error {
	people, err := a.handlers(r, tk)
	if err != nil {
		return err
	}
	for _, m := range people {
		lang := a.LangOf(m)
		one := tk
		one.Photos, one.Voices, one.Lat, one.Lon = nil, nil, lat, lon
		if photo != "" {
			one.Photos = []string{photo}
		} else if err := a.Send(r.Tx, m.ID, a.Cat.T(lang, "media.location_added", tk.ID), nil, storage.PriorityReply, r.Now); err != nil {
			return err
		}
		if err := a.sendMedia(r.Tx, m.ID, lang, one, storage.PriorityReply, r.Now); err != nil {
			return err
		}
	}
	return nil
}

// handlers are the reachable people handling a ticket, the reporter
// excepted: its assignee and its building's leaders, or staff when there
// are neither.
func (a *Tickets) handlers(r *core.Req, tk storage.Ticket) ([]storage.Member, error) {
	var out []storage.Member
	add := func(ms []storage.Member) error {
		for _, m := range ms {
			if m.ID == tk.ReporterID || containsMember(out, m.ID) {
				continue
			}
			ok, err := a.Reachable(r.Tx, m)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, m)
			}
		}
		return nil
	}
	if tk.AssigneeID != 0 {
		m, err := r.Tx.Member(tk.AssigneeID)
		if err != nil && !core.IsNotFound(err) {
			return nil, err
		}
		if err == nil {
			if err := add([]storage.Member{m}); err != nil {
				return nil, err
			}
		}
	}
	leaders, err := r.Tx.LeadersOf(tk.Building)
	if err != nil {
		return nil, err
	}
	if err := add(leaders); err != nil {
		return nil, err
	}
	if len(out) > 0 {
		return out, nil
	}
	staff, err := a.Staff(r.Tx)
	if err != nil {
		return nil, err
	}
	return out, add(staff)
}

func containsMember(ms []storage.Member, id int64) bool {
	for _, m := range ms {
		if m.ID == id {
			return true
		}
	}
	return false
}
