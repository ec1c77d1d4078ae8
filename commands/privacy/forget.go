package privacy

import (
	"context"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// forgetMe: /forgetme asks, in private, whether to remove everything
// personal the bot keeps about the caller.
func (a *Privacy) forgetMe(r *core.Req) error {
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.T("forget.yes"), CallbackData: "pv:forget"},
		{Text: r.T("forget.no"), CallbackData: "pv:keep"},
	}}}
	return r.Reply(r.T("forget.ask"), kb)
}

// privacyButton: pv:forget and pv:keep. It acts only on the presser, and
// only in their private chat.
func (a *Privacy) privacyButton(r *core.Req) error {
	if !r.Private() || r.Chat.ID != r.Me.ID {
		return r.Toast(r.T("forget.private_only"))
	}
	if r.Msg == nil { // a question too old to be shown (or none at all)
		return r.Toast(r.T("forget.stale"))
	}
	switch r.CB.Data {
	case "pv:keep":
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Edit(r.T("forget.kept"), nil)
	case "pv:forget":
		return a.forget(r)
	}
	return r.Toast(r.T("error.stale_button"))
}

// forget gives up what the caller still had coming in each capability
// (future sign-ups and shifts, tickets in hand: the waiting move up and
// teams and leaders are told, as when they withdraw themselves), then
// removes their personal data: the ledger keeps its records under a
// tombstone that shows as "removed".
func (a *Privacy) forget(r *core.Req) error {
	id := r.Me.ID
	for _, f := range a.forgetters {
		if err := f.GiveUp(r); err != nil {
			return err
		}
	}
	tomb, err := r.Tx.Forget(id, r.Now)
	if err != nil {
		return err
	}
	if err := r.Tx.AddAudit(storage.AuditEntry{At: r.Now, ActorID: tomb, Action: "privacy.forget", Target: core.MemberTarget(tomb)}); err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	r.Me = storage.Member{ID: id}          // what is left: nothing
	return r.Edit(r.T("forget.done"), nil) // the question's buttons go with it
}

// StripClosed is the daily retention job: tickets ended longer ago than
// privacy.retain_closed_days lose their reporter link, photos and location.
func (a *Privacy) StripClosed(ctx context.Context, tx *storage.Tx, now time.Time) error {
	keep := a.Cfg.Privacy.RetainClosed()
	if keep <= 0 {
		return nil
	}
	n, err := tx.StripClosedTickets(now.Add(-keep), now)
	if err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("retention", "tickets_stripped", n)
	}
	return nil
}
