package mediation

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// flowMediation is a guided step of the mediation room: a new record's
// parties, building and summary; a session's date and notes; a follow-up
// date.
const flowMediation = "mediation"

// Steps of flowMediation.
const (
	medParties  = "parties"
	medBuilding = "building"
	medSummary  = "summary"
	medDate     = "sdate"
	medNotes    = "snotes"
	medFollow   = "follow"
)

// Limits of what a record holds.
const (
	medMaxParties = 8
	medMaxName    = 40
	medMaxSummary = 500
	medMaxNotes   = 1000
)

type medData struct {
	Dispute  int64                  `json:"d,omitempty"`
	Parties  []storage.DisputeParty `json:"p,omitempty"`
	Building string                 `json:"b,omitempty"`
	Date     string                 `json:"t,omitempty"`
}

var partySep = regexp.MustCompile(`[,，、;；\n]+`)

func (a *Mediation) medAsk(r *core.Req, step string, d medData, key string, args ...any) error {
	if err := r.SetFlow(flowMediation, step, d); err != nil {
		return err
	}
	if r.CB != nil {
		if err := r.Toast(""); err != nil {
			return err
		}
	}
	return r.Reply(r.T(key, args...), telegram.ForceReply{ForceReply: true})
}

func (a *Mediation) askParties(r *core.Req) error {
	return a.medAsk(r, medParties, medData{}, "mediation.ask_parties", medMaxParties)
}

func (a *Mediation) askSessionDate(r *core.Req, d storage.Dispute) error {
	return a.medAsk(r, medDate, medData{Dispute: d.ID}, "mediation.ask_date", d.ID)
}

func (a *Mediation) askFollowUp(r *core.Req, d storage.Dispute) error {
	return a.medAsk(r, medFollow, medData{Dispute: d.ID}, "mediation.ask_follow", d.ID)
}

// mediationText takes the next answer of a mediation step. Steps about an
// existing record ask mayReadDispute again.
func (a *Mediation) mediationText(r *core.Req, f storage.Flow) error {
	var d medData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.Tx.EndFlow(r.Me.ID)
	}
	text := core.CleanText(r.Text)
	if text == "" {
		return r.Reply(r.T("mediation.need_text"), telegram.ForceReply{ForceReply: true})
	}
	var rec storage.Dispute
	if d.Dispute != 0 {
		var ok bool
		var err error
		if rec, ok, err = a.loadDispute(r, d.Dispute); err != nil || !ok {
			if err != nil {
				return err
			}
			return r.Tx.EndFlow(r.Me.ID)
		}
	} else if ok, err := a.mayMediate(r); err != nil || !ok {
		if err != nil {
			return err
		}
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("mediation.forbidden"), nil)
	}
	switch f.Step {
	case medParties:
		return a.partiesText(r, d, text)
	case medBuilding:
		return a.buildingText(r, d, text)
	case medSummary:
		return a.disputeSummaryText(r, d, text)
	case medDate:
		day, ok := a.medDay(r, text)
		if !ok {
			return r.Reply(r.T("mediation.bad_date", core.Esc(core.LimitRunes(text, 32))), telegram.ForceReply{ForceReply: true})
		}
		if day.After(r.Now) {
			return r.Reply(r.T("mediation.date_future"), telegram.ForceReply{ForceReply: true})
		}
		d.Date = day.Format("2006-01-02")
		return a.medAsk(r, medNotes, d, "mediation.ask_notes", medMaxNotes)
	case medNotes:
		return a.notesText(r, rec, d, text)
	case medFollow:
		return a.followText(r, rec, text)
	}
	return r.Tx.EndFlow(r.Me.ID)
}

// partiesText reads the parties: @username or an id picks a member, any
// other word is a plain name.
func (a *Mediation) partiesText(r *core.Req, d medData, text string) error {
	d.Parties = nil
	for _, w := range partySep.Split(text, -1) {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		p := storage.DisputeParty{Name: w}
		if strings.HasPrefix(w, "@") {
			m, ok, err := a.MemberByUsername(r, w)
			if err != nil && !core.IsNotFound(err) {
				return err
			}
			if !ok && err == nil {
				return nil // two members hold the name: they were listed, the question stands
			}
			if ok {
				p = storage.DisputeParty{MemberID: m.ID, Name: m.Name}
			}
		} else if id, err := strconv.ParseInt(w, 10, 64); err == nil && id > 0 {
			if m, err := r.Tx.Member(id); err == nil {
				p = storage.DisputeParty{MemberID: m.ID, Name: m.Name}
			}
		}
		if core.RuneLen(p.Name) > medMaxName {
			return r.Reply(r.T("mediation.name_too_long", medMaxName), telegram.ForceReply{ForceReply: true})
		}
		d.Parties = append(d.Parties, p)
	}
	switch {
	case len(d.Parties) == 0:
		return r.Reply(r.T("mediation.need_text"), telegram.ForceReply{ForceReply: true})
	case len(d.Parties) > medMaxParties:
		return r.Reply(r.T("mediation.too_many_parties", medMaxParties), telegram.ForceReply{ForceReply: true})
	}
	return a.medAsk(r, medBuilding, d, "mediation.ask_building", core.Esc(strings.Join(a.Cfg.Community.Buildings, " ")))
}

func (a *Mediation) buildingText(r *core.Req, d medData, text string) error {
	switch {
	case text == "-" || text == "—" || text == "无" || strings.EqualFold(text, "none"):
		d.Building = ""
	case a.Buildings[text]:
		d.Building = text
	default:
		return r.Reply(r.T("error.unknown_building", core.Esc(core.LimitRunes(text, 32)), core.Esc(strings.Join(a.Cfg.Community.Buildings, " "))),
			telegram.ForceReply{ForceReply: true})
	}
	return a.medAsk(r, medSummary, d, "mediation.ask_summary", medMaxSummary)
}

// disputeSummaryText files the new record, with the writer as its mediator.
func (a *Mediation) disputeSummaryText(r *core.Req, d medData, text string) error {
	if n := core.RuneLen(text); n > medMaxSummary {
		return r.Reply(r.T("report.too_long", n, medMaxSummary), telegram.ForceReply{ForceReply: true})
	}
	rec := storage.Dispute{Building: d.Building, Summary: text, MediatorID: r.Me.ID, CreatedBy: r.Me.ID, Parties: d.Parties}
	id, err := r.Tx.CreateDispute(rec, r.Now)
	if err != nil {
		return err
	}
	a.Audit(r, "mediation.create", disputeTarget(id), map[string]int{"parties": len(rec.Parties)})
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	rec, err = r.Tx.Dispute(id)
	if err != nil {
		return err
	}
	if err := r.Reply(r.T("mediation.created", id), nil); err != nil {
		return err
	}
	return a.showDispute(r, rec, false)
}

func (a *Mediation) notesText(r *core.Req, rec storage.Dispute, d medData, text string) error {
	if n := core.RuneLen(text); n > medMaxNotes {
		return r.Reply(r.T("report.too_long", n, medMaxNotes), telegram.ForceReply{ForceReply: true})
	}
	day, err := time.ParseInLocation("2006-01-02", d.Date, a.Loc)
	if err != nil {
		return r.Tx.EndFlow(r.Me.ID)
	}
	if _, err := r.Tx.AddDisputeSession(storage.DisputeSession{DisputeID: rec.ID, HeldOn: day, Notes: text, RecordedBy: r.Me.ID}, r.Now); err != nil {
		return err
	}
	a.Audit(r, "mediation.session", disputeTarget(rec.ID), map[string]string{"held_on": d.Date})
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if err := r.Reply(r.T("mediation.session_saved", rec.ID), nil); err != nil {
		return err
	}
	return a.showDispute(r, rec, false)
}

// followText sets the follow-up date and the mediator's reminder on it.
func (a *Mediation) followText(r *core.Req, rec storage.Dispute, text string) error {
	day, ok := a.medDay(r, text)
	if !ok {
		return r.Reply(r.T("mediation.bad_date", core.Esc(core.LimitRunes(text, 32))), telegram.ForceReply{ForceReply: true})
	}
	if day.Before(a.dayOf(r.Now)) {
		return r.Reply(r.T("mediation.follow_past"), telegram.ForceReply{ForceReply: true})
	}
	if err := r.Tx.SetDisputeFollowUp(rec.ID, day, r.Now); err != nil {
		return err
	}
	a.Audit(r, "mediation.follow_up", disputeTarget(rec.ID), map[string]string{"day": day.Format("2006-01-02")})
	if err := a.scheduleFollowUp(r, rec.ID, day); err != nil {
		return err
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	rec.FollowUp = day
	if err := r.Reply(r.T("mediation.follow_saved", day.Format("2006-01-02"), followHour), nil); err != nil {
		return err
	}
	return a.showDispute(r, rec, false)
}

// medDay reads a date: YYYY-MM-DD, or today / 今天.
func (a *Mediation) medDay(r *core.Req, s string) (time.Time, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "today" || s == "今天" {
		return a.dayOf(r.Now), true
	}
	if !core.DayRE.MatchString(s) {
		return time.Time{}, false
	}
	d, err := time.ParseInLocation("2006-01-02", s, a.Loc)
	if err != nil || d.Year() < 2000 {
		return time.Time{}, false
	}
	return d, true
}

// dayOf is the start of t's day in the community's zone.
func (a *Mediation) dayOf(t time.Time) time.Time {
	t = t.In(a.Loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, a.Loc)
}
