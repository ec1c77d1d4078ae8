package telegramsim

import (
	"encoding/json"
	"fmt"
	"path"

	"github.com/go-telegram/bot/models"
)

// sendMediaGroupLocked handles sendMediaGroup: an album of up to 10 items,
// each with its own caption, sent as one message per item sharing a
// media_group_id (the table's types already keep documents and audio
// files to albums of their own kind). As Telegram does, a single item is
// sent as one message outside any album, although the documentation asks
// for 2-10. Photos are recorded like sendPhoto's.
func (s *Server) sendMediaGroupLocked(c *chatState, req *request) reply {
	media, _ := req.vals["media"].([]any)
	switch {
	case len(media) > 10:
		return badRequest("too many messages to send as an album")
	case len(media) == 0:
		return badRequest("there are no messages to send")
	}
	for _, item := range media {
		m, _ := item.(map[string]any)
		caption, _ := m["caption"].(string)
		plain, _, _, rep := render(caption, m, "caption_entities")
		if rep != nil {
			return *rep
		}
		if utf16Len(plain) > maxCaptionLen {
			return badRequest("message caption is too long")
		}
		if ref, _ := m["media"].(string); ref == "" {
			return badRequest("media not found")
		}
	}
	replyID, replyMsg, rep := s.replyToLocked(c, req.vals)
	if rep != nil {
		return *rep
	}
	group := ""
	if len(media) > 1 {
		s.nextFile++
		group = fmt.Sprintf("%d", 13000000000000000+s.nextFile)
	}
	out := make([]wireMessage, 0, len(media))
	for _, item := range media {
		m, _ := item.(map[string]any)
		rec := s.newMessageLocked(c, req.m.name)
		rec.ReplyTo, rec.replyTo = replyID, replyMsg
		rec.MediaGroupID = group
		caption, _ := m["caption"].(string)
		plain, ents, mode, _ := render(caption, m, "caption_entities")
		rec.Caption, rec.Plain, rec.ParseMode, rec.captionEntities = caption, plain, mode, ents
		ref, _ := m["media"].(string)
		if kind, _ := m["type"].(string); kind == "photo" {
			stored := s.files[ref]
			if stored == nil {
				stored = s.storeFileLocked("photo", path.Base(ref), nil)
			}
			rec.Photo = ref
			rec.photo = []models.PhotoSize{
				{FileID: stored.id + "-s", FileUniqueID: stored.unique + "-s", Width: 90, Height: 90, FileSize: len(stored.data) / 10},
				{FileID: stored.id, FileUniqueID: stored.unique, Width: 800, Height: 800, FileSize: len(stored.data)},
			}
		}
		out = append(out, s.wire(c, rec))
	}
	return okReply(out)
}

// sendLocationLocked handles sendLocation.
func (s *Server) sendLocationLocked(c *chatState, req *request) reply {
	lat, lon := floatParam(req.vals, "latitude"), floatParam(req.vals, "longitude")
	if lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return badRequest("wrong location specified")
	}
	rec, rep := s.newSentLocked(c, req)
	if rep != nil {
		return *rep
	}
	rec.Location = &models.Location{Latitude: lat, Longitude: lon}
	return okReply(s.wire(c, rec))
}

func floatParam(vals map[string]any, name string) float64 {
	n, _ := vals[name].(json.Number)
	f, _ := n.Float64()
	return f
}
