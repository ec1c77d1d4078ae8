package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// photoStepTexts are what a reader of one language sees at the photo step.
type photoStepTexts struct {
	ask, more, added, location, kept, name, nameKeys, keys, doneKeys string
	one, two, both                                                   string // what is attached
}

var photoStepZh = photoStepTexts{
	ask:      flowPhotosZh,
	more:     "已附：%s。还可以再发，或点“完成，继续”。",
	added:    "第 %d 张照片已添加。",
	location: "位置已添加。",
	kept:     "随报告一起：%s。",
	name:     flowNameZh,
	nameKeys: "显示我的名字 隐藏我的名字 | 取消",
	keys:     flowPhotoKeysZh,
	doneKeys: "完成，继续 | 取消",
	one:      "1 张照片",
	two:      "2 张照片",
	both:     "2 张照片和位置",
}

var photoStepEn = photoStepTexts{
	ask:      flowPhotosEn,
	more:     "Added so far: %s. Send another, or tap Done.",
	added:    "Photo %d added.",
	location: "Location added.",
	kept:     "With the report: %s.",
	name: "Before I file it: a short line about it (category, building and your words, never your unit) will appear in the group of building 3. Show your name in it?\n" +
		"If you hide it, only the leaders of building 3, the community staff and the one person assigned to it see your name and unit.",
	nameKeys: "Show my name Hide my name | Cancel",
	keys:     flowPhotoKeysEn,
	doneKeys: flowPhotosDoneEn,
	one:      "1 photo",
	two:      "2 photos",
	both:     "2 photos and a location",
}

// f fills the one %s or %d of format.
func (photoStepTexts) f(format string, arg any) string {
	switch v := arg.(type) {
	case int:
		return strings.Replace(format, "%d", itoa(int64(v)), 1)
	default:
		return strings.Replace(format, "%s", v.(string), 1)
	}
}

// photoStepDescribe walks u through /report to the photo question and
// checks it.
func (c *community) photoStepDescribe(u models.User, category, text string, want photoStepTexts) telegramtest.Message {
	c.t.Helper()
	ask := c.restAskText(u, "/report", category)
	c.tg.SendReply(u, telegramtest.PrivateChat(u), text, ask)
	q := c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:ph:go") }, wait)
	flowIs(c.t, q, want.ask, want.keys)
	return q
}

// At the photo step each photo is acknowledged with its number and the
// question asked again, as is a location; Done says what goes with the
// report and brings the name question; nothing is filed before the name
// is chosen, and the ticket then holds both photos and the location.
func TestReportPhotoStepAcknowledgesEachPhoto(t *testing.T) {
	c := newCommunity(t)
	for _, tc := range []struct {
		u    models.User
		text string
		want photoStepTexts
	}{
		{c.wang, "3栋东边的路灯坏了", photoStepZh},
		{c.li, "The lamp by gate 2 is out", photoStepEn},
	} {
		w := tc.want
		before := c.privCount()
		c.photoStepDescribe(tc.u, "lighting", tc.text, w)
		c.tg.SendPhoto(tc.u, telegramtest.PrivateChat(tc.u), "")
		flowIs(t, c.expect(tc.u.ID, w.f(w.added, 1)), w.f(w.added, 1)+"\n"+w.f(w.more, w.one), w.doneKeys)
		c.tg.SendPhoto(tc.u, telegramtest.PrivateChat(tc.u), "")
		flowIs(t, c.expect(tc.u.ID, w.f(w.added, 2)), w.f(w.added, 2)+"\n"+w.f(w.more, w.two), w.doneKeys)
		c.tg.SendLocation(tc.u, telegramtest.PrivateChat(tc.u), 31.23, 121.47)
		q := c.expect(tc.u.ID, w.location)
		flowIs(t, q, w.location+"\n"+w.f(w.more, w.both), w.doneKeys)
		c.settle()
		if n := c.privCount(); n != before {
			t.Fatalf("%d tickets filed before the name was chosen", n-before)
		}
		privNoMessage(t, c.tg.Messages(c.group.ID), tc.text)

		c.tg.Press(tc.u, q, "tk:ph:go")
		c.tg.WaitMessage(t, tc.u.ID, func(m telegramtest.Message) bool {
			return m.ID == q.ID && m.Plain == w.f(w.kept, w.both) && len(m.Buttons) == 0
		}, wait)
		name := c.tg.WaitMessage(t, tc.u.ID, func(m telegramtest.Message) bool { return m.ID > q.ID && hasButton(m, "tk:nm:show") }, wait)
		flowIs(t, name, w.name, w.nameKeys)
		id := c.privChooseName(tc.u, "tk:nm:show")
		tk := c.ticket(id)
		if tk.Text != tc.text || len(tk.Photos) != 2 || tk.Photos[0] == tk.Photos[1] ||
			tk.Lat == nil || tk.Lon == nil || *tk.Lat != 31.23 || *tk.Lon != 121.47 {
			t.Errorf("ticket %+v", tk)
		}
		c.expect(c.group.ID, tc.text)
	}
}

// Send without, pressed with nothing attached, leaves "no photo" in place
// of the question, in the reader's language, and the name question follows.
func TestReportPhotoStepSendWithoutSaysNoPhoto(t *testing.T) {
	c := newCommunity(t)
	for _, tc := range []struct {
		u    models.User
		text string
		want photoStepTexts
		kept string
	}{
		{c.wang, "楼下的垃圾桶满了", photoStepZh, "不加照片。"},
		{c.li, "The bin downstairs is full", photoStepEn, "No photo."},
	} {
		q := c.photoStepDescribe(tc.u, "lighting", tc.text, tc.want)
		c.tg.Press(tc.u, q, "tk:ph:go")
		c.tg.WaitMessage(t, tc.u.ID, func(m telegramtest.Message) bool {
			return m.ID == q.ID && m.Plain == tc.kept && len(m.Buttons) == 0
		}, wait)
		name := c.tg.WaitMessage(t, tc.u.ID, func(m telegramtest.Message) bool { return m.ID > q.ID && hasButton(m, "tk:nm:show") }, wait)
		flowIs(t, name, tc.want.name, tc.want.nameKeys)
	}
}

// A typed word that says no photo ("不用", "no") goes on to the name
// question; a word that says nothing of the kind asks again; a voice note
// at the photo step joins the report. At the name question a photo or a
// location is kept and acknowledged before the question is asked again.
func TestReportPhotoStepTypedNoGoesOnAndNamePhotoIsAcknowledged(t *testing.T) {
	c := newCommunity(t)
	for _, tc := range []struct {
		u               models.User
		text, other, no string
		tap, voice      string
		want            photoStepTexts
		hidden, filed   string
	}{
		{c.wang, "楼道的灯一直闪", "东门口那盏", "不用", "请发照片，或点下面的按钮继续。", "语音已添加。", photoStepZh, "已对邻居隐藏您的名字。", "已登记问题 #1 · 照明 · 3 栋"},
		{c.li, "The stair light flickers", "the one by the east door", "no", "Send a photo, or tap the button below to go on.", "Voice message added.", photoStepEn, "Your name is hidden from neighbours.", "Problem #2 · Lighting · building 3 opened."},
	} {
		w := tc.want
		q := c.photoStepDescribe(tc.u, "lighting", tc.text, w)
		c.say(tc.u, tc.other)
		flowIs(t, c.expect(tc.u.ID, tc.tap), tc.tap+"\n"+w.ask, w.keys)
		c.tg.SendVoice(tc.u, telegramtest.PrivateChat(tc.u), 12, "")
		flowIs(t, c.expect(tc.u.ID, tc.voice), tc.voice+"\n"+w.ask, w.keys)
		c.say(tc.u, tc.no)
		name := c.tg.WaitMessage(t, tc.u.ID, func(m telegramtest.Message) bool { return m.ID > q.ID && hasButton(m, "tk:nm:show") }, wait)
		flowIs(t, name, w.name, w.nameKeys)

		c.tg.SendPhoto(tc.u, telegramtest.PrivateChat(tc.u), "")
		flowIs(t, c.expect(tc.u.ID, w.f(w.added, 1)), w.f(w.added, 1)+"\n\n"+w.name, w.nameKeys)
		c.tg.SendLocation(tc.u, telegramtest.PrivateChat(tc.u), 31.2, 121.5)
		flowIs(t, c.expect(tc.u.ID, w.location), w.location+"\n\n"+w.name, w.nameKeys)
		c.say(tc.u, "2") // the second button's number: hide
		c.expect(tc.u.ID, tc.hidden)
		c.expect(tc.u.ID, tc.filed)
		var id int64
		c.db(func(tx *storage.Tx) error {
			tks, err := tx.ReporterTickets(tc.u.ID, 1)
			if len(tks) == 1 {
				id = tks[0].ID
			}
			return err
		})
		tk := c.ticket(id)
		if tk.Text != tc.text || !tk.HideName || len(tk.Photos) != 1 || len(tk.Voices) != 1 || tk.Lat == nil || *tk.Lat != 31.2 {
			t.Errorf("ticket %+v", tk)
		}
	}
}
