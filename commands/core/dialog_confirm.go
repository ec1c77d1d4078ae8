package core

import (
	"strconv"

	"courtyard/telegram"
)

// ConfirmStep shows what the answers come to, with [Confirm] [Change]
// [Cancel]. Change (修改, or a typed no) asks which earlier step to
// change, among those with a Label, or goes straight to the only one; the
// steps after it then run again. A confirm step is asked again after every
// correction. Its answer is true.
type ConfirmStep struct {
	Name    string
	Summary func(*Req, Values) string
}

func (c ConfirmStep) stepName() string       { return c.Name }
func (ConfirmStep) stepLabel() string        { return "" }
func (ConfirmStep) verbs() []string          { return []string{"y", "c", "w"} }
func (ConfirmStep) active(Values) bool       { return true }
func (ConfirmStep) keep(*Req, *session) bool { return false }

func (c ConfirmStep) ask(r *Req, s *session, edit bool) error {
	if s.data.Sub == subStepWhich {
		return c.askWhich(r, s, edit)
	}
	rows := [][]telegram.Button{{
		s.button(r.T(AnswerConfirm.Key()), "y", ""),
		s.button(r.T(AnswerChange.Key()), "c", ""),
		s.button(r.T(AnswerCancel.Key()), "x", ""),
	}}
	return s.show(r, c.Summary(r, s.data.V), rows, edit)
}

// changeable are the steps before this one a person may go back and change.
func changeable(s *session) []int {
	var out []int
	for j := 0; j < s.at; j++ {
		if st := s.d.Steps[j]; st.stepLabel() != "" && st.active(s.data.V) {
			out = append(out, j)
		}
	}
	return out
}

// which asks what to change, or goes to the only step there is.
func (c ConfirmStep) which(r *Req, s *session, edit bool) error {
	steps := changeable(s)
	switch len(steps) {
	case 0:
		return s.again(r, edit)
	case 1:
		return s.goTo(r, steps[0], edit)
	}
	s.data.Sub = subStepWhich
	return s.again(r, edit)
}

func (c ConfirmStep) askWhich(r *Req, s *session, edit bool) error {
	var btns []telegram.Button
	for _, j := range changeable(s) {
		st := s.d.Steps[j]
		btns = append(btns, s.button(r.T(st.stepLabel()), "w", st.stepName()))
	}
	return s.show(r, r.T("dialog.which"), append(inRows(btns, 0), s.navRow(r)), edit)
}

func (c ConfirmStep) typed(r *Req, s *session, text string) (bool, error) {
	if s.data.Sub == subStepWhich {
		if j, ok := typedStep(r, s, text); ok {
			return false, s.goTo(r, j, false)
		}
		s.note = r.T("dialog.tap")
		return false, c.askWhich(r, s, false)
	}
	switch a, _ := ReadAnswer(text); a {
	case AnswerYes:
		return true, s.set(c.Name, true, "")
	case AnswerChange, AnswerNo:
		return false, c.which(r, s, false)
	}
	s.note = r.T("dialog.tap")
	return false, c.ask(r, s, false)
}

// typedStep reads typed text as a step to change: its label in either
// language, or its number in the list.
func typedStep(r *Req, s *session, text string) (int, bool) {
	w := Fold(text)
	steps := changeable(s)
	for _, j := range steps {
		key := s.d.Steps[j].stepLabel()
		if Fold(StripTags(r.a.Cat.T("zh", key))) == w || Fold(StripTags(r.a.Cat.T("en", key))) == w {
			return j, true
		}
	}
	if n, err := strconv.Atoi(w); err == nil && n >= 1 && n <= len(steps) {
		return steps[n-1], true
	}
	return 0, false
}

func (c ConfirmStep) pressed(r *Req, s *session, verb, arg string) (bool, error) {
	switch {
	case verb == "y" && s.data.Sub == "":
		if err := r.Edit(c.Summary(r, s.data.V), nil); err != nil {
			return false, err
		}
		return true, s.set(c.Name, true, "")
	case verb == "c" && s.data.Sub == "":
		return false, c.which(r, s, true)
	case verb == "w" && s.data.Sub == subStepWhich:
		for _, j := range changeable(s) {
			if st := s.d.Steps[j]; st.stepName() == arg {
				if err := r.Edit(r.T("dialog.changing", r.T(st.stepLabel())), nil); err != nil {
					return false, err
				}
				return false, s.goTo(r, j, false)
			}
		}
	}
	return false, r.Toast(r.T("error.stale_button"))
}
