package mediation

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// kindFollowUp is the timed work that reminds a mediator of a follow-up.
const kindFollowUp = "mediation.followup"

// followHour is the hour of the follow-up day the reminder comes.
const followHour = 9

type followData struct {
	Dispute int64 `json:"dispute"`
}

// scheduleFollowUp lays out (or moves) the reminder of dispute id for day.
func (a *Mediation) scheduleFollowUp(r *core.Req, id int64, day time.Time) error {
	at := day.Add(followHour * time.Hour)
	if at.Before(r.Now) {
		at = r.Now
	}
	raw, err := json.Marshal(followData{Dispute: id})
	if err != nil {
		return fmt.Errorf("mediation follow-up %d: %w", id, err)
	}
	_, err = r.Tx.ScheduleDue(storage.DueItem{Kind: kindFollowUp, Key: core.Itoa(id), DueAt: at, Until: at.Add(7 * 24 * time.Hour), Data: string(raw)}, r.Now)
	return err
}

// remindFollowUp tells the record's mediator, in private, that its
// follow-up is due; staff when the mediator cannot be reached.
func (a *Mediation) remindFollowUp(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	var fd followData
	if err := json.Unmarshal([]byte(it.Data), &fd); err != nil {
		return fmt.Errorf("mediation follow-up %s: %w", it.Key, err)
	}
	d, err := tx.Dispute(fd.Dispute)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	r := a.SystemReq(ctx, tx, now)
	if ok, err := a.maySeeDisputeByID(r, d.MediatorID, d); err != nil || ok {
		if err != nil {
			return err
		}
		reached, err := a.remindOne(r, d, d.MediatorID)
		if err != nil || reached {
			return err
		}
	}
	staff, err := a.Staff(tx)
	if err != nil {
		return err
	}
	for _, m := range staff {
		if _, err := a.remindOne(r, d, m.ID); err != nil {
			return err
		}
	}
	return nil
}

func (a *Mediation) remindOne(r *core.Req, d storage.Dispute, id int64) (bool, error) {
	m, err := r.Tx.Member(id)
	if core.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	lang := a.LangOf(m)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.Cat.T(lang, "mediation.open_button", d.ID, shortPlain(d.Summary, 20)), CallbackData: "md:o:" + core.Itoa(d.ID)}}}}
	return a.TellTo(r, id, kb, "mediation.follow_due", d.ID, core.Quote(d.Summary, 100))
}

// maySeeDisputeByID applies mayReadDispute to a person by id, as if in
// their private chat (for reminders).
func (a *Mediation) maySeeDisputeByID(r *core.Req, id int64, d storage.Dispute) (bool, error) {
	m, err := r.Tx.Member(id)
	if core.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return a.mayReadDispute(a.PersonReq(r.Ctx, r.Tx, r.Now, m), d), nil
}
