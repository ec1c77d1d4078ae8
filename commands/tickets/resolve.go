package tickets

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// FlowResolve is the "what was done?" conversation of the person who
// resolves a ticket: one sentence, with a photo if they like.
const FlowResolve = "resolve"

// resolution is the answer to "what was done?".
type resolution struct {
	Note  string `json:"note"`
	Photo string `json:"photo,omitempty"`
}

// resolveDialog asks what was done; its seed holds the ticket's id.
func (a *Tickets) resolveDialog() *core.Dialog {
	return &core.Dialog{
		Name: FlowResolve,
		Steps: []core.Step{core.TextStep{
			Name:  "note",
			Ask:   func(r *core.Req, v core.Values) string { return r.T("ticket.ask_resolution", v.Int("ticket")) },
			Parse: a.readResolution,
		}},
		Done: a.resolveDone,
	}
}

// readResolution takes a sentence, or a photo with a caption.
func (a *Tickets) readResolution(r *core.Req, _ core.Values, text string) (any, string) {
	switch n := core.RuneLen(text); {
	case text == "":
		return nil, r.T("ticket.resolution_empty")
	case n > a.Cfg.Tickets.MaxText:
		return nil, r.T("report.too_long", n, a.Cfg.Tickets.MaxText)
	}
	return resolution{Note: text, Photo: core.LargestPhoto(r)}, ""
}

// askResolution starts the "what was done?" question.
func (a *Tickets) askResolution(r *core.Req, tk storage.Ticket) error {
	if tk.AssigneeID != r.Me.ID && !r.AtLeast(storage.RoleStaff) {
		return r.Toast(r.T("ticket.not_yours"))
	}
	if _, ok := storage.NextState(tk.State, storage.ActResolve); !ok {
		return r.Toast(core.StripTags(r.T("ticket.refused", tk.ID, a.StateLabel(r.Lang, tk.State))))
	}
	seed := core.Values{}
	if err := seed.Set("ticket", tk.ID); err != nil {
		return err
	}
	return a.resolveD.Start(r, seed)
}

// resolveDone marks the ticket resolved with what was said, asks the
// reporter whether it is fixed and tells the followers.
func (a *Tickets) resolveDone(r *core.Req, v core.Values) error {
	var res resolution
	v.Get("note", &res)
	tk, err := r.Tx.Ticket(v.Int("ticket"))
	if core.IsNotFound(err) {
		return r.Reply(r.T("ticket.not_found", v.Int("ticket")), nil)
	}
	if err != nil {
		return err
	}
	if tk.AssigneeID != r.Me.ID && !r.AtLeast(storage.RoleStaff) {
		return r.Reply(r.T("ticket.not_yours"), nil)
	}
	next, _, err := r.Tx.Transition(tk.ID, storage.ActResolve, r.Me.ID, storage.TransitionOpts{Note: res.Note, Photo: res.Photo}, r.Now)
	if err != nil {
		return a.Refuse(r, tk, err)
	}
	asked, err := a.askFixed(r, next, res.Note)
	if err != nil {
		return err
	}
	ack := r.T("ticket.resolved_ack", next.ID)
	if !asked {
		ack = r.T("ticket.resolved_unasked", next.ID, r.N("count.days", a.Cfg.Tickets.AutoCloseDays))
	}
	if err := r.Reply(ack, nil); err != nil {
		return err
	}
	if err := a.TellFollowers(r, next, next.ReporterID, "ticket.told_resolved", core.Quote(res.Note, 300)); err != nil {
		return err
	}
	return a.RefreshGroupLine(r, next)
}
