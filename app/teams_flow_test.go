package app

import (
	"testing"

	"courtyard/storage"
)

// The conversations of teams, read message by message: whom /team add,
// remove, lead and unlead are about, chosen by buttons, and a team's new
// name, in Chinese and in English.

// The main menu of staff, shown when a conversation is cancelled.
const (
	tfStaffMenuZh = jfMenuZh + " | 🤝 评理室 📊 上报汇总"
	tfStaffMenuEn = jfMenuEn + " | 🤝 Mediation 📊 Report upward"
)

// 林 leads Elder care and adds a member by typing the team's name alone:
// the residents not in it are offered as buttons, a word matching nobody
// asks again, a unit narrows the list, a button chooses. Removing is
// offered the team's members (joined at the same moment: by id) and ends
// at 取消 typed; making a lead is for staff.
func TestTeamPeopleFlowInChinese(t *testing.T) {
	c := newTeamCast(t)
	const add = "要把谁加入Elder care？"
	const hint = "\n点名字选择，也可以回复名字或门牌号查找。"
	const everyone = "Boss · 1-101 王阿姨 · 3-502 | Li · 3-301 | 返回 取消"
	jfIs(t, c.jfSay(c.lead, "/team add Elder care"), add+hint, everyone)
	jfIs(t, c.jfSay(c.lead, "好"), "没有找到与“好”相符的人。\n\n"+add+hint, everyone)
	if f := c.jfFlow(c.lead); f != "team_people/who" {
		t.Fatalf("flow after a word matching nobody: %q", f)
	}
	found := c.jfSay(c.lead, "502")
	jfIs(t, found, add+"\n找到 1 位与“502”相符的人，点名字选择：", "王阿姨 · 3-502 | 显示全部 | 返回 取消")
	got := c.jfPress(c.lead, found, "fl:team_people:k:who:"+itoa(c.wang.ID))
	if len(got) != 2 {
		t.Fatalf("after 王阿姨's button: %s", jfDump(got))
	}
	jfIs(t, got[0], add+"\n已选：王阿姨 · 3-502", "")
	jfIs(t, got[1], "王阿姨 已加入 Elder care。", "")
	c.expect(c.wang.ID, "您已加入志愿队伍“Elder care”，派给队伍的工单和活动会发给您。")
	if !c.teamIn(c.care, c.wang.ID) {
		t.Fatal("王阿姨 is not in Elder care")
	}

	jfIs(t, c.jfSay(c.lead, "/team remove Elder care"), "要把谁移出Elder care？"+hint, "王阿姨 · 3-502 林 · 3-101 | 返回 取消")
	jfIs(t, c.jfSay(c.lead, "取消"), "已取消。需要时再找我。", jfMenuZh)
	if !c.teamIn(c.care, c.wang.ID) || c.jfFlow(c.lead) != "" {
		t.Fatalf("after 取消: in the team %v, flow %q", c.teamIn(c.care, c.wang.ID), c.jfFlow(c.lead))
	}
	jfIs(t, c.jfSay(c.lead, "/team lead Elder care"), "抱歉，您没有使用 /team lead 的权限。", "")
}

// Staff add someone without naming the team: the teams are offered
// first (a word that is none asks again), then the residents; a lead is
// found by a name typed and chosen by button; stopping someone leading
// ends at 取消 typed.
func TestTeamPeopleFlowInEnglish(t *testing.T) {
	c := newTeamCast(t)
	a := c.admin
	const hint = "\nTap a name, or reply with a name or unit to search."
	jfIs(t, c.jfSay(a, "/team add"), "Which team?", "Elder care | Sanitation | Cancel")
	jfIs(t, c.jfSay(a, "tomorrow"), jfTapEn+"Which team?", "Elder care | Sanitation | Cancel")
	whom := c.jfSay(a, "sanitation")
	jfIs(t, whom, "Chosen: Sanitation\n\nWhom should I add to Sanitation?"+hint, "Boss · 1-101 王阿姨 · 3-502 | Li · 3-301 林 · 3-101 | Back Cancel")
	got := c.jfPress(a, whom, "fl:team_people:k:who:"+itoa(c.li.ID))
	if len(got) != 2 {
		t.Fatalf("after Li's button: %s", jfDump(got))
	}
	jfIs(t, got[0], "Whom should I add to Sanitation?\nChosen: Li · 3-301", "")
	jfIs(t, got[1], "Li joined Sanitation.", "")
	c.expect(c.li.ID, `You joined the volunteer team "Sanitation"; tickets and jobs for it will come to you.`)

	jfIs(t, c.jfSay(a, "/team lead Sanitation"), "Who should lead Sanitation?"+hint, "Li · 3-301 | Back Cancel")
	found := c.jfSay(a, "li")
	jfIs(t, found, "Who should lead Sanitation?\n1 person matches “li”; tap the name:", "Li · 3-301 | Show all | Back Cancel")
	got = c.jfPress(a, found, "fl:team_people:k:who:"+itoa(c.li.ID))
	if len(got) != 2 {
		t.Fatalf("after Li's button: %s", jfDump(got))
	}
	jfIs(t, got[0], "Who should lead Sanitation?\nChosen: Li · 3-301", "")
	jfIs(t, got[1], "Li now leads Sanitation.", "")
	c.expect(c.li.ID, `You are now a lead of the volunteer team "Sanitation"`)

	jfIs(t, c.jfSay(a, "/team unlead Sanitation"), "Who should stop leading Sanitation?"+hint, "Li · 3-301 | Back Cancel")
	jfIs(t, c.jfSay(a, "取消"), "Cancelled. I am here when you need me.", tfStaffMenuEn)
	c.db(func(tx *storage.Tx) error {
		lead, err := tx.IsTeamLead(c.sweep, c.li.ID)
		if err == nil && !lead {
			t.Error("cancelled, yet Li no longer leads Sanitation")
		}
		return err
	})
}

// A team's new name, asked in a conversation: a name that cannot be one
// is refused and asked again; 取消 typed leaves the name.
func TestTeamRenameFlow(t *testing.T) {
	c := newTeamCast(t)
	a := c.admin
	page := c.teamPage(a, "Sanitation", "Open team")
	got := c.jfPress(a, page, "tm:ren:"+itoa(c.sweep))
	if len(got) != 1 {
		t.Fatalf("after Rename: %s", jfDump(got))
	}
	jfIs(t, got[0], "Send the new name for Sanitation (at most 64 characters).", "Cancel")
	jfIs(t, c.jfSay(a, "new Street"), "Usage: /team name shows a team; /team new name (at most 64 characters); /team add name @user; "+
		"/team remove name @user; /team lead name @user; /team unlead name @user. Send /teams to join one.", "Cancel")
	jfIs(t, c.jfSay(a, "elder care"), `There is already a team called "elder care".`, "Cancel")
	jfIs(t, c.jfSay(a, "Street  cleaners"), "Sanitation is now called Street cleaners.", "")
	if c.teamID("Street cleaners") != c.sweep {
		t.Fatal("the new name did not stick")
	}

	c.say(a, "/grant 2001 staff")
	c.expect(a.ID, "王阿姨 is now")
	w := c.wang
	page = c.teamPage(w, "Elder care", "Elder care")
	ask := func() {
		t.Helper()
		got := c.jfPress(w, page, "tm:ren:"+itoa(c.care))
		if len(got) != 1 {
			t.Fatalf("after Rename: %s", jfDump(got))
		}
		jfIs(t, got[0], "请发送 Elder care 的新名字（最多 64 字）。", "取消")
	}
	ask()
	jfIs(t, c.jfSay(w, "取消"), "已取消。需要时再找我。", tfStaffMenuZh)
	if c.teamID("Elder care") != c.care {
		t.Fatal("cancelled, yet renamed")
	}
	ask()
	jfIs(t, c.jfSay(w, "关爱队"), "Elder care 已改名为 关爱队。", "")
	if c.teamID("关爱队") != c.care {
		t.Fatal("the new name did not stick")
	}
}
