package telegramsim

import (
	"bytes"
	"encoding/json"
	"image"
	_ "image/gif" // photos Telegram takes
	_ "image/jpeg"
	_ "image/png"
	"mime"
	"path"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// Telegram's limits, in UTF-16 code units after entity parsing.
const (
	maxTextLen    = 4096
	maxCaptionLen = 1024
	maxAnswerLen  = 200 // answerCallbackQuery's text
	maxButtonData = 64  // bytes
)

// render parses text by the call's parse_mode, or takes explicit entities.
// Markdown and MarkdownV2 are accepted but not parsed: the text stays as sent.
func render(text string, vals map[string]any, entitiesKey string) (string, []models.MessageEntity, string, *reply) {
	mode, _ := strParam(vals, "parse_mode")
	switch strings.ToLower(mode) {
	case "":
		var ents []models.MessageEntity
		if v, ok := vals[entitiesKey]; ok {
			decodeInto(v, &ents)
		}
		return text, ents, mode, nil
	case "html":
		plain, ents, err := parseHTML(text)
		if err != nil {
			rep := badRequest("can't parse entities: " + err.Error())
			return "", nil, mode, &rep
		}
		return plain, ents, mode, nil
	case "markdown", "markdownv2":
		return text, nil, mode, nil
	}
	rep := badRequest("unsupported parse_mode")
	return "", nil, mode, &rep
}

// markup is a checked reply_markup.
type markup struct {
	buttons    [][]Button
	keyboard   [][]string
	forceReply bool
	key        string // canonical JSON of an inline keyboard markup, "" if none
}

func readMarkup(vals map[string]any) (markup, *reply) {
	v, ok := vals["reply_markup"].(map[string]any)
	if !ok {
		return markup{}, nil
	}
	var mk markup
	if rows, ok := v["inline_keyboard"].([]any); ok {
		for _, row := range rows {
			cells, _ := row.([]any)
			out := make([]Button, 0, len(cells))
			for _, cell := range cells {
				b, _ := cell.(map[string]any)
				text, _ := b["text"].(string)
				data, hasData := b["callback_data"].(string)
				url, _ := b["url"].(string)
				if hasData && (data == "" || len(data) > maxButtonData) {
					rep := badRequest("BUTTON_DATA_INVALID")
					return markup{}, &rep
				}
				if !hasAction(b) {
					rep := badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
					return markup{}, &rep
				}
				out = append(out, Button{Text: text, Data: data, URL: url})
			}
			mk.buttons = append(mk.buttons, out)
		}
		b, _ := json.Marshal(v) // map keys come out sorted: a canonical form
		mk.key = string(b)
	}
	if rows, ok := v["keyboard"].([]any); ok {
		for _, row := range rows {
			cells, _ := row.([]any)
			out := make([]string, 0, len(cells))
			for _, cell := range cells {
				b, _ := cell.(map[string]any)
				text, _ := b["text"].(string)
				out = append(out, text)
			}
			mk.keyboard = append(mk.keyboard, out)
		}
	}
	mk.forceReply, _ = v["force_reply"].(bool)
	return mk, nil
}

// hasAction reports whether an inline button has a field besides its label.
func hasAction(b map[string]any) bool {
	for k := range b {
		switch k {
		case "text", "icon_custom_emoji_id", "style":
		default:
			return true
		}
	}
	return false
}

// apply sets a message's keyboard. Messages only carry inline keyboards;
// reply keyboards and ForceReply are remembered for the side that plays
// the users.
func (mk markup) apply(r *msgRec) {
	r.Buttons, r.markupKey = mk.buttons, mk.key
	if mk.keyboard != nil {
		r.Keyboard = mk.keyboard
	}
	r.ForceReply = r.ForceReply || mk.forceReply
}

// replyToLocked checks reply_parameters and returns the replied message.
func (s *Server) replyToLocked(c *chatState, vals map[string]any) (int, *models.Message, *reply) {
	rp, ok := vals["reply_parameters"].(map[string]any)
	if !ok {
		return 0, nil, nil
	}
	n, _ := rp["message_id"].(json.Number)
	id := int(numberInt(n))
	if !c.exists(id) {
		if allow, _ := rp["allow_sending_without_reply"].(bool); allow {
			return 0, nil, nil
		}
		rep := badRequest("message to be replied not found")
		return 0, nil, &rep
	}
	if r := c.bot(id); r != nil {
		m := s.api(c, r)
		m.ReplyToMessage = nil
		return id, &m, nil
	}
	return id, &models.Message{ID: id, Chat: c.info, Date: int(time.Now().Unix())}, nil
}

// newMessageLocked allocates the next message id in the chat for a bot
// message.
func (s *Server) newMessageLocked(c *chatState, method string) *msgRec {
	r := &msgRec{Message: Message{ChatID: c.info.ID, ID: c.nextID, Date: s.now(), Method: method}}
	c.nextID++
	c.msgs = append(c.msgs, r)
	c.byID[r.ID] = r
	c.touch(r)
	return r
}

// newSentLocked records a new bot message with what every send carries:
// its keyboard and the message it replies to (checked to exist).
func (s *Server) newSentLocked(c *chatState, req *request) (*msgRec, *reply) {
	mk, rep := readMarkup(req.vals)
	if rep != nil {
		return nil, rep
	}
	replyID, replyMsg, rep := s.replyToLocked(c, req.vals)
	if rep != nil {
		return nil, rep
	}
	r := s.newMessageLocked(c, req.m.name)
	r.ReplyTo, r.replyTo = replyID, replyMsg
	mk.apply(r)
	return r, nil
}

func (s *Server) sendMessageLocked(c *chatState, req *request) reply {
	text, _ := strParam(req.vals, "text")
	plain, ents, mode, rep := render(text, req.vals, "entities")
	switch {
	case rep != nil:
		return *rep
	case strings.TrimSpace(plain) == "":
		return badRequest("message text is empty")
	case utf16Len(plain) > maxTextLen:
		return badRequest("message is too long")
	}
	r, rep := s.newSentLocked(c, req)
	if rep != nil {
		return *rep
	}
	r.Text, r.Plain, r.ParseMode, r.entities = text, plain, mode, ents
	return okReply(s.wire(c, r))
}

// sendFileLocked handles sendPhoto and sendDocument.
func (s *Server) sendFileLocked(c *chatState, req *request) reply {
	caption, _ := strParam(req.vals, "caption")
	plain, ents, mode, rep := render(caption, req.vals, "caption_entities")
	if rep != nil {
		return *rep
	}
	if utf16Len(plain) > maxCaptionLen {
		return badRequest("message caption is too long")
	}
	photo := req.m.name == "sendPhoto"
	param := "document"
	if photo {
		param = "photo"
	}
	w, h := 800, 800
	up, uploaded := req.vals[param].(Upload)
	if uploaded && photo {
		// Telegram decodes an uploaded photo and refuses what is not a
		// picture; it keeps the picture's proportions.
		if len(up.Data) > maxPhotoUpload {
			return badRequest("PHOTO_INVALID_DIMENSIONS")
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(up.Data))
		if err != nil || cfg.Width == 0 || cfg.Height == 0 {
			return badRequest("IMAGE_PROCESS_FAILED")
		}
		w, h = cfg.Width, cfg.Height
	}
	r, rep := s.newSentLocked(c, req)
	if rep != nil {
		return *rep
	}
	if uploaded && photo {
		r.PhotoName, r.PhotoData = up.Name, up.Data
	}
	var ref string
	var stored *storedFile
	switch v := req.vals[param].(type) {
	case Upload:
		kind := "document"
		if photo {
			kind = "photo"
		}
		stored = s.storeFileLocked(kind, v.Name, v.Data)
		ref = stored.id
	case string:
		ref = v
		if f := s.files[v]; f != nil {
			stored = f
		} else {
			stored = s.storeFileLocked(param, path.Base(v), nil)
		}
	}
	r.Caption, r.Plain, r.ParseMode, r.captionEntities = caption, plain, mode, ents
	if photo {
		r.Photo = ref
		sw, sh := scaleTo(w, h, 90)
		fw, fh := scaleTo(w, h, 1280)
		r.photo = []models.PhotoSize{
			{FileID: stored.id + "-s", FileUniqueID: stored.unique + "-s", Width: sw, Height: sh, FileSize: len(stored.data) / 10},
			{FileID: stored.id, FileUniqueID: stored.unique, Width: fw, Height: fh, FileSize: len(stored.data)},
		}
	} else {
		r.Document = ref
		if up, ok := req.vals[param].(Upload); ok {
			r.DocumentName, r.DocumentData = up.Name, up.Data
		}
		r.document = &models.Document{
			FileID: stored.id, FileUniqueID: stored.unique, FileName: r.DocumentName,
			MimeType: mimeType(r.DocumentName), FileSize: int64(len(stored.data)),
		}
	}
	return okReply(s.wire(c, r))
}

func mimeType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// sendVoiceLocked handles sendVoice and sendAudio. As Telegram does, a
// file_id of another kind of file (a photo, a document) is refused.
func (s *Server) sendVoiceLocked(c *chatState, req *request) reply {
	kind, title := "voice", "Voice"
	if req.m.name == "sendAudio" {
		kind, title = "audio", "Audio"
	}
	caption, _ := strParam(req.vals, "caption")
	plain, ents, mode, rep := render(caption, req.vals, "caption_entities")
	if rep != nil {
		return *rep
	}
	if utf16Len(plain) > maxCaptionLen {
		return badRequest("message caption is too long")
	}
	var stored *storedFile
	switch v := req.vals[kind].(type) {
	case Upload:
		stored = s.storeFileLocked(kind, v.Name, v.Data)
	case string:
		stored = s.files[v]
		switch {
		case stored == nil && strings.HasPrefix(v, "http"):
			stored = s.storeFileLocked(kind, path.Base(v), nil)
		case stored == nil:
			return badRequest("wrong file identifier/HTTP URL specified")
		case stored.kind != kind:
			return badRequest("can't use file of type " + strings.ToUpper(stored.kind[:1]) + stored.kind[1:] + " as " + title)
		}
	}
	r, rep := s.newSentLocked(c, req)
	if rep != nil {
		return *rep
	}
	r.Caption, r.Plain, r.ParseMode, r.captionEntities = caption, plain, mode, ents
	dur := stored.duration
	if d, ok := req.vals["duration"].(float64); ok {
		dur = int(d)
	}
	if kind == "audio" {
		r.Audio = stored.id
		r.audio = &models.Audio{FileID: stored.id, FileUniqueID: stored.unique, Duration: dur, MimeType: "audio/mpeg", FileSize: int64(len(stored.data))}
	} else {
		r.Voice = stored.id
		r.voice = &models.Voice{FileID: stored.id, FileUniqueID: stored.unique, Duration: dur, MimeType: "audio/ogg", FileSize: int64(len(stored.data))}
	}
	return okReply(s.wire(c, r))
}

// maxPhotoUpload is the largest photo a bot may upload (10 MB).
const maxPhotoUpload = 10 << 20

// scaleTo fits w×h within side×side, keeping its proportions, as Telegram's
// photo sizes do; a smaller picture keeps its size.
func scaleTo(w, h, side int) (int, int) {
	if w <= side && h <= side {
		return w, h
	}
	if w >= h {
		return side, max(1, h*side/w)
	}
	return max(1, w*side/h), side
}
