package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// pdLast is the newest message to chat after id, waiting for one that
// contains every part.
func (h *harness) pdAfter(chat int64, after int, parts ...string) telegramtest.Message {
	h.t.Helper()
	return h.tg.WaitMessage(h.t, chat, func(m telegramtest.Message) bool {
		if m.ID <= after {
			return false
		}
		for _, p := range parts {
			if !strings.Contains(m.Plain, p) {
				return false
			}
		}
		return true
	}, wait)
}

func TestAuditRecordsAndFilters(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	stf := h.user(staffID, "Sue", "en")
	ann := h.user(2001, "Ann", "en")
	h.register(adm, "1", "101")
	h.register(stf, "1", "102")
	h.register(ann, "3", "502")
	h.say(adm, "/grant 1001 staff")
	h.expect(adm.ID, "Sue is now")
	h.say(stf, "/grant 2001 leader 3")
	h.expect(stf.ID, "Ann is now")

	h.say(adm, "/audit")
	m := h.expect(adm.ID, "Audit log", "role.grant", "m:2001", "m:1001")
	h.say(adm, "/audit 1001")
	m = h.pdAfter(adm.ID, m.ID, "Audit log")
	if !strings.Contains(m.Plain, "m:2001") || strings.Contains(m.Plain, "m:1001") {
		t.Errorf("/audit 1001 shows:\n%s", m.Plain)
	}
	h.say(adm, "/audit grant 2026-03")
	m = h.pdAfter(adm.ID, m.ID, "Audit log", "m:2001", "m:1001")
	h.say(adm, "/audit role")
	m = h.pdAfter(adm.ID, m.ID, "Audit log", "m:2001", "m:1001")
	h.say(adm, "/audit revoke")
	m = h.pdAfter(adm.ID, m.ID, "Audit log", "No entries.")
	h.say(adm, "/audit ticket")
	m = h.pdAfter(adm.ID, m.ID, "Audit log", "No entries.")
	h.say(adm, "/audit 2026-04")
	m = h.pdAfter(adm.ID, m.ID, "Audit log", "No entries.")
	for _, bad := range []string{"/audit %%%", "/audit 2026-13", "/audit @nobody", "/audit 0", "/audit 1001 1002"} {
		h.say(adm, bad)
		m = h.pdAfter(adm.ID, m.ID, "is not a filter")
	}
	// Staff may not read it.
	h.say(stf, "/audit")
	h.expect(stf.ID, "may not use /audit with your role")

	// The one who acted finds it in their copy of their data.
	doc := h.pdMyData(stf)
	if au := pdSection(t, doc, "audit"); len(au) != 1 || au[0].(map[string]any)["action"] != "role.grant" {
		t.Errorf("staff's audit section: %v", au)
	}
}

func TestAuditPagesAndRechecksPresses(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	stf := h.user(staffID, "Sue", "en")
	h.register(adm, "1", "101")
	h.register(stf, "1", "102")
	h.lgWrite(func(tx *storage.Tx) error {
		for i := range 12 {
			if err := tx.AddAudit(storage.AuditEntry{At: h.clock.Now().Add(time.Duration(i) * time.Minute), ActorID: adm.ID,
				Action: "export", Target: "n" + itoa(int64(i))}); err != nil {
				return err
			}
		}
		return nil
	})
	h.say(adm, "/audit export")
	m := h.tg.WaitMessage(t, adm.ID, func(x telegramtest.Message) bool { return hasButton(x, "au:10::export:") }, wait)
	if !strings.Contains(m.Plain, "n11") || strings.Contains(m.Plain, "n1\n") {
		t.Errorf("first page:\n%s", m.Plain)
	}
	h.tg.Press(adm, m, "au:10::export:")
	m = h.tg.WaitMessage(t, adm.ID, func(x telegramtest.Message) bool { return x.ID == m.ID && hasButton(x, "au:0::export:") }, wait)
	if !strings.Contains(m.Plain, "n0") || strings.Contains(m.Plain, "n11") {
		t.Errorf("second page:\n%s", m.Plain)
	}
	// A press by someone else, or forged, is refused.
	h.tg.PressRaw(stf, telegramtest.PrivateChat(stf), m.ID, "au:0:::")
	h.expectAnswer("Only administrators")
	forged := h.tg.Mark()
	for _, data := range []string{"au:x:::", "au:0:1:2", "au:0::DROP TABLE:", "au:0:::2026-99", "au:-1:::"} {
		h.tg.PressRaw(adm, telegramtest.PrivateChat(adm), m.ID, data)
	}
	// Every press is answered, the forged ones too.
	h.tg.WaitUntil(t, func() bool { return len(h.tg.CallsSince(forged, "answerCallbackQuery")) >= 5 }, wait)
}
