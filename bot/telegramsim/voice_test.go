package telegramsim

import (
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestVoiceNotes(t *testing.T) {
	s := newTest(t)
	u := s.User(9, "Fay", "en")
	s.SendVoice(u, PrivateChat(u), 42, "")
	s.SendAudio(u, PrivateChat(u), 30, "")
	s.SendPhoto(u, PrivateChat(u), "")
	var voice, audio, photo string
	s.mu.Lock()
	queued := append([]queuedUpdate(nil), s.queue...)
	s.mu.Unlock()
	for _, q := range queued {
		var up models.Update
		if err := jsonUnmarshal(q.raw, &up); err != nil {
			t.Fatal(err)
		}
		switch m := up.Message; {
		case m.Voice != nil:
			voice = m.Voice.FileID
		case m.Audio != nil:
			audio = m.Audio.FileID
		case len(m.Photo) > 0:
			photo = m.Photo[len(m.Photo)-1].FileID
		}
	}
	var sent models.Message
	mustOK(t, callJSON(t, s, "sendVoice", map[string]any{"chat_id": 9, "voice": voice, "caption": "<b>#1</b> voice", "parse_mode": "HTML"})).decode(t, &sent)
	if sent.Voice == nil || sent.Voice.FileID != voice || sent.Voice.Duration != 42 || sent.Caption != "#1 voice" {
		t.Fatalf("voice answer %+v", sent)
	}
	if m := s.Messages(9)[0]; m.Voice != voice || m.Method != "sendVoice" || m.Plain != "#1 voice" {
		t.Errorf("voice message %+v", m)
	}
	mustOK(t, callJSON(t, s, "sendAudio", map[string]any{"chat_id": 9, "audio": audio})).decode(t, &sent)
	if sent.Audio == nil || sent.Audio.FileID != audio || s.Messages(9)[1].Audio != audio {
		t.Errorf("audio answer %+v", sent)
	}
	wantErr(t, callJSON(t, s, "sendVoice", map[string]any{"chat_id": 9, "voice": photo}), 400,
		"Bad Request: can't use file of type Photo as Voice")
	wantErr(t, callJSON(t, s, "sendVoice", map[string]any{"chat_id": 9, "voice": "nonsense"}), 400,
		"Bad Request: wrong file identifier/HTTP URL specified")
	if len(s.Violations()) != 0 {
		t.Errorf("violations %v", s.Violations())
	}
}
