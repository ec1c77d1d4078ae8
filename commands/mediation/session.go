package mediation

import (
	"errors"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/when"
)

// Conversations about an existing record (its id under "d"): a session's
// day and notes, and the follow-up day, each shown back before it is kept.
const (
	flowSession  = "med_session"
	flowFollowUp = "med_follow"
)

func (a *Mediation) sessionDialog() *core.Dialog {
	return &core.Dialog{Name: flowSession, Steps: []core.Step{
		core.DateStep{Name: "day", Label: "mediation.step.day", Ask: a.askSessionDay, Parse: pastDay, Refuse: refuseSessionDay},
		core.TextStep{Name: "notes", Label: "mediation.step.notes", Ask: a.askNotes, Parse: notesText},
		core.ConfirmStep{Name: "ok", Summary: func(r *core.Req, v core.Values) string {
			return r.T("mediation.session_preview", v.Int("d"), a.describeDay(r, v, "day"), core.Esc(v.String("notes")))
		}},
	}, Done: a.saveSession}
}

func (a *Mediation) followDialog() *core.Dialog {
	return &core.Dialog{Name: flowFollowUp, Steps: []core.Step{
		core.DateStep{Name: "day", Label: "mediation.step.follow", Ask: a.askFollowDay, Parse: comingDay, Refuse: refuseFollowDay},
		core.ConfirmStep{Name: "ok", Summary: func(r *core.Req, v core.Values) string {
			return r.T("mediation.follow_preview", v.Int("d"), a.describeDay(r, v, "day"), followHour)
		}},
	}, Done: a.saveFollowUp}
}

// startOn begins d about record rec.
func startOn(r *core.Req, d *core.Dialog, rec storage.Dispute) error {
	seed := core.Values{}
	if err := seed.Set("d", rec.ID); err != nil {
		return err
	}
	return d.Start(r, seed)
}

func pastDay(text string, now time.Time, loc *time.Location) (any, error) {
	return when.ParsePastDate(text, now, loc)
}

func comingDay(text string, now time.Time, loc *time.Location) (any, error) {
	return when.ParseDate(text, now, loc)
}

func refuseSessionDay(r *core.Req, err error) string {
	if errors.Is(err, when.ErrFuture) {
		return r.T("mediation.date_future")
	}
	return r.T("mediation.bad_date", when.ExampleDate(r.Lang))
}

func refuseFollowDay(r *core.Req, err error) string {
	if errors.Is(err, when.ErrPast) {
		return r.T("mediation.follow_past")
	}
	return r.T("mediation.bad_date", when.ExampleDate(r.Lang))
}

func (a *Mediation) askSessionDay(r *core.Req, v core.Values) string {
	return r.T("mediation.ask_date", v.Int("d"), when.ExampleDate(r.Lang))
}

func (a *Mediation) askFollowDay(r *core.Req, v core.Values) string {
	return r.T("mediation.ask_follow", v.Int("d"), when.ExampleDate(r.Lang))
}

// askNotes says which day was understood.
func (a *Mediation) askNotes(r *core.Req, v core.Values) string {
	return r.T("mediation.ask_notes", a.describeDay(r, v, "day"), medMaxNotes)
}

func notesText(r *core.Req, _ core.Values, text string) (any, string) {
	switch n := core.RuneLen(text); {
	case n == 0:
		return nil, r.T("mediation.need_text")
	case n > medMaxNotes:
		return nil, r.T("report.too_long", n, medMaxNotes)
	}
	return text, ""
}

// day is the day answered at step, in the community's zone.
func (a *Mediation) day(v core.Values, step string) time.Time {
	var t time.Time
	v.Get(step, &t)
	t = t.In(a.Loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, a.Loc)
}

func (a *Mediation) describeDay(r *core.Req, v core.Values, step string) string {
	return when.DescribeDate(a.day(v, step), r.Lang, r.Now, a.Loc)
}

// record is the record the conversation is about, if the person may
// still read it (answered otherwise).
func (a *Mediation) record(r *core.Req, v core.Values) (storage.Dispute, bool, error) {
	return a.loadDispute(r, v.Int("d"))
}

func (a *Mediation) saveSession(r *core.Req, v core.Values) error {
	rec, ok, err := a.record(r, v)
	if err != nil || !ok {
		return err
	}
	day := a.day(v, "day")
	if _, err := r.Tx.AddDisputeSession(storage.DisputeSession{DisputeID: rec.ID, HeldOn: day, Notes: v.String("notes"), RecordedBy: r.Me.ID}, r.Now); err != nil {
		return err
	}
	a.Audit(r, "mediation.session", disputeTarget(rec.ID), map[string]string{"held_on": day.Format("2006-01-02")})
	if err := r.Reply(r.T("mediation.session_saved", rec.ID), nil); err != nil {
		return err
	}
	return a.showDispute(r, rec, false)
}

// saveFollowUp sets the follow-up day and the mediator's reminder on it.
func (a *Mediation) saveFollowUp(r *core.Req, v core.Values) error {
	rec, ok, err := a.record(r, v)
	if err != nil || !ok {
		return err
	}
	day := a.day(v, "day")
	if err := r.Tx.SetDisputeFollowUp(rec.ID, day, r.Now); err != nil {
		return err
	}
	a.Audit(r, "mediation.follow_up", disputeTarget(rec.ID), map[string]string{"day": day.Format("2006-01-02")})
	if err := a.scheduleFollowUp(r, rec.ID, day); err != nil {
		return err
	}
	rec.FollowUp = day
	if err := r.Reply(r.T("mediation.follow_saved", a.describeDay(r, v, "day"), followHour), nil); err != nil {
		return err
	}
	return a.showDispute(r, rec, false)
}
