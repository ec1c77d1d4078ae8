package core

import (
	"strings"
	"testing"
)

// FuzzParseCommand: whatever the text, a command name is a short word in
// lower case, and arguments come only with a name.
func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"/start", "/Help@bot x", "/x@other y", "/a\tb c", "/\n", "/ticket#1", "hi", "/" + strings.Repeat("a", 40)} {
		f.Add(s)
	}
	a := &Core{BotName: "bot"}
	f.Fuzz(func(t *testing.T, s string) {
		cmd, args := a.ParseCommand(s)
		if cmd == "" && args != "" {
			t.Fatalf("%q: args %q without a command", s, args)
		}
		if len(cmd) > 32 || strings.ContainsAny(cmd, " \n\t@/") || cmd != strings.ToLower(cmd) {
			t.Fatalf("%q: command %q", s, cmd)
		}
	})
}

// FuzzIdArg: an accepted id is positive and written exactly as typed.
func FuzzIdArg(f *testing.F) {
	for _, s := range []string{"1", "#12", " 7 ", "0", "-1", "01", "1e3", "99999999999999999999", "#", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, ok := IdArg(s)
		if !ok {
			return
		}
		if id <= 0 || Itoa(id) != strings.TrimPrefix(strings.TrimSpace(s), "#") {
			t.Fatalf("%q: %d", s, id)
		}
	})
}
