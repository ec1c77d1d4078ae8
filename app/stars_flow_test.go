package app

import (
	"errors"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// fsWant waits for a message to chat since the latest action that holds
// part, and checks its whole text and its buttons ("-" for none checked).
func (h *harness) fsWant(chat int64, part, plain, keys string) telegramtest.Message {
	h.t.Helper()
	m := h.expect(chat, part)
	if m.Plain != plain {
		h.t.Errorf("message to %d:\n got %q\nwant %q", chat, m.Plain, plain)
	}
	if keys != "-" && buttonLabels(m) != keys {
		h.t.Errorf("buttons of %q:\n got %q\nwant %q", m.Plain, buttonLabels(m), keys)
	}
	return m
}

// Staff open a round by typing: a word where a button is expected asks
// the same step again; days typed as "5" or "3 days"; the vote's days
// changed at the preview give a coherent round.
func TestStarsOpenFlowTypedEnglish(t *testing.T) {
	c := newStarCast(t, nil)
	c.say(c.admin, "/stars")
	m := c.expect(c.admin.ID, "No star round is open")
	c.tg.Press(c.admin, m, "st:o")
	ask := "Open a round of monthly stars. How many days for nominations?"
	days := "3 days 5 days | 7 days | Cancel"
	c.fsWant(c.admin.ID, ask, ask, days)
	c.say(c.admin, "soon")
	c.fsWant(c.admin.ID, ask, "Please tap one of the buttons below, or reply with the words on it.\n\n"+ask, days)
	c.say(c.admin, "5")
	vote := "Nominations: 5 days, then one day for shortlisting. How many days for voting?"
	c.fsWant(c.admin.ID, vote, "Chosen: 5 days\n\n"+vote, "3 days 5 days | 7 days | Back Cancel")
	c.say(c.admin, "3 days")
	aud := "Who should hear of the round and its results?"
	m = c.fsWant(c.admin.ID, aud, "Chosen: 3 days\n\n"+aud, "All linked groups | All residents (in private) | Back Cancel")
	c.tg.Press(c.admin, m, "fl:star_open:o:aud:groups")
	preview := func(until string) string {
		return "2026-03\nCategories: Community star, Leader star, Courtyard star\nNominations until Sat 7 Mar 17:00\n" +
			"Voting from Sun 8 Mar 17:00 until " + until + "\nOpening and results to: All linked groups\n" +
			"Nobody, staff included, sees vote counts before the close."
	}
	c.fsWant(c.admin.ID, "Categories", preview("Wed 11 Mar 17:00"), "Confirm Change Cancel")
	c.say(c.admin, "later")
	c.fsWant(c.admin.ID, "Categories", "Please tap one of the buttons below, or reply with the words on it.\n\n"+preview("Wed 11 Mar 17:00"), "Confirm Change Cancel")
	// The correction: the vote's days; the audience stands.
	c.say(c.admin, "change")
	c.fsWant(c.admin.ID, "What would you like", "What would you like to change?", "Nomination days | Voting days | Audience | Back Cancel")
	c.say(c.admin, "voting days")
	c.fsWant(c.admin.ID, vote, vote, "3 days 5 days | 7 days | Back Cancel")
	c.say(c.admin, "7")
	m = c.fsWant(c.admin.ID, "Categories", "Chosen: 7 days\n\n"+preview("Sun 15 Mar 17:00"), "Confirm Change Cancel")
	c.tg.Press(c.admin, m, "fl:star_open:y:ok")
	c.fsWant(c.admin.ID, "opened", "Round 2026-03 opened; the notice went to 1 chat. Nominations close on Sat 7 Mar 17:00.", "-")
	c.db(func(tx *storage.Tx) error {
		rd, err := tx.ActiveStarRound()
		if err == nil && (!rd.NominateUntil.Equal(wallAt(t, "2026-03-07 17:00")) || !rd.VoteUntil.Equal(wallAt(t, "2026-03-15 17:00")) || rd.Audience != storage.AudienceGroups) {
			t.Errorf("round %+v", rd)
		}
		return err
	})
	c.expect(c.group.ID, "每月评星 2026年3月", "截止到 3月7日（周六）17:00")
}

// In Chinese: 返回 goes back a step, typed words pick, 取消 ends it and no
// round opens.
func TestStarsOpenFlowTypedChinese(t *testing.T) {
	c := newStarCast(t, nil)
	c.say(c.admin, "/grant 2003 staff")
	c.expect(c.admin.ID, "赵 is now community staff")
	c.say(c.zhao, "/stars")
	m := c.expect(c.zhao.ID, "现在没有进行中的评星")
	c.tg.Press(c.zhao, m, "st:o")
	ask := "开始一轮每月评星。提名期几天？"
	c.fsWant(c.zhao.ID, ask, ask, "3 天 5 天 7 天 | 取消")
	c.say(c.zhao, "明天")
	c.fsWant(c.zhao.ID, ask, "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n"+ask, "3 天 5 天 7 天 | 取消")
	c.say(c.zhao, "3天")
	c.fsWant(c.zhao.ID, "投票期几天", "已选：3 天\n\n提名 3 天，之后留一天确定候选名单。投票期几天？", "3 天 5 天 7 天 | 返回 取消")
	c.say(c.zhao, "返回")
	m = c.fsWant(c.zhao.ID, ask, ask, "3 天 5 天 7 天 | 取消")
	c.tg.Press(c.zhao, m, "fl:star_open:o:nom:7")
	vote := "提名 7 天，之后留一天确定候选名单。投票期几天？"
	c.fsWant(c.zhao.ID, vote, vote, "3 天 5 天 7 天 | 返回 取消")
	c.say(c.zhao, "5")
	aud := "评星通知和结果发给谁？"
	c.fsWant(c.zhao.ID, aud, "已选：5 天\n\n"+aud, "所有关联的群 全体居民（私信） | 返回 取消")
	c.say(c.zhao, "全体居民（私信）")
	c.fsWant(c.zhao.ID, "类别", "已选：全体居民（私信）\n\n2026年3月\n类别：社区之星、楼长之星、楼院之星\n提名截止：3月9日（周一）17:00\n"+
		"投票：3月10日（周二）17:00 至 3月15日（周日）17:00\n通知和结果发给：全体居民（私信）\n截止前任何人（包括工作人员）都看不到票数。", "确定 修改 取消")
	c.say(c.zhao, "取消")
	c.fsWant(c.zhao.ID, "已取消", "已取消。需要时再找我。", "-")
	c.db(func(tx *storage.Tx) error {
		if _, err := tx.ActiveStarRound(); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("a cancelled opening left a round (err %v)", err)
		}
		return nil
	})
}

// 王阿姨 nominates with the buttons, her own building first; a word that
// names nobody asks again; changing the person at the confirm keeps the
// reason.
func TestStarsNominateFlowChinese(t *testing.T) {
	c := newStarCast(t, nil)
	rid := c.starOpen("3", "5")
	c.say(c.wang, "/stars")
	m := c.expect(c.wang.ID, "提名截止到")
	c.tg.Press(c.wang, m, "st:n:"+itoa(rid)+":community")
	ask := "您提名谁为社区之星？"
	people := "林 · 3号楼 Li · 3号楼 | Boss · 1号楼 赵 · 1号楼 | 取消"
	c.fsWant(c.wang.ID, ask, ask+"\n点名字选择，也可以回复名字或门牌号查找。", people)
	c.say(c.wang, "嗯")
	m = c.fsWant(c.wang.ID, ask, "没有找到与“嗯”相符的人。\n\n"+ask+"\n点名字选择，也可以回复名字或门牌号查找。", people)
	c.tg.Press(c.wang, m, "fl:star_nom:k:who:2002")
	why := "为什么提名 Li 为社区之星？请回复理由（最多 300 字）。公布结果时可能会念出理由，但不写您的名字。"
	c.fsWant(c.wang.ID, "为什么提名", why, "返回 取消")
	c.say(c.wang, "每天帮邻居取快递")
	sum := func(who string) string {
		return "提名 " + who + " 为社区之星，理由：“每天帮邻居取快递”。\n提名后不能更改，确定吗？"
	}
	m = c.fsWant(c.wang.ID, "理由：", sum("Li"), "确定 修改 取消")
	c.say(c.wang, "随便")
	m = c.fsWant(c.wang.ID, "理由：", "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n"+sum("Li"), "确定 修改 取消")
	c.tg.Press(c.wang, m, "fl:star_nom:c:ok")
	m = c.fsWant(c.wang.ID, "要修改哪一项", "要修改哪一项？", "提名的人 理由 | 返回 取消")
	c.tg.Press(c.wang, m, "fl:star_nom:w:ok:who")
	m = c.fsWant(c.wang.ID, "点名字选择", ask+"\n点名字选择，也可以回复名字或门牌号查找。", people)
	c.tg.Press(c.wang, m, "fl:star_nom:k:who:2003")
	c.fsWant(c.wang.ID, "理由：", sum("赵"), "确定 修改 取消")
	c.say(c.wang, "确定")
	c.fsWant(c.wang.ID, "谢谢", "谢谢：您提名了 赵 为社区之星。提名于 3月5日（周四）17:00 截止，之后工作人员确定候选名单，再开始投票。", "-")
	c.db(func(tx *storage.Tx) error {
		n, err := tx.StarNominationBy(rid, "community", c.wang.ID)
		if err != nil {
			return err
		}
		cand, err := tx.StarCandidate(n.CandidateID)
		if cand.MemberID != c.zhao.ID || n.Reason != "每天帮邻居取快递" {
			t.Errorf("nomination %+v of %+v", n, cand)
		}
		return err
	})
}

// Li goes back from the reason, finds Boss by name, then cancels by
// typing: nothing is nominated and the old button is stale.
func TestStarsNominateFlowEnglish(t *testing.T) {
	c := newStarCast(t, nil)
	rid := c.starOpen("3", "5")
	c.say(c.li, "/stars")
	m := c.expect(c.li.ID, "Nominations are open until")
	c.tg.Press(c.li, m, "st:n:"+itoa(rid)+":community")
	ask := "Who do you nominate for Community star?"
	people := "林 · Building 3 王阿姨 · Building 3 | Boss · Building 1 赵 · Building 1 | Cancel"
	m = c.fsWant(c.li.ID, ask, ask+"\nTap a name, or reply with a name or unit to search.", people)
	c.tg.Press(c.li, m, "fl:star_nom:k:who:2001")
	why := "Why 王阿姨 for Community star? Reply with your reason (at most 300 characters). It may be read out with the results, without your name."
	c.fsWant(c.li.ID, "Why", why, "Back Cancel")
	c.say(c.li, "back")
	c.fsWant(c.li.ID, ask, ask+"\nTap a name, or reply with a name or unit to search.", people)
	c.say(c.li, "boss")
	m = c.fsWant(c.li.ID, ask, ask+"\n1 person matches “boss”; tap the name:", "Boss · Building 1 | Show all | Cancel")
	c.tg.Press(c.li, m, "fl:star_nom:k:who:"+itoa(c.admin.ID))
	c.fsWant(c.li.ID, "Why", "Why Boss for Community star? Reply with your reason (at most 300 characters). It may be read out with the results, without your name.", "Back Cancel")
	c.say(c.li, "取消")
	c.fsWant(c.li.ID, "Cancelled", "Cancelled. I am here when you need me.", "-")
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), m.ID, "fl:star_nom:k:who:"+itoa(c.admin.ID))
	c.answered("This button no longer works.")
	c.db(func(tx *storage.Tx) error {
		if _, err := tx.StarNominationBy(rid, "community", c.li.ID); err == nil {
			t.Errorf("a cancelled nomination was stored")
		}
		return nil
	})
}
