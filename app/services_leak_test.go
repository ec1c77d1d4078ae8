package app

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// Every flow of the services desk, every role pressing every case button
// in private and in the group, then every request the bot made: no case
// content outside the private chats of staff and the applicant, no
// document photo or voice outside staff's, no objection outside staff's,
// and the objector named to nobody.
func TestServicesLeakNothing(t *testing.T) {
	d := newServicesDesk(t, nil)
	qian := d.user(2003, "钱多多", "zh")
	d.register(qian, "2", "201")

	// The application, from question to rating.
	d.say(d.wang, "/services")
	list := d.expect(d.wang.ID, "社区服务站")
	d.tg.Press(d.wang, list, "sv:o:dibao")
	view := d.expect(d.wang.ID, "最低生活保障")
	d.tg.Press(d.wang, view, "sv:q:dibao")
	d.expect(d.wang.ID, "请写下您想问的问题")
	d.say(d.wang, "SECRET-QUESTION 能不能申请")
	d.expect(d.wang.ID, "您的问题已私下转给工作人员")
	d.tg.Press(d.wang, view, "sv:ap:dibao")
	d.expect(d.wang.ID, "为家里的谁申请")
	d.say(d.wang, "孙子SECRET-WHOM")
	d.expect(d.wang.ID, "几口人")
	d.say(d.wang, "4")
	d.expect(d.wang.ID, "电话")
	d.say(d.wang, "13912345678")
	d.expect(d.wang.ID, "情况")
	d.tg.SendVoice(d.wang, telegramtest.PrivateChat(d.wang), 20, "SECRET-SITUATION 老伴住院")
	d.expect(d.wang.ID, "请核对申请", "SECRET-SITUATION")
	d.say(d.wang, "确定")
	d.expect(d.wang.ID, "请现在把申请 #1 的材料")
	d.tg.SendPhoto(d.wang, telegramtest.PrivateChat(d.wang), "")
	d.expect(d.wang.ID, "已收到第 1 张照片")
	d.say(d.wang, "好了")
	d.expect(d.wang.ID, "材料已收好")

	d.say(d.staff, "/desk 1")
	cv := d.expect(d.staff.ID, "申请 #1（保密）", "SECRET-SITUATION")
	d.tg.Press(d.staff, cv, "sv:c:1:docs")
	d.tg.WaitMessage(t, d.staff.ID, func(m telegramtest.Message) bool { return m.Photo != "" }, wait)
	d.tg.Press(d.staff, cv, "sv:rq:1")
	d.expect(d.staff.ID, "还缺什么材料")
	d.say(d.staff, "SECRET-MISSING 户口本")
	d.expect(d.wang.ID, "SECRET-MISSING")
	d.tg.SendPhoto(d.wang, telegramtest.PrivateChat(d.wang), "")
	d.expect(d.wang.ID, "已收到第 2 张照片")
	d.say(d.wang, "好了")
	d.expect(d.wang.ID, "共 2 张照片")
	d.tg.Press(d.staff, cv, "sv:st:1")
	d.expect(d.wang.ID, "材料齐全")
	d.tg.Press(d.staff, cv, "sv:dc:1")
	oc := d.expect(d.staff.ID, "审核结果是")
	d.tg.Press(d.staff, oc, "fl:sv_decide:o:outcome:approve")
	d.expect(d.staff.ID, "批准说明")
	d.say(d.staff, "符合条件")
	d.expect(d.staff.ID, "确认吗")
	d.say(d.staff, "确定")
	days := d.expect(d.staff.ID, "公示几天")
	d.tg.Press(d.staff, days, "fl:sv_notice:o:days:3")
	where := d.expect(d.staff.ID, "发到哪些群")
	d.tg.Press(d.staff, where, "fl:sv_notice:o:where:all")
	d.expect(d.staff.ID, "预览")
	d.say(d.staff, "确定")
	notice := d.expect(d.group.ID, "王** 家庭（4 人，3 栋）")

	objected := d.mark()
	d.say(qian, "/start obj_1")
	d.expect(qian.ID, "请写下您对公示 #1 的异议")
	d.say(qian, "SECRET-OBJECTION 他家有车")
	d.expect(d.staff.ID, "SECRET-OBJECTION")
	d.expect(qian.ID, "不会显示您的名字")
	d.clock.Set(time.Date(2026, 3, 5, 16, 0, 0, 0, time.UTC))
	d.tick()
	d.tg.WaitMessage(t, d.group.ID, func(m telegramtest.Message) bool {
		return m.ID == notice.ID && strings.Contains(m.Plain, "公示已结束")
	}, wait)
	d.tg.Press(d.staff, cv, "sv:dc:1")
	oc = d.expect(d.staff.ID, "审核结果是")
	d.tg.Press(d.staff, oc, "fl:sv_decide:o:outcome:approve")
	d.expect(d.staff.ID, "批准说明")
	d.say(d.staff, "SECRET-REASON 核实无误")
	d.expect(d.staff.ID, "确认吗")
	d.say(d.staff, "确定")
	care := d.expect(d.wang.ID, "要加入吗")
	rate := d.expect(d.wang.ID, "您对这次服务满意吗")
	d.tg.Press(d.wang, care, "sv:care:1:y")
	d.expect(d.wang.ID, "关爱名单")
	d.tg.Press(d.wang, rate, "sv:rate:1:1")
	rated := d.expect(d.wang.ID, "谢谢您对申请 #1 的评价")
	d.tg.Press(d.wang, rated, "sv:rword:1")
	d.expect(d.wang.ID, "您想说一句吗")
	d.say(d.wang, "SECRET-WORD 等太久")
	d.expect(d.wang.ID, "您的话已和评价一起记下")

	// Everyone else, everywhere.
	for _, u := range []models.User{d.wang, d.li, d.leader, qian} {
		for _, data := range []string{"sv:c:1", "sv:c:1:docs", "sv:as:1", "sv:as:1:" + itoa(u.ID), "sv:st:1", "sv:rq:1", "sv:dc:1", "sv:pub:1", "sv:doc:1", "sv:care:1:y", "sv:rate:1:5", "sv:rword:1"} {
			d.tg.PressRaw(u, telegramtest.PrivateChat(u), 1, data)
			d.tg.PressRaw(u, d.group, notice.ID, data)
		}
		d.say(u, "/desk 1")
		d.say(u, "/myservices")
		d.tg.SendText(u, d.group, "/desk 1")
		d.tg.SendText(u, d.group, "/myservices")
	}
	d.tg.SendText(d.staff, d.group, "/desk 1")
	d.tg.SendText(d.admin, d.group, "/desk")
	d.say(d.admin, "/summary month")
	d.say(d.admin, "/export 2026-03")
	d.say(d.admin, "/stats 2026-03")
	d.settle()

	var docs []string
	d.db(func(tx *storage.Tx) error {
		var err error
		docs, err = tx.CaseDocs(1)
		return err
	})
	voice := d.svCase(1).VoiceFile
	if len(docs) != 2 || voice == "" {
		t.Fatalf("documents %v, voice %q", docs, voice)
	}
	staffOnly := map[int64]bool{d.staff.ID: true, d.admin.ID: true}
	caseReaders := map[int64]bool{d.staff.ID: true, d.admin.ID: true, d.wang.ID: true}
	type secret struct {
		text    string
		readers map[int64]bool
	}
	secrets := []secret{{"SECRET-QUESTION", staffOnly}, {"SECRET-WHOM", caseReaders}, {"13912345678", caseReaders},
		{"SECRET-SITUATION", caseReaders}, {"SECRET-MISSING", caseReaders}, {"SECRET-REASON", caseReaders},
		{"SECRET-OBJECTION", staffOnly}, {"SECRET-WORD", map[int64]bool{d.admin.ID: true}}, {docs[0], staffOnly}, {docs[1], staffOnly}, {voice, staffOnly}}
	checked := 0
	for _, call := range d.tg.Calls("") {
		chat := int64(0)
		if id, ok := call.Params["chat_id"].(float64); ok {
			chat = int64(id)
		}
		raw, _ := json.Marshal(call.Params)
		blob := string(raw)
		for _, v := range call.Params {
			if u, ok := v.(telegramtest.Upload); ok {
				blob += string(u.Data)
			}
		}
		checked++
		for _, s := range secrets {
			if strings.Contains(blob, s.text) && !s.readers[chat] {
				t.Errorf("%s to chat %d carries %q:\n%s", call.Method, chat, s.text, limit(blob, 600))
			}
		}
	}
	if checked < 150 {
		t.Fatalf("only %d requests checked", checked)
	}
	// The objector is named to nobody once they objected.
	for _, call := range d.tg.CallsSince(objected, "") {
		raw, _ := json.Marshal(call.Params)
		if id, _ := call.Params["chat_id"].(float64); int64(id) != qian.ID && strings.Contains(string(raw), "钱多多") {
			t.Errorf("%s names the objector: %s", call.Method, limit(string(raw), 400))
		}
	}
	var audit []storage.AuditEntry
	d.db(func(tx *storage.Tx) error {
		var err error
		audit, err = tx.ActorAudit(qian.ID)
		return err
	})
	for _, e := range audit {
		if strings.Contains(e.Action, "objection") || strings.HasPrefix(e.Target, "sn:") {
			t.Errorf("the audit ties the objector to the notice: %+v", e)
		}
	}
}
