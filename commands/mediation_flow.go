package commands

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

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

func (a *App) medAsk(r *req, step string, d medData, key string, args ...any) error {
	if err := r.setFlow(flowMediation, step, d); err != nil {
		return err
	}
	if r.cb != nil {
		if err := r.toast(""); err != nil {
			return err
		}
	}
	return r.reply(r.t(key, args...), telegram.ForceReply{ForceReply: true})
}

func (a *App) askParties(r *req) error {
	return a.medAsk(r, medParties, medData{}, "mediation.ask_parties", medMaxParties)
}

func (a *App) askSessionDate(r *req, d storage.Dispute) error {
	return a.medAsk(r, medDate, medData{Dispute: d.ID}, "mediation.ask_date", d.ID)
}

func (a *App) askFollowUp(r *req, d storage.Dispute) error {
	return a.medAsk(r, medFollow, medData{Dispute: d.ID}, "mediation.ask_follow", d.ID)
}

// mediationText takes the next answer of a mediation step. Steps about an
// existing record ask mayReadDispute again.
func (a *App) mediationText(r *req, f storage.Flow) error {
	var d medData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.tx.EndFlow(r.me.ID)
	}
	text := cleanText(r.text)
	if text == "" {
		return r.reply(r.t("mediation.need_text"), telegram.ForceReply{ForceReply: true})
	}
	var rec storage.Dispute
	if d.Dispute != 0 {
		var ok bool
		var err error
		if rec, ok, err = a.loadDispute(r, d.Dispute); err != nil || !ok {
			if err != nil {
				return err
			}
			return r.tx.EndFlow(r.me.ID)
		}
	} else if ok, err := a.mayMediate(r); err != nil || !ok {
		if err != nil {
			return err
		}
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(r.t("mediation.forbidden"), nil)
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
			return r.reply(r.t("mediation.bad_date", esc(limitRunes(text, 32))), telegram.ForceReply{ForceReply: true})
		}
		if day.After(r.now) {
			return r.reply(r.t("mediation.date_future"), telegram.ForceReply{ForceReply: true})
		}
		d.Date = day.Format("2006-01-02")
		return a.medAsk(r, medNotes, d, "mediation.ask_notes", medMaxNotes)
	case medNotes:
		return a.notesText(r, rec, d, text)
	case medFollow:
		return a.followText(r, rec, text)
	}
	return r.tx.EndFlow(r.me.ID)
}

// partiesText reads the parties: @username or an id picks a member, any
// other word is a plain name.
func (a *App) partiesText(r *req, d medData, text string) error {
	d.Parties = nil
	for _, w := range partySep.Split(text, -1) {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		p := storage.DisputeParty{Name: w}
		if strings.HasPrefix(w, "@") {
			m, ok, err := a.memberByUsername(r, w)
			if err != nil && !isNotFound(err) {
				return err
			}
			if !ok && err == nil {
				return nil // two members hold the name: they were listed, the question stands
			}
			if ok {
				p = storage.DisputeParty{MemberID: m.ID, Name: m.Name}
			}
		} else if id, err := strconv.ParseInt(w, 10, 64); err == nil && id > 0 {
			if m, err := r.tx.Member(id); err == nil {
				p = storage.DisputeParty{MemberID: m.ID, Name: m.Name}
			}
		}
		if runeLen(p.Name) > medMaxName {
			return r.reply(r.t("mediation.name_too_long", medMaxName), telegram.ForceReply{ForceReply: true})
		}
		d.Parties = append(d.Parties, p)
	}
	switch {
	case len(d.Parties) == 0:
		return r.reply(r.t("mediation.need_text"), telegram.ForceReply{ForceReply: true})
	case len(d.Parties) > medMaxParties:
		return r.reply(r.t("mediation.too_many_parties", medMaxParties), telegram.ForceReply{ForceReply: true})
	}
	return a.medAsk(r, medBuilding, d, "mediation.ask_building", esc(strings.Join(a.cfg.Community.Buildings, " ")))
}

func (a *App) buildingText(r *req, d medData, text string) error {
	switch {
	case text == "-" || text == "—" || text == "无" || strings.EqualFold(text, "none"):
		d.Building = ""
	case a.buildings[text]:
		d.Building = text
	default:
		return r.reply(r.t("error.unknown_building", esc(limitRunes(text, 32)), esc(strings.Join(a.cfg.Community.Buildings, " "))),
			telegram.ForceReply{ForceReply: true})
	}
	return a.medAsk(r, medSummary, d, "mediation.ask_summary", medMaxSummary)
}

// disputeSummaryText files the new record, with the writer as its mediator.
func (a *App) disputeSummaryText(r *req, d medData, text string) error {
	if n := runeLen(text); n > medMaxSummary {
		return r.reply(r.t("report.too_long", n, medMaxSummary), telegram.ForceReply{ForceReply: true})
	}
	rec := storage.Dispute{Building: d.Building, Summary: text, MediatorID: r.me.ID, CreatedBy: r.me.ID, Parties: d.Parties}
	id, err := r.tx.CreateDispute(rec, r.now)
	if err != nil {
		return err
	}
	a.audit(r, "mediation.create", disputeTarget(id), map[string]int{"parties": len(rec.Parties)})
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	rec, err = r.tx.Dispute(id)
	if err != nil {
		return err
	}
	if err := r.reply(r.t("mediation.created", id), nil); err != nil {
		return err
	}
	return a.showDispute(r, rec, false)
}

func (a *App) notesText(r *req, rec storage.Dispute, d medData, text string) error {
	if n := runeLen(text); n > medMaxNotes {
		return r.reply(r.t("report.too_long", n, medMaxNotes), telegram.ForceReply{ForceReply: true})
	}
	day, err := time.ParseInLocation("2006-01-02", d.Date, a.loc)
	if err != nil {
		return r.tx.EndFlow(r.me.ID)
	}
	if _, err := r.tx.AddDisputeSession(storage.DisputeSession{DisputeID: rec.ID, HeldOn: day, Notes: text, RecordedBy: r.me.ID}, r.now); err != nil {
		return err
	}
	a.audit(r, "mediation.session", disputeTarget(rec.ID), map[string]string{"held_on": d.Date})
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if err := r.reply(r.t("mediation.session_saved", rec.ID), nil); err != nil {
		return err
	}
	return a.showDispute(r, rec, false)
}

// followText sets the follow-up date and the mediator's reminder on it.
func (a *App) followText(r *req, rec storage.Dispute, text string) error {
	day, ok := a.medDay(r, text)
	if !ok {
		return r.reply(r.t("mediation.bad_date", esc(limitRunes(text, 32))), telegram.ForceReply{ForceReply: true})
	}
	if day.Before(a.dayOf(r.now)) {
		return r.reply(r.t("mediation.follow_past"), telegram.ForceReply{ForceReply: true})
	}
	if err := r.tx.SetDisputeFollowUp(rec.ID, day, r.now); err != nil {
		return err
	}
	a.audit(r, "mediation.follow_up", disputeTarget(rec.ID), map[string]string{"day": day.Format("2006-01-02")})
	if err := a.scheduleFollowUp(r, rec.ID, day); err != nil {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	rec.FollowUp = day
	if err := r.reply(r.t("mediation.follow_saved", day.Format("2006-01-02"), followHour), nil); err != nil {
		return err
	}
	return a.showDispute(r, rec, false)
}

// medDay reads a date: YYYY-MM-DD, or today / 今天.
func (a *App) medDay(r *req, s string) (time.Time, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "today" || s == "今天" {
		return a.dayOf(r.now), true
	}
	if !dayRE.MatchString(s) {
		return time.Time{}, false
	}
	d, err := time.ParseInLocation("2006-01-02", s, a.loc)
	if err != nil || d.Year() < 2000 {
		return time.Time{}, false
	}
	return d, true
}

// dayOf is the start of t's day in the community's zone.
func (a *App) dayOf(t time.Time) time.Time {
	t = t.In(a.loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, a.loc)
}
