package app

import (
	"reflect"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/storage"
)

// mdWorld is an administrator and three registered residents, in lang:
// two of building 3 (2001, 2002) and one of building 1 (2003), where the
// administrator lives too.
type mdWorld struct {
	*harness
	admin, b3a, b3b, b1 models.User
}

func mdNew(t *testing.T, lang string, names ...string) *mdWorld {
	t.Helper()
	h := newHarness(t, nil)
	w := &mdWorld{harness: h, admin: h.user(adminID, names[0], lang), b3a: h.user(2001, names[1], lang),
		b3b: h.user(2002, names[2], lang), b1: h.user(2003, names[3], lang)}
	h.register(w.admin, "1", "101")
	h.register(w.b3a, "3", "501")
	h.register(w.b3b, "3", "502")
	h.register(w.b1, "1", "102")
	return w
}

// mdDispute is record id.
func (w *mdWorld) mdDispute(id int64) storage.Dispute {
	w.t.Helper()
	return w.medDispute(id)
}

// mdFollowUp is when the reminder of record 1 is due.
func (w *mdWorld) mdFollowUp(t *testing.T, at string) {
	t.Helper()
	w.db(func(tx *storage.Tx) error {
		items, err := tx.PendingDue("mediation.followup", "1")
		if len(items) != 1 || !items[0].DueAt.Equal(wallAt(t, at)) {
			t.Errorf("follow-up reminders %+v, want one at %s", items, at)
		}
		return err
	})
}

// In Chinese: a record's building by a tap after a word typed in its
// place, its parties by a tap and a name typed, the building corrected at
// the preview (the parties of the old building are asked again, the
// typed one stands); a session's day as 昨天, 2026-02-27 and, corrected,
// 3月1日; a follow-up's as 明天, 12月20日 and 2026-12-20; a mediator named
// by buttons; 取消 typed.
func TestMediationDialogsChinese(t *testing.T) {
	w := mdNew(t, "zh", "张主任", "王阿姨", "赵大爷", "钱阿姨")
	a := w.admin
	var upd int64
	const (
		bld      = "是哪一栋的事？请点楼栋，不属于哪一栋就点“未指定楼栋”。"
		blds     = "\t1 栋 2 栋 | 3 栋 E12 栋 | 未指定楼栋 | 取消"
		who      = "当事人是谁？点本楼的住户，也可以写名字、@用户名或用户编号，几位之间用顿号隔开（最多 8 人）。"
		hint     = "\n点名字选择，也可以回复名字或门牌号查找。"
		tap      = "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n"
		confirm  = "\t确定 修改 取消"
		viewKeys = "\t➕ 记一次调解 ✅ 记录结果 | 📅 回访日期 📋 全部记录"
	)
	upd = w.say(a, "/mediation new")
	w.pfExpect(upd, a, bld+blds)
	upd = w.say(a, "明天")
	w.pfExpect(upd, a, "没有“明天”这栋楼。可选的楼栋：1 2 3 E12\n\n"+bld+blds)
	upd = w.pfTap(a, "3 栋")
	w.pfExpect(upd, a, bld+"\n已选：3 栋", who+hint+"\t王阿姨 赵大爷 | 返回 取消")
	upd = w.pfTap(a, "王阿姨")
	more := "当事人：王阿姨。还有谁？点住户或写名字，没有了就点“就这些”。"
	w.pfExpect(upd, a, who+"\n已选：王阿姨", more+hint+"\t赵大爷 | 就这些 | 返回 取消")
	upd = w.say(a, "楼上租户小陈")
	w.pfExpect(upd, a, "当事人：王阿姨、楼上租户小陈。还有谁？点住户或写名字，没有了就点“就这些”。"+hint+"\t赵大爷 | 就这些 | 返回 取消")
	upd = w.say(a, "就这些")
	w.pfExpect(upd, a, "已选：就这些\n\n请用几句话写下事由（最多 500 字）。只有工作人员和调解员能看到。\t返回 取消")
	upd = w.say(a, "楼上夜里拖椅子")
	w.pfExpect(upd, a, "新建评理室记录：\n楼栋：3 栋\n当事人：王阿姨、楼上租户小陈\n事由：楼上夜里拖椅子\n保存吗？"+confirm)

	upd = w.say(a, "修改")
	w.pfExpect(upd, a, "要修改哪一项？\t楼栋 当事人 事由 | 返回 取消")
	upd = w.pfTap(a, "楼栋")
	w.pfExpect(upd, a, "修改：楼栋", bld+blds)
	upd = w.pfTap(a, "1 栋")
	w.pfExpect(upd, a, bld+"\n已选：1 栋", who+hint+"\t张主任 钱阿姨 | 返回 取消")
	upd = w.pfTap(a, "钱阿姨")
	preview := "新建评理室记录：\n楼栋：1 栋\n当事人：钱阿姨、楼上租户小陈\n事由：楼上夜里拖椅子\n保存吗？"
	w.pfExpect(upd, a, who+"\n已选：钱阿姨", preview+confirm)
	upd = w.pfTap(a, "确定")
	w.pfExpect(upd, a, preview, "已建立评理室记录 #1，您是本案调解员。",
		"评理室记录 #1（保密）\n楼栋：1 栋 · 调解员：张主任\n当事人：钱阿姨、楼上租户小陈\n事由：楼上夜里拖椅子\n\n调解经过（0 次）\n\n结果：调解中\n回访日期：—"+viewKeys)
	if d := w.mdDispute(1); d.Building != "1" || !reflect.DeepEqual(d.Parties, []storage.DisputeParty{{MemberID: 2003, Name: "钱阿姨"}, {Name: "楼上租户小陈"}}) {
		t.Fatalf("record: %+v", d)
	}

	// A session: a day to come is refused; the day corrected at the preview.
	upd = w.pfTap(a, "➕ 记一次调解")
	w.pfExpect(upd, a, "记录 #1：这次调解是哪天？例如：今天、周四、12月20日\t取消")
	upd = w.say(a, "下周三")
	w.pfExpect(upd, a, "调解还没发生，不能记录以后的日期。请写今天或之前的日期。\t取消")
	upd = w.say(a, "昨天")
	w.pfExpect(upd, a, "3月1日（周日）的调解：请写下经过和约定（最多 1000 字）。\t返回 取消")
	upd = w.say(a, "返回")
	w.pfExpect(upd, a, "记录 #1：这次调解是哪天？例如：今天、周四、12月20日\t取消")
	upd = w.say(a, "2026-02-27")
	w.pfExpect(upd, a, "2月27日（周五）的调解：请写下经过和约定（最多 1000 字）。\t返回 取消")
	upd = w.say(a, "双方同意十点后不拖椅子")
	w.pfExpect(upd, a, "记录 #1，2月27日（周五）的调解：\n双方同意十点后不拖椅子\n保存吗？"+confirm)
	upd = w.say(a, "修改")
	w.pfExpect(upd, a, "要修改哪一项？\t日期 经过 | 返回 取消")
	upd = w.pfTap(a, "日期")
	w.pfExpect(upd, a, "修改：日期", "记录 #1：这次调解是哪天？例如：今天、周四、12月20日\t取消")
	upd = w.say(a, "3月1日")
	w.pfExpect(upd, a, "记录 #1，3月1日（周日）的调解：\n双方同意十点后不拖椅子\n保存吗？"+confirm)
	upd = w.say(a, "好")
	w.pfExpect(upd, a, "已记入记录 #1 的调解经过。",
		"评理室记录 #1（保密）\n楼栋：1 栋 · 调解员：张主任\n当事人：钱阿姨、楼上租户小陈\n事由：楼上夜里拖椅子\n\n调解经过（1 次）\n3月1日（周日） · 张主任：双方同意十点后不拖椅子\n\n结果：调解中\n回访日期：—"+viewKeys)

	// The follow-up: a day gone is refused; a word typed at the preview
	// asks it again; the day changed twice.
	upd = w.pfTap(a, "📅 回访日期")
	ask := "记录 #1：哪天回访？例如：今天、周四、12月20日。到那天上午会提醒调解员。\t取消"
	w.pfExpect(upd, a, ask)
	upd = w.say(a, "昨天")
	w.pfExpect(upd, a, "回访日期不能早于今天，请写今天或以后的日期。\t取消")
	upd = w.say(a, "明天")
	preview = "记录 #1：3月3日（周二）回访，当天 9 点提醒调解员。对吗？"
	w.pfExpect(upd, a, preview+confirm)
	upd = w.say(a, "下午再说")
	w.pfExpect(upd, a, tap+preview+confirm)
	upd = w.say(a, "修改")
	w.pfExpect(upd, a, ask)
	upd = w.say(a, "12月20日")
	preview = "记录 #1：12月20日（周日）回访，当天 9 点提醒调解员。对吗？"
	w.pfExpect(upd, a, preview+confirm)
	upd = w.say(a, "修改")
	w.pfExpect(upd, a, ask)
	upd = w.say(a, "2026-12-20")
	w.pfExpect(upd, a, preview+confirm)
	upd = w.pfTap(a, "确定")
	w.pfExpect(upd, a, preview, "回访日期定在 12月20日（周日），当天 9 点提醒调解员。",
		"评理室记录 #1（保密）\n楼栋：1 栋 · 调解员：张主任\n当事人：钱阿姨、楼上租户小陈\n事由：楼上夜里拖椅子\n\n调解经过（1 次）\n3月1日（周日） · 张主任：双方同意十点后不拖椅子\n\n结果：调解中\n回访日期：12月20日（周日）"+viewKeys)
	w.mdFollowUp(t, "2026-12-20 09:00")

	// A mediator named by buttons; asked again, 取消 keeps them one.
	upd = w.say(a, "/mediator")
	mask := "要指定哪位为评理室的调解员，或收回哪位的调解员身份？"
	w.pfExpect(upd, a, mask+hint+"\t张主任 王阿姨 | 赵大爷 钱阿姨 | 取消")
	upd = w.say(a, "赵")
	w.pfExpect(upd, a, mask+"\n找到 1 位与“赵”相符的人，点名字选择：\t赵大爷 | 显示全部 | 取消")
	upd = w.pfTap(a, "赵大爷")
	w.pfExpect(upd, a, mask+"\n已选：赵大爷", "指定 赵大爷 为评理室的调解员？"+confirm)
	upd = w.pfTap(a, "确定")
	w.pfExpect(upd, a, "指定 赵大爷 为评理室的调解员？", "赵大爷 现在是评理室的调解员。")
	w.pfExpect(upd, w.b3b, "社区已指定您为近邻评理室的调解员。发送 /mediation 查看和记录调解。")
	upd = w.say(a, "/mediator")
	w.pfExpect(upd, a, mask+hint+"\t张主任 王阿姨 | 赵大爷 钱阿姨 | 取消")
	upd = w.pfTap(a, "赵大爷")
	w.pfExpect(upd, a, mask+"\n已选：赵大爷", "赵大爷 已是评理室的调解员。要收回吗？"+confirm)
	upd = w.say(a, "取消")
	w.pfExpect(upd, a, "已取消。需要时再找我。\t*")
	w.db(func(tx *storage.Tx) error {
		on, err := tx.IsMediator(w.b3b.ID)
		if !on {
			t.Errorf("赵大爷 is no longer a mediator after cancelling")
		}
		return err
	})
}
