package tickets

import (
	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// historyWhat is what an event of tk's history did, in words in lang: the
// action, and its note where the note is something a person wrote or a
// name (never a stored code).
func (a *Tickets) historyWhat(lang string, tk storage.Ticket, ev storage.TicketEvent) string {
	what := a.Cat.T(lang, "ticket.action."+string(ev.Action))
	if ev.Action == storage.ActDuplicate && tk.DuplicateOf != 0 {
		what = a.Cat.T(lang, "ticket.action.duplicate_of", tk.DuplicateOf)
	}
	note := ev.Note
	switch ev.Action {
	case storage.ActCreate:
		note = ""
	case storage.ActConfirm, storage.ActPartly, storage.ActReopen:
		// Before the reporter could say what is still wrong, the button's
		// own answer was kept as the note.
		if note == "yes" || note == "partly" || note == "no" {
			note = ""
		}
	}
	if note == "" {
		return what
	}
	return what + a.Cat.T(lang, "ticket.note_sep") + core.Quote(note, 120)
}

// queueKeyboard has a Claim button for each unclaimed ticket of /queue.
func (a *Tickets) queueKeyboard(r *core.Req, tks []storage.Ticket) any {
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, tk := range tks {
		if tk.AssigneeID != 0 || !tk.State.Active() {
			continue
		}
		row = append(row, telegram.Button{Text: r.T("button.claim_n", tk.ID), CallbackData: "tk:qclaim:" + core.Itoa(tk.ID)})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil
	}
	return telegram.Keyboard{InlineKeyboard: rows}
}
