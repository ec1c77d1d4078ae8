package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// A resident in Chinese asks a question, applies for the allowance with a
// voice message and a document photo, is asked for a missing document and
// answers with a photo, is told each step, is publicised (the notice
// masks her and an objection reaches staff without its author), is
// approved, consents to the care list and is told of the review; staff do
// their side from /desk.
func TestServicesApplicationInChinese(t *testing.T) {
	d := newServicesDesk(t, nil)

	// Ask: the question goes to staff privately, and she is told who got it.
	d.say(d.wang, "/services")
	list := d.expect(d.wang.ID, "社区服务站")
	d.tg.Press(d.wang, list, "sv:o:dibao")
	view := d.expect(d.wang.ID, "最低生活保障（低保）", "适用对象：", "☐ 收入证明", "一般 30 天内办结", "公示只显示姓氏")
	d.tg.Press(d.wang, view, "sv:q:dibao")
	d.expect(d.wang.ID, "关于「最低生活保障（低保）」，请写下您想问的问题")
	d.say(d.wang, "老伴住院了，能申请吗？")
	d.expect(d.staff.ID, "居民提问", "王阿姨（3-502）：老伴住院了，能申请吗？")
	d.expect(d.admin.ID, "A resident asks", "Minimum living allowance", "王阿姨 (3-502): 老伴住院了，能申请吗？")
	d.expect(d.wang.ID, "您的问题已私下转给工作人员：", "张", "Boss")

	// Apply.
	d.tg.Press(d.wang, view, "sv:ap:dibao")
	whom := d.expect(d.wang.ID, "这次是为家里的谁申请")
	d.tg.Press(d.wang, whom, "fl:sv_apply:o:whom:spouse")
	d.expect(d.wang.ID, "家里一共几口人")
	d.say(d.wang, "3")
	d.expect(d.wang.ID, "请留一个能联系到您的电话号码")
	d.say(d.wang, "电话坏了")
	d.expect(d.wang.ID, "这个号码看起来不对")
	d.say(d.wang, "138 1234 5678")
	d.expect(d.wang.ID, "请用一两句话说说家里的情况")
	d.tg.SendVoice(d.wang, telegramtest.PrivateChat(d.wang), 12, "")
	d.expect(d.wang.ID, "请核对申请", "为谁：配偶", "家庭人数：3", "电话：13812345678", "（语音 12 秒）")
	d.say(d.wang, "确定")
	d.expect(d.wang.ID, "申请 #1（最低生活保障（低保））已收到", "/myservices")
	d.expect(d.wang.ID, "请现在把申请 #1 的材料逐张拍照发过来", "☐ 身份证")
	staffNew := d.expect(d.staff.ID, "新的申请 #1：最低生活保障（低保）")
	if strings.Contains(staffNew.Plain, "13812345678") {
		t.Errorf("the alert carries the phone: %q", staffNew.Plain)
	}
	d.tg.SendPhoto(d.wang, telegramtest.PrivateChat(d.wang), "")
	d.expect(d.wang.ID, "已收到第 1 张照片")
	d.say(d.wang, "好了")
	d.expect(d.wang.ID, "申请 #1 的材料已收好，共 1 张照片")

	// Staff open it from the desk and take it.
	d.say(d.staff, "/desk")
	desk := d.expect(d.staff.ID, "办理中的申请：1 件")
	d.tg.Press(d.staff, desk, "sv:c:1")
	cv := d.expect(d.staff.ID, "申请 #1（保密）", "当前环节：已受理", "王阿姨（3-502）· 为：配偶 · 家庭 3 人", "电话：13812345678", "材料照片：1 张", "经办人：未指派 · 收件日期：3月2日（周一） · 时限 30 天")
	d.tg.Press(d.staff, cv, "sv:as:1")
	pick := d.expect(d.staff.ID, "申请 #1 交给谁办理")
	d.tg.Press(d.staff, pick, "sv:as:1:"+itoa(staffID))
	d.answered("申请 #1 已交给 张")
	cv = d.expect(d.staff.ID, "经办人：张")
	d.tg.Press(d.staff, cv, "sv:c:1:docs")
	photo := d.tg.WaitMessage(t, d.staff.ID, func(m telegramtest.Message) bool { return m.Photo != "" }, wait)
	if !strings.Contains(photo.Plain, "申请 #1 材料 1/1") {
		t.Errorf("document caption: %q", photo.Plain)
	}
	d.tg.WaitMessage(t, d.staff.ID, func(m telegramtest.Message) bool { return m.Voice != "" }, wait)

	// A missing document: asked in her language, answered with a photo.
	d.tg.Press(d.staff, cv, "sv:rq:1")
	d.expect(d.staff.ID, "申请 #1：还缺什么材料")
	d.say(d.staff, "户口本首页")
	d.expect(d.staff.ID, "已请 王阿姨 补交申请 #1 的材料")
	d.expect(d.wang.ID, "您的申请 #1（最低生活保障（低保））还需要补一份材料：户口本首页", "请直接在这里发一张照片")
	d.say(d.wang, "/myservices")
	d.expect(d.wang.ID, "#1 最低生活保障（低保）：已受理，3月2日（周一）提交", "请补交材料：户口本首页")
	d.tg.SendPhoto(d.wang, telegramtest.PrivateChat(d.wang), "")
	d.expect(d.wang.ID, "已收到第 2 张照片")
	d.expect(d.staff.ID, "申请 #1 补交了材料：户口本首页")
	d.say(d.wang, "好了")
	d.expect(d.wang.ID, "共 2 张照片")

	// Steps, each told to her in plain words.
	d.tg.Press(d.staff, cv, "sv:st:1")
	d.answered("已进入下一环节")
	d.expect(d.wang.ID, "您的申请 #1（最低生活保障（低保））有进展：现在到了「材料齐全」这一步")
	d.tg.Press(d.staff, cv, "sv:st:1")
	d.expect(d.wang.ID, "现在到了「已报街道审核」这一步")
	d.tg.Press(d.staff, cv, "sv:st:1")
	d.answered("已经是最后一个环节")

	// Approved in principle: the allowance is publicised first.
	d.tg.Press(d.staff, cv, "sv:dc:1")
	oc := d.expect(d.staff.ID, "申请 #1：审核结果是")
	d.tg.Press(d.staff, oc, "fl:sv_decide:o:outcome:approve")
	d.expect(d.staff.ID, "请写一句批准说明")
	d.say(d.staff, "符合低保条件")
	d.expect(d.staff.ID, "申请 #1：✅ 批准", "理由：符合低保条件")
	d.say(d.staff, "确定")
	d.expect(d.wang.ID, "您的申请 #1（最低生活保障（低保））已初审通过", "公示")
	d.expect(d.staff.ID, "申请 #1 需要先公示")
	days := d.expect(d.staff.ID, "公示几天")
	d.tg.Press(d.staff, days, "fl:sv_notice:o:days:7")
	where := d.expect(d.staff.ID, "发到哪些群")
	d.tg.Press(d.staff, where, "fl:sv_notice:o:where:all")
	d.expect(d.staff.ID, "预览", "王** 家庭（3 人，3 栋）申请「最低生活保障（低保）」", "公示期至 3月9日（周一）")
	d.say(d.staff, "确定")
	d.expect(d.staff.ID, "公示 #1 已发到 1 个群")
	notice := d.expect(d.group.ID, "公示", "王** 家庭（3 人，3 栋）")
	for _, leak := range []string{"王阿姨", "502", "13812345678", "配偶"} {
		if strings.Contains(notice.Plain, leak) {
			t.Errorf("the notice shows %q: %q", leak, notice.Plain)
		}
	}
	link := urlWith(notice, "start=obj_1")
	if link == "" {
		t.Fatalf("the notice has no objection link: %+v", notice.Buttons)
	}

	// Li objects privately: staff get it without his name.
	d.say(d.li, "/start obj_1")
	d.expect(d.li.ID, "objection or a question about this notice", "王**")
	d.say(d.li, "I believe they rent out a second flat")
	obj := d.expect(d.staff.ID, "公示 #1 收到异议", "I believe they rent out a second flat")
	if strings.Contains(obj.Plain, "Li") && !strings.Contains("I believe they rent out a second flat", "Li") {
		t.Errorf("the objection names its author: %q", obj.Plain)
	}
	d.expect(d.li.ID, "went privately to 2 staff members, without your name")

	// The period ends: the notice says so, staff get the summary.
	d.clock.Set(time.Date(2026, 3, 9, 16, 0, 0, 0, time.UTC))
	d.tick()
	d.tg.WaitMessage(t, d.group.ID, func(m telegramtest.Message) bool {
		return m.ID == notice.ID && strings.Contains(m.Plain, "【公示已结束】") && len(m.Buttons) == 0
	}, wait)
	d.expect(d.staff.ID, "公示 #1 已结束，共收到 1 条异议", "I believe they rent out a second flat")

	// Approved: she is told, asked about the care list, told of the review.
	d.tg.Press(d.staff, cv, "sv:dc:1")
	oc = d.expect(d.staff.ID, "申请 #1：审核结果是")
	d.tg.Press(d.staff, oc, "fl:sv_decide:o:outcome:approve")
	d.expect(d.staff.ID, "请写一句批准说明")
	d.say(d.staff, "经核实异议不成立，予以批准")
	d.expect(d.staff.ID, "确认吗")
	d.say(d.staff, "确定")
	d.expect(d.wang.ID, "您的申请 #1（最低生活保障（低保））已批准", "经核实异议不成立")
	approved := d.expect(d.wang.ID, "关爱名单", "要加入吗")
	d.expect(d.wang.ID, "需要定期复核", "2027")
	d.expect(d.staff.ID, "申请 #1 已记录为：已批准，已告知 王阿姨")
	if c := d.svCase(1); c.State != storage.CaseApproved || c.AssigneeID != staffID || c.Reason == "" {
		t.Errorf("case after the decision: %+v", c)
	}
	rate := d.expect(d.wang.ID, "申请 #1（最低生活保障（低保））已经办结。您对这次服务满意吗")
	d.tg.Press(d.wang, approved, "sv:care:1:y")
	d.expect(d.wang.ID, "已把您家加入社区关爱名单")
	d.expect(d.staff.ID, "申请 #1 的家庭同意加入关爱名单")
	d.tg.Press(d.wang, rate, "sv:rate:1:5")
	d.expect(d.wang.ID, "谢谢您对申请 #1 的评价：非常满意。")
	var rt storage.Rating
	d.db(func(tx *storage.Tx) error {
		var err error
		rt, err = tx.RatingBy(storage.RatingCase, 1, d.wang.ID)
		return err
	})
	if rt.Level != 5 || rt.Building != "3" {
		t.Errorf("rating: %+v", rt)
	}
	var hs []storage.Household
	d.db(func(tx *storage.Tx) error {
		var err error
		hs, err = tx.Households(false)
		return err
	})
	if len(hs) != 1 || hs[0].Building != "3" || hs[0].Unit != "502" || hs[0].Reason != "subsistence" {
		t.Errorf("care list: %+v", hs)
	}
	d.tg.PressRaw(d.wang, telegramtest.PrivateChat(d.wang), approved.ID, "sv:care:1:y")
	d.answered("您已经回答过了")
	d.say(d.wang, "/myservices")
	d.expect(d.wang.ID, "#1 最低生活保障（低保）：已批准，3月2日（周一）提交", "说明：经核实异议不成立")
	// The report upward counts the desk's work, never a case's contents.
	d.say(d.admin, "/summary month")
	sum := d.expect(d.admin.ID, "Applications received at the service station: 1", "Applications completed at the service station: 1",
		"Public notices published: 1", "Objections to public notices: 1", "Applications rated: 1", "Applications rated satisfied or better: 1",
		"Service station (received / completed)", "Minimum living allowance: 1 / 1")
	for _, leak := range []string{"13812345678", "户口本", "王阿姨", "rent out"} {
		if strings.Contains(sum.Plain, leak) {
			t.Errorf("the summary shows %q", leak)
		}
	}
	d.svDump(map[string]int64{"wang": d.wang.ID, "staff": d.staff.ID, "group": d.group.ID, "li": d.li.ID})
}
