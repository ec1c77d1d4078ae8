package commands

import "courtyard/commands/core"

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

// commandTable lists every command, capability by capability. A command
// used in a chat its rule does not allow answers with a deep link to the
// private chat.
func (a *App) commandTable() []core.Command {
	var cs []core.Command
	for _, rows := range [][]core.Command{
		a.peopleCommandRows(),
		a.ticketCommandRows(),
		a.ledgerCommandRows(),
		a.teamCommandRows(),
		a.jobCommandRows(),
		a.patrolCommandRows(),
		a.careCommandRows(),
		a.mediationCommandRows(),
		a.summaryCommandRows(),
		a.privacyCommandRows(),
	} {
		cs = append(cs, rows...)
	}
	return cs
}

// buttonTable lists every button family, capability by capability: a
// family of buttons shares a data prefix and a router; each verb (the
// data's first field after the prefix, "*" for any) has its rule. Refuse
// and Private are the catalog keys of the answer when the table refuses
// the role or the chat (defaults: error.forbidden_button,
// error.private_button).
func (a *App) buttonTable() []core.Buttons {
	var bs []core.Buttons
	for _, rows := range [][]core.Buttons{
		a.peopleButtonRows(),
		a.ticketButtonRows(),
		a.ledgerButtonRows(),
		a.teamButtonRows(),
		a.jobButtonRows(),
		a.patrolButtonRows(),
		a.careButtonRows(),
		a.mediationButtonRows(),
		a.summaryButtonRows(),
		a.privacyButtonRows(),
	} {
		bs = append(bs, rows...)
	}
	return bs
}
