package storage

import (
	"encoding/json"
	"fmt"
	"time"
)

// AddTicketPhoto appends a photo (a Telegram file_id) to a ticket.
func (t TicketsTx) AddTicketPhoto(id int64, fileID string, now time.Time) error {
	tk, err := t.Ticket(id)
	if err != nil {
		return err
	}
	photos, err := json.Marshal(append(tk.Photos, fileID))
	if err != nil {
		return fmt.Errorf("storage: add photo to ticket %d: %w", id, err)
	}
	if _, err := t.q.ExecContext(t.ctx, `UPDATE tickets SET photos = ?, updated_at = ? WHERE id = ?`, string(photos), ms(now), id); err != nil {
		return fmt.Errorf("storage: add photo to ticket %d: %w", id, err)
	}
	return nil
}

// AddTicketVoice appends a voice note to a ticket.
func (t TicketsTx) AddTicketVoice(id int64, v Voice, now time.Time) error {
	tk, err := t.Ticket(id)
	if err != nil {
		return err
	}
	voices, err := json.Marshal(append(tk.Voices, v))
	if err != nil {
		return fmt.Errorf("storage: add voice to ticket %d: %w", id, err)
	}
	if _, err := t.q.ExecContext(t.ctx, `UPDATE tickets SET voices = ?, updated_at = ? WHERE id = ?`, string(voices), ms(now), id); err != nil {
		return fmt.Errorf("storage: add voice to ticket %d: %w", id, err)
	}
	return nil
}

// SetTicketLocation records where the problem is.
func (t TicketsTx) SetTicketLocation(id int64, lat, lon float64, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE tickets SET lat = ?, lon = ?, updated_at = ? WHERE id = ?`, lat, lon, ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: set location of ticket %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// SetTicketHideName hides (or shows) the reporter's name from neighbours.
func (t TicketsTx) SetTicketHideName(id int64, hide bool, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE tickets SET hide_name = ?, updated_at = ? WHERE id = ?`, boolInt(hide), ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: hide name on ticket %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// ActNote is a sentence the reporter added after filing; it changes no state.
const ActNote TicketAction = "note"

// AddTicketNote records a sentence added to a ticket in its history.
func (t TicketsTx) AddTicketNote(id, actor int64, note string, now time.Time) error {
	tk, err := t.Ticket(id)
	if err != nil {
		return err
	}
	_, err = t.addTicketEvent(TicketEvent{TicketID: id, ActorID: actor, Action: ActNote, From: tk.State, To: tk.State, Note: note, At: now})
	return err
}
