package core

import "html"

// Refuse answers a press with a toast, a message with a reply.
func (r *Req) Refuse(text string) error {
	if r.CB != nil {
		return r.Toast(html.UnescapeString(StripTags(text)))
	}
	return r.Reply(text, nil)
}
