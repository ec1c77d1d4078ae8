package commands

import (
	"encoding/json"
	"strings"

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
}

// checkIn opens the caller's shift: from 30 minutes before the start to
// its end.
func (a *App) checkIn(r *req, sh storage.PatrolShift) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	opens := sh.Start.Add(-checkInOpens)
	switch {
	case r.now.Before(opens):
		return r.toast(r.t("patrol.checkin_not_yet", opens.In(a.loc).Format("15:04")))
	case !r.now.Before(sh.End):
		return r.toast(r.t("patrol.checkin_closed"))
	}
	ok, err := r.tx.MarkDuty(sh.ID, r.me.ID, "check_in", r.now)
	if err != nil {
		return err
	}
	if !ok {
		return r.toast(r.t("patrol.checked_in_already"))
	}
	if err := r.toast(r.t("patrol.checked_in")); err != nil {
		return err
	}
	return r.edit(r.t("patrol.walking", a.shiftLabel(r.lang, sh, r.now)), a.walkingKeyboard(r.lang, sh.ID))
}

// checkOut ends the caller's shift and logs the hours.
func (a *App) checkOut(r *req, sh storage.PatrolShift) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	d, err := r.tx.Duty(sh.ID, r.me.ID)
	if err != nil {
		return err
	}
	switch {
	case d.CheckIn.IsZero():
		return r.toast(r.t("patrol.not_checked_in"))
	case !d.CheckOut.IsZero():
		return r.toast(r.t("patrol.checked_out_already"))
	}
	if _, err := r.tx.MarkDuty(sh.ID, r.me.ID, "check_out", r.now); err != nil {
		return err
	}
	min, err := a.logShiftHours(r.tx, sh, r.me.ID, d.CheckIn, r.now, r.now)
	if err != nil {
		return err
	}
	if err := r.toast(r.t("patrol.checked_out")); err != nil {
		return err
	}
	return r.edit(r.t("patrol.done", a.shiftLabel(r.lang, sh, r.now), fmtLength(min)), nil)
}

// currentShift is the shift the caller holds now (or within check-in's
// half hour before it).
func (a *App) currentShift(r *req) (storage.PatrolShift, bool, error) {
	held, err := r.tx.MemberShifts(r.me.ID, r.now, r.now.Add(checkInOpens))
	if err != nil || len(held) == 0 {
		return storage.PatrolShift{}, false, err
	}
	return held[0], true, nil
}

// found is /found text: a ticket from the patrol, in one step, at the
// shift's area, with the patrol member as reporter.
func (a *App) found(r *req) error {
	sh, ok, err := a.currentShift(r)
	if err != nil {
		return err
	}
	if !ok {
		return r.reply(r.t("patrol.found_no_shift"), nil)
	}
	d := foundData{Shift: sh.ID}
	if p := largestPhoto(r); p != "" {
		d.Photos = []string{p}
	}
	if text := cleanText(r.args); text != "" {
		return a.fileFound(r, sh, d, text)
	}
	if err := r.setFlow(flowPatrolFound, "text", d); err != nil {
		return err
	}
	return r.reply(r.t("patrol.found_ask", esc(sh.Area)), telegram.ForceReply{ForceReply: true})
}

// foundButton is the Found something button on a shift being walked.
func (a *App) foundButton(r *req, sh storage.PatrolShift) error {
	if off, err := a.refuseOff(r, sh); off || err != nil {
		return err
	}
	if r.now.Before(sh.Start.Add(-checkInOpens)) || !r.now.Before(sh.End) {
		return r.toast(r.t("patrol.found_no_shift"))
	}
	if err := r.setFlow(flowPatrolFound, "text", foundData{Shift: sh.ID}); err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.reply(r.t("patrol.found_ask", esc(sh.Area)), telegram.ForceReply{ForceReply: true})
}

// foundText takes the description (a photo and a location before it are kept).
func (a *App) foundText(r *req, f storage.Flow) error {
	var d foundData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.tx.EndFlow(r.me.ID)
	}
	sh, err := r.tx.PatrolShift(d.Shift)
	if isNotFound(err) {
		return r.tx.EndFlow(r.me.ID)
	}
	if err != nil {
		return err
	}
	if p := largestPhoto(r); p != "" {
		d.Photos = append(d.Photos, p)
	}
	if loc := r.msg.Location; loc != nil {
		d.Lat, d.Lon = &loc.Latitude, &loc.Longitude
	}
	text := cleanText(r.text)
	if text == "" {
		if err := r.setFlow(flowPatrolFound, "text", d); err != nil {
			return err
		}
		return r.reply(r.t("report.got_attachment"), telegram.ForceReply{ForceReply: true})
	}
	return a.fileFound(r, sh, d, text)
}

// fileFound opens the ticket in the member's building (patrols walk the
// member's own part of the community; a leader of another building can be
// assigned it from the ledger), then keeps the report conversation open
// for more photos and a location.
func (a *App) fileFound(r *req, sh storage.PatrolShift, d foundData, text string) error {
	if !r.me.Registered() || r.me.Building == "" {
		return a.askBuilding(r, r.t("report.register_first"))
	}
	if n := runeLen(text); n > a.cfg.Tickets.MaxText {
		return r.reply(r.t("report.too_long", n, a.cfg.Tickets.MaxText), telegram.ForceReply{ForceReply: true})
	}
	place := a.cat.T(a.cfg.Community.Language, "patrol.found_place", strings.TrimSpace(sh.Team), sh.Area)
	// Like any report, nothing is filed or posted before the member chose
	// whether their name may be shown.
	return a.askName(r, reportData{Kind: storage.TicketKindReport, Category: a.guessCategory(storage.TicketKindReport, text),
		Building: r.me.Building, Text: place + text, Photos: d.Photos, Lat: d.Lat, Lon: d.Lon})
}
