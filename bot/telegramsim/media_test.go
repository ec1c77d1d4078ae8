package telegramsim

import (
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestMediaGroupsAndLocations(t *testing.T) {
	s := newTest(t)
	u := s.User(9, "Fay", "en")
	s.SendText(u, PrivateChat(u), "hi")
	photo := func(id, caption string) map[string]any {
		m := map[string]any{"type": "photo", "media": id}
		if caption != "" {
			m["caption"], m["parse_mode"] = caption, "HTML"
		}
		return m
	}
	var sent []models.Message
	mustOK(t, callJSON(t, s, "sendMediaGroup", map[string]any{"chat_id": 9,
		"media": []any{photo("AgAC1", "<b>#1</b> photos"), photo("AgAC2", "")}})).decode(t, &sent)
	if len(sent) != 2 || sent[0].MediaGroupID == "" || sent[0].MediaGroupID != sent[1].MediaGroupID || len(sent[0].Photo) == 0 {
		t.Fatalf("album answer %+v", sent)
	}
	msgs := s.Messages(9)
	if len(msgs) != 2 || msgs[0].Photo != "AgAC1" || msgs[1].Photo != "AgAC2" || msgs[0].Plain != "#1 photos" || msgs[0].MediaGroupID != msgs[1].MediaGroupID {
		t.Errorf("album messages %+v", msgs)
	}
	// At most 10 items (mixed kinds are refused by the table's types); one
	// item is sent outside any album.
	wantErr(t, callJSON(t, s, "sendMediaGroup", map[string]any{"chat_id": 9, "media": []any{}}), 400,
		"Bad Request: there are no messages to send")
	var one []models.Message
	mustOK(t, callJSON(t, s, "sendMediaGroup", map[string]any{"chat_id": 9, "media": []any{photo("AgAC3", "")}})).decode(t, &one)
	if len(one) != 1 || one[0].MediaGroupID != "" || s.Messages(9)[2].Photo != "AgAC3" {
		t.Errorf("a one-item album %+v", one)
	}
	eleven := []any{}
	for range 11 {
		eleven = append(eleven, photo("AgAC1", ""))
	}
	wantErr(t, callJSON(t, s, "sendMediaGroup", map[string]any{"chat_id": 9, "media": eleven}), 400,
		"Bad Request: too many messages to send as an album")

	var loc models.Message
	mustOK(t, callJSON(t, s, "sendLocation", map[string]any{"chat_id": 9, "latitude": 31.23, "longitude": 121.47})).decode(t, &loc)
	if loc.Location == nil || loc.Location.Latitude != 31.23 {
		t.Errorf("location answer %+v", loc)
	}
	if m := s.Messages(9)[3]; m.Location == nil || m.Location.Longitude != 121.47 || m.Method != "sendLocation" {
		t.Errorf("location message %+v", m)
	}
	wantErr(t, callJSON(t, s, "sendLocation", map[string]any{"chat_id": 9, "latitude": 91, "longitude": 0}), 400,
		"Bad Request: wrong location specified")
	if len(s.Violations()) != 0 {
		t.Errorf("violations %v", s.Violations())
	}
}
