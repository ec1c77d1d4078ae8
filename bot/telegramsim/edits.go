package telegramsim

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// editTargetLocked finds the bot message an edit* call refers to.
func (s *Server) editTargetLocked(c *chatState, req *request) (*msgRec, *reply) {
	fail := func(desc string) (*msgRec, *reply) {
		rep := badRequest(desc)
		return nil, &rep
	}
	if c == nil {
		if _, ok := req.vals["inline_message_id"]; ok {
			return fail("MESSAGE_ID_INVALID")
		}
		return fail("message identifier is not specified")
	}
	id, ok := intParam(req.vals, "message_id")
	if !ok {
		return fail("message identifier is not specified")
	}
	r := c.bot(int(id))
	if r == nil {
		if c.exists(int(id)) {
			return fail("message can't be edited")
		}
		return fail("message to edit not found")
	}
	return r, nil
}

func entitiesKey(ents []models.MessageEntity) string {
	if len(ents) == 0 {
		return ""
	}
	b, _ := json.Marshal(ents)
	return string(b)
}

// edited marks a successful edit.
func (c *chatState) edited(r *msgRec) {
	r.Edits++
	r.edited = time.Now()
	c.touch(r)
}

func (s *Server) editTextLocked(c *chatState, req *request) reply {
	r, rep := s.editTargetLocked(c, req)
	if rep != nil {
		return *rep
	}
	text, _ := strParam(req.vals, "text")
	plain, ents, mode, rep := render(text, req.vals, "entities")
	switch {
	case rep != nil:
		return *rep
	case strings.TrimSpace(plain) == "":
		return badRequest("message text is empty")
	case utf16Len(plain) > maxTextLen:
		return badRequest("message is too long")
	case r.Text == "":
		return badRequest("there is no text in the message to edit")
	}
	mk, rep := readMarkup(req.vals)
	if rep != nil {
		return *rep
	}
	if plain == r.Plain && entitiesKey(ents) == entitiesKey(r.entities) && mk.key == r.markupKey {
		return badRequest("message is not modified")
	}
	r.Text, r.Plain, r.ParseMode, r.entities = text, plain, mode, ents
	mk.apply(r)
	c.edited(r)
	return okReply(s.wire(c, r))
}

func (s *Server) editCaptionLocked(c *chatState, req *request) reply {
	r, rep := s.editTargetLocked(c, req)
	if rep != nil {
		return *rep
	}
	if r.Text != "" {
		return badRequest("there is no caption in the message to edit")
	}
	caption, _ := strParam(req.vals, "caption")
	plain, ents, mode, rep := render(caption, req.vals, "caption_entities")
	if rep != nil {
		return *rep
	}
	if utf16Len(plain) > maxCaptionLen {
		return badRequest("message caption is too long")
	}
	mk, rep := readMarkup(req.vals)
	if rep != nil {
		return *rep
	}
	if plain == r.Plain && entitiesKey(ents) == entitiesKey(r.captionEntities) && mk.key == r.markupKey {
		return badRequest("message is not modified")
	}
	r.Caption, r.Plain, r.ParseMode, r.captionEntities = caption, plain, mode, ents
	mk.apply(r)
	c.edited(r)
	return okReply(s.wire(c, r))
}

func (s *Server) editMarkupLocked(c *chatState, req *request) reply {
	r, rep := s.editTargetLocked(c, req)
	if rep != nil {
		return *rep
	}
	mk, rep := readMarkup(req.vals)
	if rep != nil {
		return *rep
	}
	if mk.key == r.markupKey {
		return badRequest("message is not modified")
	}
	mk.apply(r)
	c.edited(r)
	return okReply(s.wire(c, r))
}

// editOtherLocked answers the edit methods without special handling.
func (s *Server) editOtherLocked(c *chatState, req *request) reply {
	if c == nil {
		if _, ok := req.vals["inline_message_id"]; ok {
			return okReply(true)
		}
	}
	r, rep := s.editTargetLocked(c, req)
	if rep != nil {
		return *rep
	}
	c.edited(r)
	return okReply(s.wire(c, r))
}

func (s *Server) deleteLocked(c *chatState, req *request) reply {
	var ids []int
	if id, ok := intParam(req.vals, "message_id"); ok {
		if !c.exists(int(id)) {
			return badRequest("message to delete not found")
		}
		ids = append(ids, int(id))
	}
	list, _ := req.vals["message_ids"].([]any)
	for _, v := range list {
		if n, ok := v.(json.Number); ok && c.exists(int(numberInt(n))) {
			ids = append(ids, int(numberInt(n)))
		}
	}
	for _, id := range ids {
		c.deleted[id] = true
		if r := c.byID[id]; r != nil {
			r.deleted = true
			c.touch(r)
		}
	}
	return okReply(true)
}

func (s *Server) pinLocked(c *chatState, req *request) reply {
	id, hasID := intParam(req.vals, "message_id")
	switch req.m.name {
	case "pinChatMessage":
		if !c.exists(int(id)) {
			return badRequest("message to pin not found")
		}
		c.pinned = append(c.pinned, int(id))
		if r := c.bot(int(id)); r != nil {
			r.Pinned = true
			c.touch(r)
		}
	case "unpinChatMessage":
		if !hasID && len(c.pinned) > 0 {
			id, hasID = int64(c.pinned[len(c.pinned)-1]), true
		}
		if hasID {
			if !c.exists(int(id)) {
				return badRequest("message to unpin not found")
			}
			s.unpin(c, int(id))
		}
	case "unpinAllChatMessages":
		for len(c.pinned) > 0 {
			s.unpin(c, c.pinned[0])
		}
	}
	return okReply(true)
}

func (s *Server) unpin(c *chatState, id int) {
	kept := c.pinned[:0]
	for _, p := range c.pinned {
		if p != id {
			kept = append(kept, p)
		}
	}
	c.pinned = kept
	if r := c.byID[id]; r != nil && r.Pinned {
		r.Pinned = false
		c.touch(r)
	}
}
