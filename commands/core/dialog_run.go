package core

import (
	"strings"

	"courtyard/storage"
)

// Continue takes what the person sent while in d: it is d's FlowFunc.
func (d *Dialog) Continue(r *Req, f storage.Flow) error {
	s, ok := d.load(f)
	if !ok {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("fallback.not_understood"), r.a.MainMenu(r))
	}
	if !r.AtLeast(d.min()) {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("dialog.not_allowed"), r.a.MainMenu(r))
	}
	if s.at < 0 {
		// The step is gone from the declaration: go on from the first
		// step whose answer does not stand.
		return s.advance(r, 0)
	}
	text := CleanText(r.Text)
	if r.Forwarded() {
		// Someone else's words are an answer only where text is asked for.
		if _, ok := s.step().(ConfirmStep); ok {
			return s.again(r, false)
		}
	} else if a, ok := ReadAnswer(text); ok {
		switch a {
		case AnswerCancel:
			return s.cancel(r)
		case AnswerBack:
			return s.back(r, false)
		}
	}
	taken, err := s.step().typed(r, s, text)
	if err != nil || !taken {
		return err
	}
	return s.advance(r, s.at+1)
}

// Press takes a press on one of d's buttons: "fl:<dialog>:<verb>:<step>[:<arg>]".
// A button of the step being asked works wherever its message is; a
// button of an earlier question answers that question again (a
// correction); any other press is stale.
func (d *Dialog) Press(r *Req) error {
	args := ButtonArgs(r.CB.Data, d.prefix())
	verb, step, arg := args.Arg(0), args.Arg(1), ""
	if len(args) > 2 {
		arg = strings.Join(args[2:], ":")
	}
	f, err := r.Tx.Flow(r.Me.ID)
	if IsNotFound(err) || (err == nil && f.Name != d.Name) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	s, ok := d.load(f)
	i := d.index(step)
	switch {
	case !ok || s.at < 0:
		return r.Toast(r.T("error.stale_button"))
	case verb == "x":
		return s.cancel(r)
	case i < 0 || i > s.at || !d.Steps[i].active(s.data.V):
		return r.Toast(r.T("error.stale_button"))
	case i < s.at && verb != "o" && verb != "k":
		return r.Toast(r.T("error.stale_button"))
	case verb == "b":
		return s.back(r, true)
	}
	if i < s.at {
		s.at = i
		s.data.Sub, s.data.Page, s.data.Q = "", 0, ""
	}
	taken, err := d.Steps[i].pressed(r, s, verb, arg)
	if err != nil || !taken {
		return err
	}
	return s.advance(r, i+1)
}
