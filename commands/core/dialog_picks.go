package core

import (
	"strings"

	"courtyard/telegram"
)

// PicksStep offers options as toggles: each press picks an option or
// puts it back, and [Confirm] takes the picks (at least Min, 0 meaning
// one). Typed text is read as the options it names, separated by spaces,
// commas or 、 ("3 5", "3、5号楼" when the words allow): all of them, or
// the step is asked again; a typed yes takes the picks so far. The answer
// is the keys picked, in the options' order (Values.Get into a
// []string). After a correction it stands while every key is still among
// the options.
type PicksStep struct {
	Name    string
	Label   string // catalog key naming the step in "what to change"
	Ask     func(*Req, Values) string
	Options func(*Req, Values) []Option
	Min     int
	Columns int // buttons a row; 0 picks by the length of the texts
}

func (p PicksStep) stepName() string  { return p.Name }
func (p PicksStep) stepLabel() string { return p.Label }
func (PicksStep) verbs() []string     { return []string{"t", "d"} }
func (PicksStep) active(Values) bool  { return true }

// draftKey holds the picks while the step is asked; ':' keeps it apart
// from every step's name.
func (p PicksStep) draftKey() string { return p.Name + ":picking" }

func (p PicksStep) min() int { return max(p.Min, 1) }

// picked are the keys picked so far: the draft, else the answer given.
func (p PicksStep) picked(v Values) []string {
	var keys []string
	if !v.Get(p.draftKey(), &keys) {
		v.Get(p.Name, &keys)
	}
	return keys
}

// inOrder keeps the keys that are options, in the options' order.
func inOrder(opts []Option, keys []string) []string {
	out := []string{}
	for _, o := range opts {
		if ContainsStr(keys, o.Key) {
			out = append(out, o.Key)
		}
	}
	return out
}

func (p PicksStep) keep(r *Req, s *session) bool {
	var keys []string
	if !s.data.V.Get(p.Name, &keys) {
		return false
	}
	return len(keys) >= p.min() && len(inOrder(p.Options(r, s.data.V), keys)) == len(keys)
}

// texts are the picked options' texts, joined for the reader.
func (p PicksStep) texts(r *Req, opts []Option, keys []string) string {
	var ts []string
	for _, o := range opts {
		if ContainsStr(keys, o.Key) {
			ts = append(ts, o.Text(r.Lang))
		}
	}
	return r.ListJoin(ts)
}

func (p PicksStep) ask(r *Req, s *session, edit bool) error {
	opts := p.Options(r, s.data.V)
	keys := p.picked(s.data.V)
	btns := make([]telegram.Button, 0, len(opts))
	for _, o := range opts {
		text := o.Text(r.Lang)
		if ContainsStr(keys, o.Key) {
			text = "✓ " + text
		}
		btns = append(btns, s.button(text, "t", o.Key))
	}
	cols := p.Columns
	if cols == 0 {
		// As wide as the texts with their marks, so that the rows stay
		// put as options are picked.
		longest := 0
		for _, o := range opts {
			longest = max(longest, RuneLen(o.Text(r.Lang))+2)
		}
		cols = colsFor(longest)
	}
	rows := inRows(btns, cols)
	rows = append(rows, []telegram.Button{s.button(r.T(AnswerConfirm.Key()), "d", "")}, s.navRow(r))
	text := p.Ask(r, s.data.V) + "\n"
	if len(keys) == 0 {
		text += r.T("dialog.picks_hint")
	} else {
		text += r.T("dialog.picks_so_far", Esc(p.texts(r, opts, keys)))
	}
	return s.show(r, text, rows, edit)
}

// take answers the step with keys.
func (p PicksStep) take(s *session, keys []string) error {
	delete(s.data.V, p.draftKey())
	return s.set(p.Name, keys, "")
}

func (p PicksStep) typed(r *Req, s *session, text string) (bool, error) {
	opts := p.Options(r, s.data.V)
	if a, ok := ReadAnswer(text); ok && a == AnswerYes {
		keys := inOrder(opts, p.picked(s.data.V))
		if len(keys) < p.min() {
			s.note = r.T("dialog.picks_none")
			return false, p.ask(r, s, false)
		}
		s.note = r.T("dialog.picked", Esc(p.texts(r, opts, keys)))
		return true, p.take(s, keys)
	}
	var keys []string
	words := strings.FieldsFunc(text, func(c rune) bool {
		return c == ',' || c == '，' || c == '、' || c == ';' || c == '；' || c == ' ' || c == '\u3000'
	})
	for _, w := range words {
		o, ok := pickOption(opts, w)
		if !ok {
			keys = nil
			break
		}
		keys = append(keys, o.Key)
	}
	keys = inOrder(opts, keys)
	if len(keys) < p.min() {
		s.note = r.T("dialog.tap")
		return false, p.ask(r, s, false)
	}
	s.note = r.T("dialog.picked", Esc(p.texts(r, opts, keys)))
	return true, p.take(s, keys)
}

func (p PicksStep) pressed(r *Req, s *session, verb, key string) (bool, error) {
	opts := p.Options(r, s.data.V)
	keys := inOrder(opts, p.picked(s.data.V))
	switch verb {
	case "t":
		if _, ok := findOption(opts, key); !ok {
			return false, r.Toast(r.T("error.stale_button"))
		}
		if ContainsStr(keys, key) {
			keys = removeStr(keys, key)
		} else {
			keys = inOrder(opts, append(keys, key))
		}
		if err := s.data.V.Set(p.draftKey(), keys); err != nil {
			return false, err
		}
		return false, s.again(r, true)
	case "d":
		if len(keys) < p.min() {
			return false, r.Toast(r.T("dialog.picks_none"))
		}
		if err := r.Edit(p.Ask(r, s.data.V)+"\n"+r.T("dialog.picked", Esc(p.texts(r, opts, keys))), nil); err != nil {
			return false, err
		}
		return true, p.take(s, keys)
	}
	return false, r.Toast(r.T("error.stale_button"))
}

func findOption(opts []Option, key string) (Option, bool) {
	for _, o := range opts {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

func removeStr(xs []string, x string) []string {
	out := make([]string, 0, len(xs))
	for _, v := range xs {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

// colsFor is how many buttons a row fit texts of up to longest runes, as
// inRows lays them out.
func colsFor(longest int) int {
	switch {
	case longest <= 4:
		return 4
	case longest <= 8:
		return 2
	}
	return 1
}
