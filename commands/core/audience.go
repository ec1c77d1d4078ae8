package core

// Recipient is one chat a message to an audience goes to, and the
// language it is written in there.
type Recipient struct {
	Chat int64
	Lang string
}
