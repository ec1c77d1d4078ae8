package core

import "courtyard/telegram"

// OptionalStep is a TextStep that may be left empty: its question has a
// button labelled Skip that answers with "", and typing that label or a
// skip word (跳过, 不填, 无, 没有, skip, none) answers the same. Its
// answer is the text Parse made of what was typed, or "" (Values.String).
type OptionalStep struct {
	TextStep
	Skip func(*Req, Values) string // the label of the button that leaves it empty
}

// skipWords are the typed words of an empty answer, folded.
var skipWords = map[string]bool{"跳过": true, "略过": true, "不填": true, "不用": true, "无": true, "没有": true,
	"skip": true, "none": true, "nothing": true}

func (OptionalStep) verbs() []string { return []string{"s"} }

func (o OptionalStep) rows(r *Req, s *session) [][]telegram.Button {
	return [][]telegram.Button{{s.button(o.Skip(r, s.data.V), "s", "")}, s.navRow(r)}
}

func (o OptionalStep) ask(r *Req, s *session, edit bool) error {
	return s.show(r, o.Ask(r, s.data.V), o.rows(r, s), edit)
}

func (o OptionalStep) typed(r *Req, s *session, text string) (bool, error) {
	if w := Fold(text); skipWords[w] || w == Fold(o.Skip(r, s.data.V)) {
		s.note = r.T("dialog.picked", Esc(o.Skip(r, s.data.V)))
		return true, s.set(o.Name, "", "")
	}
	val, refusal := o.parse(r, s.data.V, text)
	if refusal != "" {
		return false, s.show(r, refusal, o.rows(r, s), false)
	}
	return true, s.set(o.Name, val, text)
}

func (o OptionalStep) pressed(r *Req, s *session, verb, _ string) (bool, error) {
	if verb != "s" {
		return false, r.Toast(r.T("error.stale_button"))
	}
	if err := r.Edit(o.Ask(r, s.data.V)+"\n"+r.T("dialog.picked", Esc(o.Skip(r, s.data.V))), nil); err != nil {
		return false, err
	}
	return true, s.set(o.Name, "", "")
}
