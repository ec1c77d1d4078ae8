package core

import (
	"html"
	"strconv"

	"courtyard/telegram"
)

// Option is one button of a choice, with its words in both languages: a
// person who types an option's words, whatever their language, or its
// number (1 for the first), picks it.
type Option struct {
	Key   string   // the answer stored; it rides in the button's data
	Zh    string   // its text in Chinese
	En    string   // its text in English; "" is Zh
	Words []string // more words that pick it when typed
}

// Text is the option's text in lang.
func (o Option) Text(lang string) string {
	if lang == "en" && o.En != "" {
		return o.En
	}
	return o.Zh
}

// Option is an option whose texts are the catalog message labelKey.
func (a *Core) Option(key, labelKey string, words ...string) Option {
	plain := func(lang string) string { return html.UnescapeString(StripTags(a.Cat.T(lang, labelKey))) }
	return Option{Key: key, Zh: plain("zh"), En: plain("en"), Words: words}
}

// pickOption reads typed text as one of opts: an option's words first, so
// that a typed "3" is the option whose text is 3 before it is the third.
func pickOption(opts []Option, text string) (Option, bool) {
	if o, ok := pickWords(opts, text); ok {
		return o, true
	}
	if n, err := strconv.Atoi(Fold(text)); err == nil && n >= 1 && n <= len(opts) {
		return opts[n-1], true
	}
	return Option{}, false
}

// pickWords reads typed text as one of opts by its words alone.
func pickWords(opts []Option, text string) (Option, bool) {
	w := Fold(text)
	if w == "" {
		return Option{}, false
	}
	for _, o := range opts {
		if Fold(o.Zh) == w || Fold(o.En) == w {
			return o, true
		}
		for _, x := range o.Words {
			if Fold(x) == w {
				return o, true
			}
		}
	}
	return Option{}, false
}

// ChoiceStep offers options as buttons. Its answer is the option's Key
// (Values.String). After a correction it stands while its key is still
// among the options.
//
// With Other, the buttons are the usual answers and another one may be
// typed ("3h", a number, an expression): text that is no option's words
// (a number is then a value, not an option's place) is read by Other
// into the answer stored (a string), or refused with what to say and the
// step asked again with its buttons. An answer typed so is read again
// after a correction; a seeded one stands.
type ChoiceStep struct {
	Name    string
	Label   string // catalog key naming the step in "what to change"
	Ask     func(*Req, Values) string
	Options func(*Req, Values) []Option
	Columns int // buttons a row; 0 picks by the length of the texts
	// Read, when set, reads typed text as an answer the buttons only
	// suggest (a number of people: 4, 6, 8, or the 12 typed), before the
	// options' words and numbers: a typed 2 is then 2, not the second
	// option. Options lists the answer so taken once it is the step's.
	Read func(r *Req, v Values, text string) (Option, bool)
	// Other, when set, reads typed text that is no option's words into
	// the answer stored, or refuses it (see the type's comment).
	Other func(r *Req, v Values, text string) (answer string, refusal string)
}

func (c ChoiceStep) stepName() string  { return c.Name }
func (c ChoiceStep) stepLabel() string { return c.Label }
func (ChoiceStep) verbs() []string     { return []string{"o"} }
func (ChoiceStep) active(Values) bool  { return true }

func (c ChoiceStep) find(r *Req, v Values, key string) (Option, bool) {
	for _, o := range c.Options(r, v) {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

func (c ChoiceStep) keep(r *Req, s *session) bool {
	if _, ok := c.find(r, s.data.V, s.data.V.String(c.Name)); ok || c.Other == nil {
		return ok
	}
	in, typed := s.data.In[c.Name]
	if !typed {
		return s.data.V.Has(c.Name) // seeded
	}
	val, refusal := c.Other(r, s.data.V, in)
	return refusal == "" && s.set(c.Name, val, in) == nil
}

func (c ChoiceStep) ask(r *Req, s *session, edit bool) error {
	opts := c.Options(r, s.data.V)
	btns := make([]telegram.Button, 0, len(opts))
	for _, o := range opts {
		btns = append(btns, s.button(o.Text(r.Lang), "o", o.Key))
	}
	rows := append(inRows(btns, c.Columns), s.navRow(r))
	return s.show(r, c.Ask(r, s.data.V), rows, edit)
}

func (c ChoiceStep) typed(r *Req, s *session, text string) (bool, error) {
	o, ok := Option{}, false
	if c.Read != nil {
		o, ok = c.Read(r, s.data.V, text)
	}
	if !ok {
		pick := pickOption
		if c.Other != nil {
			pick = pickWords
		}
		o, ok = pick(c.Options(r, s.data.V), text)
	}
	if !ok && c.Other != nil {
		val, refusal := c.Other(r, s.data.V, text)
		if refusal != "" {
			s.note = refusal
			return false, c.ask(r, s, false)
		}
		return true, s.set(c.Name, val, text)
	}
	if !ok {
		s.note = r.T("dialog.tap")
		return false, c.ask(r, s, false)
	}
	s.note = r.T("dialog.picked", Esc(o.Text(r.Lang)))
	return true, s.set(c.Name, o.Key, "")
}

func (c ChoiceStep) pressed(r *Req, s *session, verb, key string) (bool, error) {
	o, ok := c.find(r, s.data.V, key)
	if verb != "o" || !ok {
		return false, r.Toast(r.T("error.stale_button"))
	}
	if err := r.Edit(c.Ask(r, s.data.V)+"\n"+r.T("dialog.picked", Esc(o.Text(r.Lang))), nil); err != nil {
		return false, err
	}
	return true, s.set(c.Name, o.Key, "")
}

// inRows lays buttons out cols a row; cols 0 fits the row to the longest
// text: four short ones, two middling ones, or one.
func inRows(btns []telegram.Button, cols int) [][]telegram.Button {
	if cols <= 0 {
		longest := 0
		for _, b := range btns {
			longest = max(longest, RuneLen(b.Text))
		}
		switch {
		case longest <= 4:
			cols = 4
		case longest <= 8:
			cols = 2
		default:
			cols = 1
		}
	}
	var rows [][]telegram.Button
	for len(btns) > 0 {
		n := min(cols, len(btns))
		rows = append(rows, btns[:n:n])
		btns = btns[n:]
	}
	return rows
}
