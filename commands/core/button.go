package core

import "strings"

// BtnArgs is a button's data after its prefix, split on ':': the verb
// first, then its arguments ("tm:view:12" is {"view", "12"}). The data may
// be forged, so every read allows for a part that is missing.
type BtnArgs []string

// ButtonArgs splits a button's data after prefix.
func ButtonArgs(data, prefix string) BtnArgs {
	return strings.Split(strings.TrimPrefix(data, prefix), ":")
}

// Arg is part i, "" when there is none.
func (b BtnArgs) Arg(i int) string {
	if i >= len(b) {
		return ""
	}
	return b[i]
}

// Id reads part i as an id; false when it is missing or not an id.
func (b BtnArgs) Id(i int) (int64, bool) {
	if i >= len(b) {
		return 0, false
	}
	return IdArg(b[i])
}

// MenuPress runs a command from a main-menu button: the press is answered
// at once and the command runs as if typed without arguments.
func MenuPress(run Handler) Handler {
	return func(r *Req) error {
		r.Args = ""
		if err := r.Toast(""); err != nil {
			return err
		}
		return run(r)
	}
}
