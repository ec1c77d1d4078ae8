package tickets

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// fileReport opens the ticket the report conversation gathered, with the
// reporter's choice about their name, then keeps the conversation open for
// more photos, a location and a further sentence.
func (a *reporting) fileReport(r *core.Req, d ReportData, hide bool) error {
	text := d.Text
	if ok, err := a.underReportLimit(r); !ok || err != nil {
		if err == nil {
			err = r.Tx.EndFlow(r.Me.ID)
		}
		return err
	}
	if d.Urgent {
		r.Urgent()
	}
	tk := storage.Ticket{Kind: d.Kind, Category: d.Category, Building: d.Building, ReporterID: r.Me.ID,
		Text: text, Photos: d.Photos, Voices: d.Voices, Lat: d.Lat, Lon: d.Lon, HideName: hide}
	id, told, err := a.OpenTicket(r, tk)
	if err != nil {
		return err
	}
	if err := a.setReportFlow(r, "attach", ReportData{Kind: d.Kind, Ticket: id}); err != nil {
		return err
	}
	tk.ID = id
	return r.Reply(r.T("report.opened."+d.Kind, a.Headline(r.Lang, tk), a.ToldLine(r.Lang, told)), nil)
}

// attach adds photos, a location and further sentences to the ticket just
// opened. Anything else ends the report conversation.
func (a *reporting) attach(r *core.Req, d ReportData, photo string) error {
	if v := core.VoiceOf(r); v != nil {
		return a.attachVoice(r, d, *v)
	}
	if photo == "" && r.Msg.Location == nil && core.CleanText(r.Text) != "" {
		return a.addNote(r, d)
	}
	switch {
	case photo != "":
		if full, err := a.photosFull(r, d.Ticket); full || err != nil {
			return err
		}
		if err := r.Tx.AddTicketPhoto(d.Ticket, photo, r.Now); err != nil {
			return err
		}
		if err := a.passOnAdded(r, d.Ticket, photo, nil, nil); err != nil {
			return err
		}
		return r.Reply(r.T("report.photo_added", d.Ticket), nil)
	case r.Msg.Location != nil:
		lat, lon := r.Msg.Location.Latitude, r.Msg.Location.Longitude
		if err := r.Tx.SetTicketLocation(d.Ticket, lat, lon, r.Now); err != nil {
			return err
		}
		if err := a.passOnAdded(r, d.Ticket, "", &lat, &lon); err != nil {
			return err
		}
		return r.Reply(r.T("report.location_added", d.Ticket), nil)
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	return r.Reply(r.T("fallback.not_understood"), a.MainMenu(r))
}
