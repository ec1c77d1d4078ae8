package patrol

import (
	"encoding/json"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

const flowPatrolFound = "patrol_found"

// foundData is what a "found on patrol" conversation gathered so far.
type foundData struct {
	Shift  int64    `json:"shift"`
	Photos []string `json:"photos,omitempty"`
	Lat    *float64 `json:"lat,omitempty"`
	Lon    *float64 `json:"lon,omitempty"`
	Urgent bool     `json:"urgent,omitempty"` // gas, fire, a burst pipe: staff hear at once, day or night
}

// checkIn opens the caller's shift: from 30 minutes before the start to
// its end.
func (a *Patrol) checkIn(r *core.Req, sh storage.PatrolShift) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	opens := sh.Start.Add(-checkInOpens)
	switch {
	case r.Now.Before(opens):
		return r.Toast(r.T("patrol.checkin_not_yet", opens.In(a.Loc).Format("15:04")))
	case !r.Now.Before(sh.End):
		return r.Toast(r.T("patrol.checkin_closed"))
	}
	ok, err := r.Tx.MarkDuty(sh.ID, r.Me.ID, "check_in", r.Now)
	if err != nil {
		return err
	}
	if !ok {
		return r.Toast(r.T("patrol.checked_in_already"))
	}
	if err := r.Toast(r.T("patrol.checked_in")); err != nil {
		return err
	}
	return r.Edit(r.T("patrol.walking", a.shiftLabel(r.Lang, sh, r.Now)), a.walkingKeyboard(r.Lang, sh.ID))
}

// checkOut ends the caller's shift and logs the hours.
func (a *Patrol) checkOut(r *core.Req, sh storage.PatrolShift) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	d, err := r.Tx.Duty(sh.ID, r.Me.ID)
	if err != nil {
		return err
	}
	switch {
	case d.CheckIn.IsZero():
		return r.Toast(r.T("patrol.not_checked_in"))
	case !d.CheckOut.IsZero():
		return r.Toast(r.T("patrol.checked_out_already"))
	}
	if _, err := r.Tx.MarkDuty(sh.ID, r.Me.ID, "check_out", r.Now); err != nil {
		return err
	}
	min, err := a.logShiftHours(r.Tx, sh, r.Me.ID, d.CheckIn, r.Now, r.Now)
	if err != nil {
		return err
	}
	if err := r.Toast(r.T("patrol.checked_out")); err != nil {
		return err
	}
	return r.Edit(r.T("patrol.done", a.shiftLabel(r.Lang, sh, r.Now), fmtLength(r.Lang, min)), nil)
}

// currentShift is the shift the caller holds now (or within check-in's
// half hour before it).
func (a *Patrol) currentShift(r *core.Req) (storage.PatrolShift, bool, error) {
	held, err := r.Tx.MemberShifts(r.Me.ID, r.Now, r.Now.Add(checkInOpens))
	if err != nil || len(held) == 0 {
		return storage.PatrolShift{}, false, err
	}
	return held[0], true, nil
}

// found is /found text: a ticket from the patrol, in one step, at the
// shift's area, with the patrol member as reporter.
func (a *Patrol) found(r *core.Req) error {
	sh, ok, err := a.currentShift(r)
	if err != nil {
		return err
	}
	if !ok {
		return r.Reply(r.T("patrol.found_no_shift"), nil)
	}
	d := foundData{Shift: sh.ID}
	if p := core.LargestPhoto(r); p != "" {
		d.Photos = []string{p}
	}
	if text := core.CleanText(r.Args); text != "" {
		return a.fileFound(r, sh, d, text)
	}
	if err := r.SetFlow(flowPatrolFound, "text", d); err != nil {
		return err
	}
	return r.Reply(r.T("patrol.found_ask", core.Esc(sh.Area)), telegram.ForceReply{ForceReply: true})
}

// foundButton is the Found something button on a shift being walked, or
// its urgent twin.
func (a *Patrol) foundButton(r *core.Req, sh storage.PatrolShift, urgent bool) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	if r.Now.Before(sh.Start.Add(-checkInOpens)) || !r.Now.Before(sh.End) {
		return r.Toast(r.T("patrol.found_no_shift"))
	}
	if err := r.SetFlow(flowPatrolFound, "text", foundData{Shift: sh.ID, Urgent: urgent}); err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(r.T("patrol.found_ask", core.Esc(sh.Area)), telegram.ForceReply{ForceReply: true})
}

// foundText takes the description (a photo and a location before it are
// kept); 取消 / cancel typed ends it, filing nothing.
func (a *Patrol) foundText(r *core.Req, f storage.Flow) error {
	var d foundData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.Tx.EndFlow(r.Me.ID)
	}
	sh, err := r.Tx.PatrolShift(d.Shift)
	if core.IsNotFound(err) {
		return r.Tx.EndFlow(r.Me.ID)
	}
	if err != nil {
		return err
	}
	if p := core.LargestPhoto(r); p != "" {
		d.Photos = append(d.Photos, p)
	}
	if loc := r.Msg.Location; loc != nil {
		d.Lat, d.Lon = &loc.Latitude, &loc.Longitude
	}
	text := core.CleanText(r.Text)
	if ans, ok := core.ReadAnswer(text); ok && ans == core.AnswerCancel {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("cancel.done"), a.MainMenu(r))
	}
	if text == "" {
		if err := r.SetFlow(flowPatrolFound, "text", d); err != nil {
			return err
		}
		return r.Reply(r.T("report.got_attachment"), telegram.ForceReply{ForceReply: true})
	}
	return a.fileFound(r, sh, d, text)
}

// fileFound opens the ticket in the member's building (patrols walk the
// member's own part of the community; a leader of another building can be
// assigned it from the ledger), then keeps the report conversation open
// for more photos and a location.
func (a *Patrol) fileFound(r *core.Req, sh storage.PatrolShift, d foundData, text string) error {
	if !r.Me.Registered() || r.Me.Building == "" {
		return a.people.AskBuilding(r, r.T("report.register_first"))
	}
	if n := core.RuneLen(text); n > a.Cfg.Tickets.MaxText {
		return r.Reply(r.T("report.too_long", n, a.Cfg.Tickets.MaxText), telegram.ForceReply{ForceReply: true})
	}
	// The mark is stored in the ticket text, which readers of both languages
	// see: it is made of names and a sign only.
	place := a.Cat.T(a.Cfg.Community.Language, "patrol.found_place", strings.TrimSpace(sh.Team), sh.Area)
	// Like any report, nothing is filed or posted before the member chose
	// whether their name may be shown.
	return a.tickets.AskReportName(r, Report{Kind: storage.TicketKindReport, Category: a.GuessCategory(storage.TicketKindReport, text),
		Building: r.Me.Building, Text: place + text, Photos: d.Photos, Lat: d.Lat, Lon: d.Lon, Urgent: d.Urgent})
}
