package core

// Recipient is one chat a message to an audience goes to, and the
// language it is written in there.
type Recipient struct {
	Chat int64
	Lang string
}

// RemoveStr returns ss without s.
func RemoveStr(ss []string, s string) []string {
	var out []string
	for _, x := range ss {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
