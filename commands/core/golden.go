package core

import (
	"bufio"
	"fmt"
	"slices"
	"strings"

	"courtyard/storage"
)

// The permission table is reviewed as text (commands/permissions.txt): a
// line per command and button action with, for each kind of chat, the
// lowest role allowed there ("-": nobody), and the scope that decides
// access to the object the action names. Tests compare the registered
// table with it, and take their expectations from it.

// chatNames are the kinds of chat, in the text's column order.
var chatNames = []string{"private", "linked", "unlinked"}

const permissionHead = `# Who may do what. One line per command and button action; for each kind of
# chat (the person's private chat with the bot, a group linked to a building
# or the community, any other group) the lowest role allowed there, "-" for
# nobody. Roles rank resident < leader < staff < admin; "resident" includes
# people who never registered. The scope names the function of the
# capability that decides access to the ticket, job, shift, household, …
# the action names ("none": it names nothing of anyone else's; "own": only
# the person's own conversation, membership or data).
#
`

// PermissionText renders the table as the reviewed text.
func PermissionText(ps []Permission) string {
	var b strings.Builder
	b.WriteString(permissionHead)
	fmt.Fprintf(&b, "%-16s %-9s %-9s %-9s %s\n", "# action", "private", "linked", "unlinked", "scope")
	for _, p := range ps {
		cols := make([]any, 0, 5)
		cols = append(cols, p.Action)
		for _, c := range chatNames {
			if slices.Contains(p.Chats, c) {
				cols = append(cols, string(p.Min))
			} else {
				cols = append(cols, "-")
			}
		}
		scope := p.Scope
		if scope == "" {
			scope = "none"
		}
		cols = append(cols, scope)
		fmt.Fprintf(&b, "%-16s %-9s %-9s %-9s %s\n", cols...)
	}
	return b.String()
}

// Allowed is the reviewed text read back: action → chat → lowest role
// ("" for nobody).
type Allowed map[string]map[string]storage.Role

// ReadPermissionText reads the reviewed text.
func ReadPermissionText(text string) (Allowed, error) {
	out := Allowed{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 5 {
			return nil, fmt.Errorf("permissions line %d: want action, three chats and a scope: %q", n, line)
		}
		if _, dup := out[f[0]]; dup {
			return nil, fmt.Errorf("permissions line %d: %s twice", n, f[0])
		}
		row := map[string]storage.Role{}
		for i, c := range chatNames {
			if f[i+1] != "-" {
				row[c] = storage.Role(f[i+1])
			}
		}
		out[f[0]] = row
	}
	return out, sc.Err()
}

// Allows reports whether the text lets role use action in chat.
func (a Allowed) Allows(action string, role storage.Role, chat string) bool {
	min, ok := a[action][chat]
	return ok && role.Rank() >= min.Rank()
}
