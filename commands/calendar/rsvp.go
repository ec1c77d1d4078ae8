package calendar

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// invitedTo is the one rule for who may answer a meeting: in a group it
// was posted to, anyone there; in private, the people it was sent to.
func (a *Calendar) invitedTo(r *core.Req, m storage.Meeting) (bool, error) {
	if m.State != storage.MeetingPosted {
		return false, nil
	}
	sel := audSel{Audience: m.Audience, Buildings: m.Buildings}
	if sel.groups() == r.Private() {
		return false, nil
	}
	chat := r.Chat.ID
	if r.Private() {
		chat = r.Me.ID
	}
	return r.Tx.MeetingPostedTo(m.ID, chat)
}

// answersInvitation is the table's check of Coming and Can't come: on a
// posted meeting, only those it was sent to, told so here. Presses on
// anything else (a preview, a cancelled meeting) are the handler's to
// answer.
func (a *Calendar) answersInvitation(r *core.Req) (bool, error) {
	_, arg, _ := strings.Cut(strings.TrimPrefix(r.CB.Data, "mt:"), ":")
	id, ok := core.IdArg(arg)
	if !ok {
		return true, nil
	}
	m, err := r.Tx.Meeting(id)
	if core.IsNotFound(err) || (err == nil && m.State != storage.MeetingPosted) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	invited, err := a.invitedTo(r, m)
	if err != nil || invited {
		return invited, err
	}
	return false, r.Toast(r.T("mt.not_invited"))
}

// rsvp takes Coming and Can't come.
func (a *Calendar) rsvp(r *core.Req, coming bool, arg string) error {
	if arg == "0" {
		return r.Toast(r.T("mt.preview_press"))
	}
	id, ok := core.IdArg(arg)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	m, err := r.Tx.Meeting(id)
	if core.IsNotFound(err) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	switch m.State {
	case storage.MeetingDraft:
		return r.Toast(r.T("mt.preview_press"))
	case storage.MeetingCancelled:
		return r.Toast(r.T("mt.was_cancelled"))
	}
	invited, err := a.invitedTo(r, m)
	if err != nil {
		return err
	}
	if !invited {
		return r.Toast(r.T("mt.not_invited"))
	}
	if !m.StartsAt.After(r.Now) {
		return r.Toast(r.T("mt.started"))
	}
	changed, err := r.Tx.SetRSVP(m.ID, r.Me.ID, coming, r.Now)
	if err != nil {
		return err
	}
	key := map[bool]string{true: "mt.noted_coming", false: "mt.noted_not"}[coming]
	if !changed {
		return r.Toast(r.T(key))
	}
	if err := a.RefreshInvitations(r, m); err != nil {
		return err
	}
	return r.Toast(r.T(key))
}

// RefreshInvitations brings every copy's count up to date, with at most one
// pending change per copy: a copy not yet sent is rewritten, a queued edit
// is rewritten, otherwise one edit is queued.
func (a *Calendar) RefreshInvitations(r *core.Req, m storage.Meeting) error {
	coming, not, err := r.Tx.RSVPCounts(m.ID)
	if err != nil {
		return err
	}
	posts, err := r.Tx.MeetingPosts(m.ID)
	if err != nil {
		return err
	}
	for _, p := range posts {
		out, err := r.Tx.OutByID(p.OutID)
		if core.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		eid, err := core.RefreshCopy(r.Tx, out, p.EditOutID, a.invitation(p.Lang, m, coming, not, r.Now), a.rsvpKeyboard(p.Lang, m.ID),
			storage.PriorityBulk, "mt:"+core.Itoa(m.ID)+":edit", r.Now)
		if err != nil {
			return err
		}
		if eid == 0 {
			continue
		}
		if err := r.Tx.SetMeetingEdit(m.ID, p.ChatID, eid); err != nil {
			return err
		}
	}
	return nil
}

// remindMeeting sends a reminder: to the groups it was posted to, or to
// each invitee who did not say they cannot come.
func (a *Calendar) remindMeeting(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	m, ok, err := a.remindedMeeting(tx, it)
	if !ok || err != nil {
		return err
	}
	posts, err := tx.MeetingPosts(m.ID)
	if err != nil {
		return err
	}
	no, err := tx.Decliners(m.ID)
	if err != nil {
		return err
	}
	for _, p := range posts {
		lang := p.Lang
		if p.ChatID > 0 {
			if core.ContainsID(no, p.ChatID) {
				continue
			}
			mem, err := tx.Member(p.ChatID)
			if err != nil && !core.IsNotFound(err) {
				return err
			}
			if err == nil {
				if !core.CanDM(mem) {
					continue
				}
				lang = a.LangOf(mem)
			}
		}
		text := a.Cat.T(lang, "mt.reminder", core.Esc(m.Title), a.meetingTime(lang, m, now), core.Esc(m.Place))
		if err := a.Send(tx, p.ChatID, text, a.rsvpKeyboard(lang, m.ID), storage.PriorityBulk, now); err != nil {
			return err
		}
	}
	return nil
}

func (a *Calendar) remindedMeeting(tx *storage.Tx, it storage.DueItem) (storage.Meeting, bool, error) {
	var d struct {
		Meeting int64 `json:"meeting"`
	}
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
		return storage.Meeting{}, false, fmt.Errorf("calendar: reminder %s: %w", it.Key, err)
	}
	m, err := tx.Meeting(d.Meeting)
	if core.IsNotFound(err) {
		return m, false, nil
	}
	return m, err == nil && m.State == storage.MeetingPosted, err
}

// missedReminder records a reminder found too late, for staff.
func (a *Calendar) missedReminder(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	m, ok, err := a.remindedMeeting(tx, it)
	if !ok || err != nil {
		return err
	}
	if err := tx.AddMissed(storage.Missed{What: kindRemind, RefID: m.ID, DueAt: it.DueAt}, now); err != nil {
		return err
	}
	return a.reportMissedSoon(tx, now)
}
