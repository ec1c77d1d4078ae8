package commands

import (
	"courtyard/storage"
	"courtyard/telegram"
)

// The permission table: every command and every button action, with who
// may use it (lowest role), where (private chat, linked group, unlinked
// group) and the one function that decides access to the object its
// arguments or data name (scope). The guard (core_rules.go) checks role and
// chat here, before any handler runs; the handler then asks the scope's
// function about the ticket, job, shift, household or team named. A button
// action without a row is refused as stale and logged, and a test fails.
//
// anyRole includes people who never registered: where registration is
// needed, the scope's function asks for it with the capability's words.
//
// A new capability adds, and the tests fail until it does:
//   - one row per command in commandTable:
//     {"schedule", rule{leaderUp, privateOnly, scopeNotice}, listed, a.schedule},
//   - one family in buttonTable with one row per verb its router takes:
//     {prefix: "sn:", run: a.noticeButton, refuse: "notice.staff_only", verbs: verbs{
//         "pause": {leaderUp, privateOnly, scopeNotice},
//     }},
//   - the scope, if new, in core_rules.go, naming its one may-function:
//     scopeNotice scope = "mayManageNotice" // notices_perm.go
//   - in app/permissions_cells_test.go, who its may-function refuses on a
//     forged object (permDenied) and, in permFixtures, an object to forge.

// commandTable lists every command. A command used in a chat its rule does
// not allow answers with a deep link to the private chat.
func (a *App) commandTable() []Command {
	cs := []Command{
		{"start", Rule{AnyRole, AnyChat, ScopeOwn}, Listed, a.start},
		{"help", Rule{AnyRole, AnyChat, ScopeNone}, Listed, a.help},
		{"lang", Rule{AnyRole, PrivateOnly, ScopeOwn}, Listed, a.langCmd},
		{"cancel", Rule{AnyRole, PrivateOnly, ScopeOwn}, Listed, a.cancel},
		{"grant", Rule{StaffUp, AnyChat, ScopeGrant}, Listed, a.grant},
		{"revoke", Rule{StaffUp, AnyChat, ScopeGrant}, Listed, a.revoke},
		{"linkchat", Rule{StaffUp, AnyChat, ScopeNone}, Listed, a.linkchat},
		{"status", Rule{StaffUp, PrivateOnly, ScopeNone}, Listed, a.status},
		{"report", Rule{AnyRole, AnyChat, ScopeOwn}, Listed, a.report},
		{"wish", Rule{AnyRole, AnyChat, ScopeOwn}, Listed, a.wish},
		{"my", Rule{AnyRole, PrivateOnly, ScopeOwn}, Listed, a.my},
		{"ticket", Rule{AnyRole, PrivateOnly, ScopeTicketView}, Listed, a.ticketCmd},
		{"mytasks", Rule{AnyRole, PrivateOnly, ScopeOwn}, Listed, a.mytasks},
		{"queue", Rule{LeaderUp, PrivateOnly, ScopeBuilding}, Listed, a.queue},
		{"assign", Rule{LeaderUp, PrivateOnly, ScopeTicketManage}, Listed, a.assign},
		{"reject", Rule{LeaderUp, PrivateOnly, ScopeTicketManage}, Listed, a.reject},
		{"duplicate", Rule{LeaderUp, PrivateOnly, ScopeTicketManage}, Listed, a.duplicate},
		{"ledger", Rule{LeaderUp, PrivateOnly, ScopeBuilding}, Listed, a.ledger},
		{"export", Rule{StaffUp, PrivateOnly, ScopeNone}, Listed, a.export},
		{"stats", Rule{StaffUp, AnyChat, ScopeNone}, Listed, a.stats},
		{"team", Rule{AnyRole, PrivateOnly, ScopeTeam}, Listed, a.team},
		{"teams", Rule{AnyRole, AnyChat, ScopeNone}, Listed, a.teams},
		{"hours", Rule{AnyRole, PrivateOnly, ScopeHours}, Listed, a.hours},
		{"shifts", Rule{AnyRole, PrivateOnly, ScopeShift}, Listed, a.shiftsCmd},
		{"found", Rule{AnyRole, PrivateOnly, ScopeShift}, Listed, a.found},
		{"roster", Rule{AnyRole, PrivateOnly, ScopeRoster}, Listed, a.rosterCmd},
		{"patrol", Rule{AnyRole, PrivateOnly, ScopePatrol}, Listed, a.patrolCmd},
		{"announce", Rule{LeaderUp, PrivateOnly, ScopeAnnounce}, Listed, a.announce},
		{"job", Rule{AnyRole, PrivateOnly, ScopeOrganise}, Listed, a.job},
		{"jobs", Rule{AnyRole, PrivateOnly, ScopeNone}, Listed, a.jobsCmd},
		{"myjobs", Rule{AnyRole, PrivateOnly, ScopeOwn}, Listed, a.myjobs},
		{"announcements", Rule{LeaderUp, PrivateOnly, ScopeAnnounce}, Listed, a.announcements},
		{"holidays", Rule{AnyRole, AnyChat, ScopeNone}, Listed, a.holidays},
		{"care", Rule{StaffUp, PrivateOnly, ScopeHousehold}, Listed, a.care},
		{"visits", Rule{StaffUp, PrivateOnly, ScopeHousehold}, Listed, a.visitsCmd},
		{"stars", Rule{AnyRole, PrivateOnly, ScopeStars}, Listed, a.stars},
		{"pledge", Rule{AnyRole, PrivateOnly, ScopeOwn}, Listed, a.pledge},
		{"pledges", Rule{AnyRole, PrivateOnly, ScopePledge}, Listed, a.pledges},
		{"schedule", Rule{LeaderUp, PrivateOnly, ScopeSchedule}, Listed, a.schedule},
		{"meeting", Rule{StaffUp, PrivateOnly, ScopeManageMeeting}, Listed, a.meeting},
		{"meetings", Rule{LeaderUp, PrivateOnly, ScopeViewMeeting}, Listed, a.meetings},
		{"mediation", Rule{AnyRole, PrivateOnly, ScopeMediate}, ListedFrom(StaffUp), a.mediation},
		{"mediator", Rule{StaffUp, PrivateOnly, ScopeNone}, Listed, a.mediator},
		{"summary", Rule{StaffUp, PrivateOnly, ScopeNone}, Listed, a.summary},
		{"mydata", Rule{AnyRole, PrivateOnly, ScopeOwn}, Listed, a.myData},
		{"forgetme", Rule{AnyRole, PrivateOnly, ScopeOwn}, Listed, a.forgetMe},
		{"block", Rule{StaffUp, PrivateOnly, ScopeBlock}, Listed, a.blockCmd},
		{"unblock", Rule{StaffUp, PrivateOnly, ScopeBlock}, Listed, a.unblockCmd},
		{"blocked", Rule{StaffUp, PrivateOnly, ScopeNone}, Listed, a.blockedCmd},
		{"audit", Rule{AdminOnly, PrivateOnly, ScopeAudit}, Listed, a.auditCmd},
	}
	for i := range cs {
		cs[i].Run = a.Guard(cs[i])
	}
	return cs
}

// buttonTable lists every button action: a family of buttons shares a data
// prefix and a router; each verb (the data's first field after the prefix,
// "*" for any) has its rule. refuse and private are the catalog keys of the
// answer when the table refuses the role or the chat (defaults:
// error.forbidden_button, error.private_button).
func (a *App) buttonTable() []Buttons {
	return []Buttons{
		{Prefix: "reg:", Run: a.regButton, Private: "error.stale_button", Verbs: Verbs{
			"change": {AnyRole, PrivateOnly, ScopeOwn},
			"b":      {AnyRole, PrivateOnly, ScopeOwn},
		}},
		{Prefix: "lang:", Run: a.langButton, Verbs: Verbs{
			"*": {AnyRole, PrivateOnly, ScopeOwn},
		}},
		{Prefix: "menu:", Run: a.menuButton, Private: "menu.private_only", Verbs: Verbs{
			"report": {AnyRole, PrivateOnly, ScopeOwn}, "wish": {AnyRole, PrivateOnly, ScopeOwn},
			"my": {AnyRole, PrivateOnly, ScopeOwn}, "help": {AnyRole, PrivateOnly, ScopeNone},
			"jobs": {AnyRole, PrivateOnly, ScopeJob}, "shifts": {AnyRole, PrivateOnly, ScopeShift},
			"stars": {AnyRole, PrivateOnly, ScopeStars}, "pledges": {AnyRole, PrivateOnly, ScopePledge},
			"lang": {AnyRole, PrivateOnly, ScopeOwn}, "mydata": {AnyRole, PrivateOnly, ScopeOwn},
			"mediation": {AnyRole, PrivateOnly, ScopeMediate}, "summary": {StaffUp, PrivateOnly, ScopeNone},
		}},
		{Prefix: "tk:", Run: a.ticketButton, Verbs: Verbs{
			"cat": {AnyRole, PrivateOnly, ScopeOwn}, "bld": {AnyRole, PrivateOnly, ScopeOwn},
			"b": {AnyRole, PrivateOnly, ScopeOwn}, "nm": {AnyRole, PrivateOnly, ScopeOwn},
			"cancel": {AnyRole, PrivateOnly, ScopeOwn},
			"claim":  {AnyRole, PrivateOnly, ScopeTicketWork}, "qclaim": {AnyRole, PrivateOnly, ScopeTicketWork},
			"back": {AnyRole, PrivateOnly, ScopeTicketWork}, "res": {AnyRole, PrivateOnly, ScopeTicketWork},
			"fb": {AnyRole, PrivateOnly, ScopeTicketReporter}, "me": {AnyRole, AnyChat, ScopeTicketFollow},
			"info": {AnyRole, AnyChat, ScopeTicketView}, "media": {AnyRole, PrivateOnly, ScopeTicketView},
			"hide": {AnyRole, PrivateOnly, ScopeTicketReporter},
		}},
		{Prefix: "an:", Run: a.announceButton, Refuse: "ann.not_yours", Private: "error.stale_button", Verbs: Verbs{
			"ack":  {AnyRole, AnyChat, ScopeRecipient},
			"send": {LeaderUp, PrivateOnly, ScopeAnnounce}, "pin": {LeaderUp, PrivateOnly, ScopeAnnounce},
			"cancel": {LeaderUp, PrivateOnly, ScopeAnnounce},
			"a":      {LeaderUp, PrivateOnly, ScopeAnnounce}, "b": {LeaderUp, PrivateOnly, ScopeAnnounce},
			"bd": {LeaderUp, PrivateOnly, ScopeAnnounce}, "t": {LeaderUp, PrivateOnly, ScopeAnnounce},
			"x": {LeaderUp, PrivateOnly, ScopeOwn},
		}},
		{Prefix: "lg:", Run: a.ledgerButton, Refuse: "error.forbidden", Private: "error.forbidden", Cmd: "/ledger", Verbs: Verbs{
			"*": {LeaderUp, PrivateOnly, ScopeBuilding},
		}},
		{Prefix: "pt:", Run: a.patrolButton, Verbs: Verbs{
			"tl": {AnyRole, PrivateOnly, ScopePatrol}, "ta": {AnyRole, PrivateOnly, ScopePatrol},
			"tc": {AnyRole, PrivateOnly, ScopePatrol}, "tp": {AnyRole, PrivateOnly, ScopePatrol},
			"tr": {AnyRole, PrivateOnly, ScopePatrol}, "trc": {AnyRole, PrivateOnly, ScopePatrol},
			"fp": {AnyRole, PrivateOnly, ScopePatrol}, "fs": {AnyRole, PrivateOnly, ScopePatrol},
			"fk": {AnyRole, PrivateOnly, ScopePatrol}, "fn": {AnyRole, PrivateOnly, ScopePatrol},
			"fsave": {AnyRole, PrivateOnly, ScopePatrol}, "fcancel": {AnyRole, PrivateOnly, ScopePatrol},
			"take": {AnyRole, PrivateOnly, ScopeTakeShift}, "takec": {AnyRole, PrivateOnly, ScopeTakeShift},
			"swap": {AnyRole, PrivateOnly, ScopeTakeShift}, "swapc": {AnyRole, PrivateOnly, ScopeTakeShift},
			"cant": {AnyRole, PrivateOnly, ScopeShift}, "way": {AnyRole, PrivateOnly, ScopeShift},
			"in": {AnyRole, PrivateOnly, ScopeShift}, "out": {AnyRole, PrivateOnly, ScopeShift},
			"found": {AnyRole, PrivateOnly, ScopeShift}, "offer": {AnyRole, PrivateOnly, ScopeShift},
			"offt": {AnyRole, PrivateOnly, ScopeShift}, "offm": {AnyRole, PrivateOnly, ScopeShift},
		}},
		{Prefix: "tm:", Run: a.teamButton, Refuse: "team.staff_only", Private: "error.stale_button", Verbs: Verbs{
			"view": {AnyRole, PrivateOnly, ScopeTeam}, "join": {AnyRole, PrivateOnly, ScopeJoin},
			"leave": {AnyRole, PrivateOnly, ScopeOwn}, "leavey": {AnyRole, PrivateOnly, ScopeOwn},
			"stay": {AnyRole, PrivateOnly, ScopeOwn},
			"ok":   {AnyRole, PrivateOnly, ScopeTeam}, "no": {AnyRole, PrivateOnly, ScopeTeam},
			"leads": {StaffUp, PrivateOnly, ScopeNone}, "lead": {StaffUp, PrivateOnly, ScopeNone},
			"restr": {StaffUp, PrivateOnly, ScopeNone}, "ren": {StaffUp, PrivateOnly, ScopeNone},
			"arch": {StaffUp, PrivateOnly, ScopeNone}, "archy": {StaffUp, PrivateOnly, ScopeNone},
			"unarch": {StaffUp, PrivateOnly, ScopeNone},
		}},
		{Prefix: "jb:", Run: a.jobButton, Private: "error.stale_button", Verbs: Verbs{
			"n":  {AnyRole, PrivateOnly, ScopeOrganise},
			"pg": {AnyRole, PrivateOnly, ScopeJob}, "clr": {AnyRole, PrivateOnly, ScopeNoShows},
			"su": {AnyRole, AnyChat, ScopeJob}, "suc": {AnyRole, PrivateOnly, ScopeJob},
			"wd": {AnyRole, AnyChat, ScopeOwn}, "wdx": {AnyRole, PrivateOnly, ScopeOwn},
			"ok": {AnyRole, PrivateOnly, ScopeOwn}, "no": {AnyRole, PrivateOnly, ScopeOwn},
			"keep": {AnyRole, PrivateOnly, ScopeOwn},
			"cx":   {AnyRole, PrivateOnly, ScopeManageJob}, "cxy": {AnyRole, PrivateOnly, ScopeManageJob},
			"mv": {AnyRole, PrivateOnly, ScopeManageJob}, "at": {AnyRole, PrivateOnly, ScopeManageJob},
		}},
		{Prefix: "cr:", Run: a.careButton, Refuse: "care.staff_only", Private: "care.staff_only", Verbs: Verbs{
			"list": {StaffUp, PrivateOnly, ScopeNone}, "arch": {StaffUp, PrivateOnly, ScopeNone},
			"new": {StaffUp, PrivateOnly, ScopeNone}, "b": {StaffUp, PrivateOnly, ScopeOwn},
			"r": {StaffUp, PrivateOnly, ScopeOwn}, "skip": {StaffUp, PrivateOnly, ScopeOwn},
			"v": {StaffUp, PrivateOnly, ScopeHousehold}, "e": {StaffUp, PrivateOnly, ScopeHousehold},
			"x": {StaffUp, PrivateOnly, ScopeHousehold}, "vis": {StaffUp, PrivateOnly, ScopeHousehold},
			"va": {StaffUp, PrivateOnly, ScopeHousehold}, "vt": {StaffUp, PrivateOnly, ScopeHousehold},
		}},
		{Prefix: "vi:", Run: a.visitButton, Private: "visits.not_yours", Verbs: Verbs{
			"done": {AnyRole, PrivateOnly, ScopeVisit}, "tk": {AnyRole, PrivateOnly, ScopeVisit},
			"wish": {AnyRole, PrivateOnly, ScopeVisit}, "skip": {AnyRole, PrivateOnly, ScopeVisit},
		}},
		{Prefix: "st:", Run: a.starButton, Refuse: "stars.staff_only", Private: "menu.private_only", Verbs: Verbs{
			"o": {StaffUp, PrivateOnly, ScopeStars}, "od": {StaffUp, PrivateOnly, ScopeStars},
			"ov": {StaffUp, PrivateOnly, ScopeStars}, "oa": {StaffUp, PrivateOnly, ScopeStars},
			"oy": {StaffUp, PrivateOnly, ScopeStars}, "ox": {StaffUp, PrivateOnly, ScopeStars},
			"s": {StaffUp, PrivateOnly, ScopeStars}, "t": {StaffUp, PrivateOnly, ScopeStars},
			"n": {AnyRole, PrivateOnly, ScopeTakePart}, "w": {AnyRole, PrivateOnly, ScopeTakePart},
			"b": {AnyRole, PrivateOnly, ScopeTakePart}, "v": {AnyRole, PrivateOnly, ScopeTakePart},
			"c": {AnyRole, PrivateOnly, ScopeOwn},
		}},
		{Prefix: "pl:", Run: a.pledgeButton, Private: "menu.private_only", Verbs: Verbs{
			"pub": {AnyRole, PrivateOnly, ScopeOwn}, "x": {AnyRole, PrivateOnly, ScopeOwn},
			"rk": {AnyRole, PrivateOnly, ScopeOwn},
			"d":  {AnyRole, PrivateOnly, ScopePledge}, "sr": {AnyRole, PrivateOnly, ScopePledge},
			"v": {AnyRole, PrivateOnly, ScopeNone}, "c": {AnyRole, PrivateOnly, ScopeManagePledges},
			"r": {AnyRole, PrivateOnly, ScopeRatePledge}, "rv": {AnyRole, PrivateOnly, ScopeRatePledge},
		}},
		{Prefix: "sc:", Run: a.scheduleButton, Refuse: "error.stale_button", Private: "error.stale_button", Verbs: Verbs{
			"new": {LeaderUp, PrivateOnly, ScopeNone},
			"v":   {LeaderUp, PrivateOnly, ScopeSchedule}, "p": {LeaderUp, PrivateOnly, ScopeSchedule},
			"r": {LeaderUp, PrivateOnly, ScopeSchedule}, "d": {LeaderUp, PrivateOnly, ScopeSchedule},
			"et": {LeaderUp, PrivateOnly, ScopeSchedule}, "ew": {LeaderUp, PrivateOnly, ScopeSchedule},
			"x": {LeaderUp, PrivateOnly, ScopeOwn}, "w": {LeaderUp, PrivateOnly, ScopeOwn},
			"h": {LeaderUp, PrivateOnly, ScopeOwn}, "a": {LeaderUp, PrivateOnly, ScopeOwn},
			"b": {LeaderUp, PrivateOnly, ScopeOwn}, "bd": {LeaderUp, PrivateOnly, ScopeOwn},
			"t": {LeaderUp, PrivateOnly, ScopeOwn}, "save0": {LeaderUp, PrivateOnly, ScopeOwn},
			"save1": {LeaderUp, PrivateOnly, ScopeOwn},
		}},
		{Prefix: "mt:", Run: a.meetingButton, Refuse: "mt.not_yours", Private: "error.stale_button", Verbs: Verbs{
			// Invitations are posted to linked groups too: Coming and
			// Can't come answer there, for the invited chat only.
			"y": {AnyRole, AnyChat, ScopeInvited}, "n": {AnyRole, AnyChat, ScopeInvited},
			"v":    {LeaderUp, PrivateOnly, ScopeViewMeeting},
			"post": {StaffUp, PrivateOnly, ScopeManageMeeting}, "rep": {StaffUp, PrivateOnly, ScopeManageMeeting},
			"cancel": {StaffUp, PrivateOnly, ScopeManageMeeting}, "min": {StaffUp, PrivateOnly, ScopeManageMeeting},
			"dec": {StaffUp, PrivateOnly, ScopeManageMeeting}, "tk": {StaffUp, PrivateOnly, ScopeManageMeeting},
			"jb": {StaffUp, PrivateOnly, ScopeManageMeeting},
			"x":  {StaffUp, PrivateOnly, ScopeOwn}, "pull": {StaffUp, PrivateOnly, ScopeOwn},
			"ad": {StaffUp, PrivateOnly, ScopeOwn}, "a": {StaffUp, PrivateOnly, ScopeOwn},
			"b": {StaffUp, PrivateOnly, ScopeOwn}, "bd": {StaffUp, PrivateOnly, ScopeOwn},
			"t": {StaffUp, PrivateOnly, ScopeOwn},
		}},
		{Prefix: "md:", Run: a.mediationButton, Refuse: "mediation.move_refused", Private: "mediation.group_refused", Verbs: Verbs{
			"tk":  {LeaderUp, PrivateOnly, ScopeMoveToMediation},
			"new": {AnyRole, PrivateOnly, ScopeMediate}, "l": {AnyRole, PrivateOnly, ScopeMediate},
			"o": {AnyRole, PrivateOnly, ScopeDispute}, "s": {AnyRole, PrivateOnly, ScopeDispute},
			"f": {AnyRole, PrivateOnly, ScopeDispute}, "oc": {AnyRole, PrivateOnly, ScopeDispute},
			"out": {AnyRole, PrivateOnly, ScopeDispute},
		}},
		{Prefix: "xl:", Run: a.excelButton, Refuse: "error.forbidden", Private: "error.forbidden", Cmd: "/export", Verbs: Verbs{
			"*": {StaffUp, PrivateOnly, ScopeNone},
		}},
		{Prefix: "pv:", Run: a.privacyButton, Private: "forget.private_only", Verbs: Verbs{
			"forget": {AnyRole, PrivateOnly, ScopeOwn}, "keep": {AnyRole, PrivateOnly, ScopeOwn},
		}},
		{Prefix: "au:", Run: a.auditButton, Refuse: "audit.forbidden", Private: "audit.forbidden", Verbs: Verbs{
			"*": {AdminOnly, PrivateOnly, ScopeAudit},
		}},
	}
}

// Menu is the command list for setMyCommands: commands usable at role, in
// private or in groups, in lang.
func (a *App) Menu(role storage.Role, group bool, lang string) []telegram.BotCommand {
	var out []telegram.BotCommand
	for _, c := range a.commandTable() {
		if c.Menu == "" || c.Rule.Min.Rank() > role.Rank() || (group && c.Rule.Chats&InLinked == 0) {
			continue
		}
		if c.Menu != Listed && storage.Role(c.Menu).Rank() > role.Rank() {
			continue
		}
		out = append(out, telegram.BotCommand{Command: c.Name, Description: a.Cat.T(lang, "cmd."+c.Name)})
	}
	return out
}
